"""mvi-monitor invite ORG EMAIL ROLE: invite someone to an organisation by e-mail. Answers
in the installation's language (LANGUAGE_CODE); the e-mail is in `--language`."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.organisations import selectors, services
from mvimonitor.organisations.roles import Role


class Command(BaseCommand):
    help = "Invite someone to an organisation by e-mail, with a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="Slug of the organisation, e.g. helmond.")
        parser.add_argument("email", help="E-mail address of the person to invite.")
        parser.add_argument("role", choices=Role.values, help="Role in the organisation.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Scheme and host of the site for the link (default: MVI_BASE_URL, else the "
            "first MVI_ALLOWED_HOSTS entry in production, http://127.0.0.1:8000 otherwise).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Language of the e-mail.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._invite(**options)

    def _invite(self, **options: Any) -> None:
        organisation = selectors.organisation_with_slug(slug=options["organisation"])
        if organisation is None:
            raise CommandError(
                _("There is no organisation with the short name “%(slug)s”.")
                % {"slug": options["organisation"]}
            )
        try:
            with acting_as(label="command invite"):
                invitation = services.invitation_create_and_send(
                    organisation=organisation,
                    email=options["email"],
                    role=options["role"],
                    invited_by=None,
                    base_url=options["base_url"] or settings.BASE_URL,
                    language=options["language"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _(
                "Invitation sent to %(email)s to join %(organisation)s as %(role)s, valid "
                "until %(date)s."
            )
            % {
                "email": invitation.email,
                "organisation": organisation.name,
                "role": Role(invitation.role).label,
                "date": formats.date_format(
                    timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
                ),
            }
        )
