"""mvi-monitor create-organisation SLUG NAME: add an organisation, optionally with its
first coordinator (an existing account; invite others with `mvi-monitor invite`)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from mvimonitor.accounts.selectors import user_with_email
from mvimonitor.audit.context import acting_as
from mvimonitor.organisations import services
from mvimonitor.organisations.models import Organisation


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
        parser.add_argument(
            "--coordinator",
            metavar="EMAIL",
            help="E-mail address of an existing account that becomes coordinator.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        coordinator = None
        if options["coordinator"]:
            coordinator = user_with_email(email=options["coordinator"])
            if coordinator is None:
                raise CommandError(
                    f"No account with e-mail address {options['coordinator']!r}; create the "
                    "organisation without --coordinator and use `mvi-monitor invite`."
                )
        try:
            with acting_as(label="command create-organisation"), transaction.atomic():
                organisation = services.organisation_create(
                    name=options["name"],
                    slug=options["slug"],
                    kind=options["kind"],
                    coordinator=coordinator,
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Created {organisation.name} ({organisation.slug}).")
