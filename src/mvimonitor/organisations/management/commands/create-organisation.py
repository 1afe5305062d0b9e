"""mvi-monitor create-organisation SLUG NAME: add an organisation, optionally with its
first coordinator: an existing account (`--coordinator`) or anyone, invited by e-mail
(`--coordinator-email`). Answers in the installation's language (LANGUAGE_CODE). The same
as a site administrator's page "Organisatie aanmaken", for automation."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from mvimonitor.accounts.selectors import user_with_email
from mvimonitor.audit.context import acting_as
from mvimonitor.organisations import services
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.roles import Role


class Command(BaseCommand):
    help = "Create an organisation, optionally with its first coordinator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Short name used in URLs, e.g. helmond.")
        parser.add_argument("name", help='Full name, e.g. "Gemeente Helmond".')
        parser.add_argument(
            "--kind",
            choices=Organisation.Kind.values,
            default=Organisation.Kind.MUNICIPALITY,
        )
        parser.add_argument("--inhabitants", type=int, default=None, help="Number of inhabitants.")
        parser.add_argument(
            "--code",
            default="",
            help="CBS or TOOI code, e.g. GM0794 or gm0794 (a province pv30, a water board "
            "ws0155, a ministry mnre1034).",
        )
        parser.add_argument(
            "--coordinator",
            metavar="EMAIL",
            help="E-mail address of an existing account that becomes coordinator.",
        )
        parser.add_argument(
            "--coordinator-email",
            metavar="EMAIL",
            help="Invite this address by e-mail to become coordinator (with or without an "
            "account).",
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="Scheme and host of the site for the invitation's link (default: MVI_BASE_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._create(**options)

    def _create(self, **options: Any) -> None:
        coordinator = None
        if options["coordinator"]:
            coordinator = user_with_email(email=options["coordinator"])
            if coordinator is None:
                raise CommandError(
                    _(
                        "There is no account with the e-mail address %(email)s. Invite that "
                        "person with --coordinator-email instead."
                    )
                    % {"email": options["coordinator"]}
                )
        try:
            with acting_as(label="command create-organisation"), transaction.atomic():
                organisation = services.organisation_create(
                    name=options["name"],
                    slug=options["slug"],
                    kind=options["kind"],
                    coordinator=coordinator,
                    inhabitants=options["inhabitants"],
                    tooi_code=options["code"],
                )
                invitation = None
                if options["coordinator_email"]:
                    invitation = services.invitation_create_and_send(
                        organisation=organisation,
                        email=options["coordinator_email"],
                        role=Role.COORDINATOR,
                        invited_by=None,
                        base_url=options["base_url"] or settings.BASE_URL,
                        language=settings.LANGUAGE_CODE,
                    )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Created %(name)s (short name %(slug)s).")
            % {"name": organisation.name, "slug": organisation.slug}
        )
        if coordinator is not None:
            self.stdout.write(_("%(email)s is its coordinator.") % {"email": coordinator.email})
        if invitation is not None:
            self.stdout.write(
                _("The invitation to become its coordinator has been sent to %(email)s.")
                % {"email": invitation.email}
            )
