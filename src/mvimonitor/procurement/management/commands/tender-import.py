"""`mvi-monitor tender-import ORG FILE [--contracts]`: create or update an organisation's
tenders (or contracts and their suppliers) from an .xlsx or .ods file, all rows or none.
Every error is printed as "Rij N, kolom X: ..."; then the command exits with status 2.

The module name has a hyphen so that Django's command name is `tender-import`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.procurement.exchange.commands import (
    FAILED,
    add_common_arguments,
    read_file,
    resolve_organisation,
)
from mvimonitor.procurement.exchange.services import contracts_import, tenders_import


class Command(BaseCommand):
    help = (
        "Import an organisation's tenders (or, with --contracts, its contracts) from an "
        ".xlsx or .ods file (all rows or none)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument("file", help="the .xlsx or .ods file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = resolve_organisation(options["organisation"])
        path = Path(options["file"])
        data = read_file(path)
        run = contracts_import if options["contracts"] else tenders_import
        with acting_as(label="command tender-import"):
            result = run(organisation=organisation, data=data, filename=path.name, by=None)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s error(s).") % {"count": len(result.problems)},
                returncode=FAILED,
            )
        self.stdout.write(
            _(
                "Imported %(rows)s rows into %(organisation)s: %(created)s new, %(updated)s "
                "changed, %(phase_changes)s phase changes, %(unchanged)s unchanged."
            )
            % {"organisation": organisation.name, **result.summary()}
        )
