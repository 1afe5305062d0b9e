"""`mvi-monitor import-cpv FILE`: load the official CPV list (the EU's .xlsx, or a .csv
with the same columns: CODE, NL and optionally EN, in any order) into the reference
table, all rows or none. Every error is printed as "Rij N, kolom X: ..."; then the
command exits with status 2. Loading the same file again changes nothing.

The module name has a hyphen so that Django's command name is `import-cpv`."""

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size, is_blank, read_sheet
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
            data = path.read_bytes()
            if path.suffix.lower() == ".csv":
                return _csv_rows(data)
            sheet = read_sheet(data, filename=path.name)
        except SpreadsheetError as error:
            raise CommandError(error.message, returncode=BAD_FILE) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
                returncode=BAD_FILE,
            ) from error
        return sheet.header.cells, [(row.number, row.cells) for row in sheet.rows]


def _csv_rows(data: bytes) -> tuple[Sequence[Any], Rows]:
    """A CSV file in UTF-8 (with or without byte order mark), separated by commas or
    semicolons (Excel in Dutch writes semicolons)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(_("The CSV file is not in UTF-8; save it as CSV UTF-8.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not lines:
        raise SpreadsheetError(_("The file is empty."))
    rows: Rows = [
        (number, cells) for number, cells in enumerate(lines[1:], start=2) if not is_blank(cells)
    ]
    if len(rows) > settings.IMPORT_MAX_ROWS:
        raise SpreadsheetError(
            _("The file has more than %(limit)s rows.") % {"limit": settings.IMPORT_MAX_ROWS}
        )
    return lines[0], rows
