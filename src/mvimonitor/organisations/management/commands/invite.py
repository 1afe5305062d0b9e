"""mvi-monitor invite ORG EMAIL ROLE: invite someone to an organisation by e-mail."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from mvimonitor.audit.context import acting_as
from mvimonitor.organisations import services
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.roles import Role


def default_base_url() -> str:
    """Where invitees open the link: the first allowed host (HTTPS) in production."""
    if settings.PRODUCTION and settings.ALLOWED_HOSTS:
        return f"https://{settings.ALLOWED_HOSTS[0]}"
    return "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Invite someone to an organisation by e-mail, with a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="Slug of the organisation, e.g. helmond.")
        parser.add_argument("email", help="E-mail address of the person to invite.")
        parser.add_argument("role", choices=Role.values, help="Role in the organisation.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Scheme and host of the site for the link (default: the first "
            "MVI_ALLOWED_HOSTS entry in production, http://127.0.0.1:8000 otherwise).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the e-mail.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with slug {options['organisation']!r}.")
        try:
            with acting_as(label="command invite"), transaction.atomic():
                invitation = services.invitation_create(
                    organisation=organisation,
                    email=options["email"],
                    role=options["role"],
                    invited_by=None,
                )
                services.invitation_send(
                    invitation=invitation,
                    base_url=options["base_url"] or default_base_url(),
                    language=options["language"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Invitation sent to {invitation.email} for {organisation.name} "
            f"({invitation.role}), valid until {invitation.expires_at:%Y-%m-%d %H:%M}."
        )
