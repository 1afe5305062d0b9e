"""`mvi-monitor plan-import PLAN plan.xlsx`: upsert a plan's actions from a spreadsheet,
all or nothing. Every error is printed as "Rij N, kolom X: ..."; then the command exits
with status 1.

The module name has a hyphen so that Django's command name is `plan-import`."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.commands import resolve_plan
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size
from mvimonitor.exchange.services import plan_import


class Command(BaseCommand):
    help = "Import the actions of a plan from an .xlsx or .ods file (all rows or none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "plan", help="ORGANISATION/PLAN, or a plan slug only one organisation uses"
        )
        parser.add_argument("file", help="the .xlsx or .ods file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = resolve_plan(options["plan"])
        path = Path(options["file"])
        data = self._read(path)
        # Run from the command line by whoever operates the installation: coordinator
        # rights (a cancelled action may be restarted).
        with acting_as(label="command plan-import"):
            result = plan_import(
                plan=plan, data=data, filename=path.name, by=None, is_coordinator=True
            )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s error(s).") % {"count": len(result.problems)}
            )
        self.stdout.write(
            _(
                "Imported %(rows)s rows into %(plan)s: %(created)s new, %(updated)s changed, "
                "%(status_changes)s status changes, %(unchanged)s unchanged."
            )
            % {"plan": plan.name, **result.summary()}
        )

    def _read(self, path: Path) -> bytes:
        try:
            check_size(path.stat().st_size)
            with path.open("rb") as handle:
                return handle.read(settings.IMPORT_MAX_BYTES + 1)
        except SpreadsheetError as error:
            raise CommandError(error.message) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
            ) from error
