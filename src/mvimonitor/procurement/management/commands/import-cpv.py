"""`mvi-monitor import-cpv FILE`: load the official CPV list (the EU's .xlsx, or a .csv
or .ods with the same columns: CODE, NL and optionally EN, in any order; read as the
imports read them, exchange.reading) into the reference
table, all rows or none. Every error is printed as "Rij N, kolom X: ..."; then the
command exits with status 2. Loading the same file again changes nothing.

The module name has a hyphen so that Django's command name is `import-cpv`."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size, read_sheet
from mvimonitor.procurement.services.cpv import cpv_import

BAD_FILE = 2

Rows = list[tuple[int, Sequence[Any]]]


class Command(BaseCommand):
    help = "Import the official CPV list from an .xlsx or .csv file (all rows or none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx or .csv file with columns CODE, NL, EN")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        header, rows = self._read(path)
        with acting_as(label="command import-cpv"):
            result = cpv_import(header=header, rows=rows)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s error(s).") % {"count": len(result.problems)},
                returncode=BAD_FILE,
            )
        self.stdout.write(
            _(
                "Imported %(rows)s CPV codes: %(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged."
            )
            % {
                "rows": result.created + result.updated + result.unchanged,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )

    def _read(self, path: Path) -> tuple[Sequence[Any], Rows]:
        try:
            check_size(path.stat().st_size)
            sheet = read_sheet(path.read_bytes(), filename=path.name)
        except SpreadsheetError as error:
            raise CommandError(error.message, returncode=BAD_FILE) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=BAD_FILE,
            ) from error
        return sheet.header.cells, [(row.number, row.cells) for row in sheet.rows]
