"""Reading one sheet of an uploaded spreadsheet into plain rows.

.xlsx (openpyxl), .ods (python-calamine) and CSV (exchange.csv_read) are read; the kind
is recognised by the file's content, not its name. The first sheet is read unless
another is chosen (`sheet_names` lists them). A file is refused with a message the user
can act on when it is of another kind, encrypted, damaged, or too large, compressed or
not (a "zip bomb" of a few kilobytes can unpack to gigabytes, or describe a sheet of
billions of cells that a reader would lay out in memory). See docs/adr/0006-plan-import.md.
"""

import io
import zipfile
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mvimonitor.exchange import csv_read
from mvimonitor.exchange.ods_scan import OdsScan, scan_ods_content
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.values import FORMULA_WITHOUT_VALUE, key
from mvimonitor.exchange.xlsx_scan import formulas_without_value

#: Unpacked size allowed per packed byte limit: real spreadsheets unpack to 3-8 times
#: their size, so ten times the upload limit leaves room and stops zip bombs early.
UNPACKED_FACTOR = 10
#: Columns read per row; the plan has 15, so more than this is never a plan sheet.
MAX_COLUMNS = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Office stores a password-protected .xlsx as an OLE container with this stream.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class SheetRow:
    number: int  # the sheet's own row number, blank rows counted
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class Sheet:
    header: SheetRow
    rows: list[SheetRow]  # the non-blank rows below the header
    name: str = ""  # the sheet's name in the file (a CSV file's: see sheet_names)


def is_blank(cells: tuple[Any, ...] | list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


def read_sheet(
    data: bytes,
    *,
    filename: str = "",
    on_row: Callable[[int], None] | None = None,
    headers_hint: str | None = None,
    sheet: str | None = None,
) -> Sheet:
    """The header row and the non-blank data rows of the sheet called `sheet` (None:
    the file's first sheet). `on_row(n)` is called now and then with the number of rows
    read so far; `headers_hint` names the expected headers when the header row is empty
    (the plan's when not given)."""
    kind = detect_kind(data, filename=filename)
    if kind == "xlsx":
        name, rows = _xlsx_rows(data, sheet)
    elif kind == "ods":
        name, rows = _ods_rows(data, sheet)
    else:
        name = _chosen([csv_read.sheet_name(filename)], sheet)
        rows = csv_read.csv_rows(data, columns=MAX_COLUMNS)
    collected = _collect(rows, on_row=on_row, headers_hint=headers_hint)
    return Sheet(header=collected.header, rows=collected.rows, name=name)


def sheet_names(data: bytes, *, filename: str = "") -> list[str]:
    """The names of the file's sheets that `read_sheet` can read, in the file's order
    (hidden ones too; an .xlsx file's chart sheets are left out). A CSV file has one,
    named after the file."""
    kind = detect_kind(data, filename=filename)
    if kind == "xlsx":
        book = _open_xlsx(data)
        try:
            return [worksheet.title for worksheet in book.worksheets]
        finally:
            book.close()
    if kind == "ods":
        return list(_ods_scan(data).sheets)
    return [csv_read.sheet_name(filename)]


def _chosen(names: list[str], sheet: str | None) -> str:
    """The name of the sheet to read: `sheet` as the file spells it (case and spaces
    aside when that leaves one), the first sheet when None."""
    if not names:
        raise SpreadsheetError(_("The file has no sheet with rows."))
    if sheet is None or sheet in names:
        return names[0] if sheet is None else sheet
    alike = [name for name in names if key(name) == key(sheet)]
    if len(alike) == 1:
        return alike[0]
    raise SpreadsheetError(
        _("The file has no sheet “%(sheet)s”. Choose one of: %(names)s.")
        % {"sheet": sheet, "names": ", ".join(f"“{name}”" for name in names)}
    )


def check_size(size: int) -> None:
    if size > settings.IMPORT_MAX_BYTES:
        raise SpreadsheetError(
            _(
                "The file is too large (%(size)s); the limit is %(limit)s. Split the plan "
                "over more files or remove what is not needed."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
        )


def detect_kind(data: bytes, *, filename: str = "") -> str:
    """ "xlsx", "ods" or "csv", or a SpreadsheetError saying what the file is instead."""
    check_size(len(data))
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in data:
            raise _encrypted()
        raise SpreadsheetError(
            _(
                "This is an old Excel file (.xls), which cannot be read. Open it in Excel or "
                "LibreOffice and save it as .xlsx or .ods."
            )
        )
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if csv_read.looks_like_csv(data, filename=filename):
        return "csv"
    raise _not_a_spreadsheet()


def _encrypted() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is protected with a password. Save it without a password and try again.")
    )


def _not_a_spreadsheet() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "This file is not an Excel (.xlsx), OpenDocument (.ods) or CSV file. Save it "
            "as .xlsx, .ods or .csv and try again."
        )
    )


def _damaged() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The file is damaged and cannot be read. Open it in Excel or LibreOffice, save it "
            "again as .xlsx or .ods and try again."
        )
    )


def _too_big_unpacked() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The spreadsheet is too large once unpacked. Remove what is not needed, or split "
            "the plan over more files."
        )
    )


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive)
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "content.xml" in names and _is_ods(archive, names):
                return "ods"
    except SpreadsheetError:
        raise
    except Exception as error:
        # zipfile raises many kinds on a damaged archive: BadZipFile, NotImplementedError
        # (a zip version or compression method it does not know), zlib.error (a broken
        # compressed member), EOFError, ...
        raise _damaged() from error
    raise _not_a_spreadsheet()


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "mimetype" in names and archive.read("mimetype").strip() != ODS_MIMETYPE:
        return False
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
        "META-INF/manifest.xml"
    ):
        raise _encrypted()
    return True


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse what would unpack too large, reading every member through zipfile, which
    stops at the declared size and checks the CRC: the declared sizes cannot lie."""
    members = archive.infolist()
    limit = settings.IMPORT_MAX_BYTES * UNPACKED_FACTOR
    if any(info.flag_bits & 0x1 for info in members):
        raise _encrypted()
    if sum(info.file_size for info in members) > limit:
        raise _too_big_unpacked()
    for info in members:
        with archive.open(info) as member:
            while member.read(1 << 20):
                pass


def _open_xlsx(data: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _damaged() from error


def _xlsx_rows(data: bytes, sheet: str | None) -> tuple[str, Iterator[tuple[Any, ...]]]:
    book = _open_xlsx(data)
    try:
        name = _chosen([worksheet.title for worksheet in book.worksheets], sheet)
    except SpreadsheetError:
        book.close()
        raise
    return name, _xlsx_sheet_rows(data, book, name)


def _xlsx_sheet_rows(data: bytes, book: Any, name: str) -> Iterator[tuple[Any, ...]]:
    try:
        worksheet = book[name]
        # The stored dimensions may be wrong (some writers leave them out or stale):
        # read every row there is instead.
        worksheet.reset_dimensions()
        try:
            rows = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
            yield from _marked(rows, _formulas_without_value(data, name))
        except SpreadsheetError:
            raise
        except Exception as error:
            raise _damaged() from error
    finally:
        book.close()


def _formulas_without_value(data: bytes, sheet: str) -> set[tuple[int, int]]:
    try:
        return formulas_without_value(data, sheet=sheet)
    except Exception as error:  # a package openpyxl opened but that is not as it should be
        raise _damaged() from error


def _marked(
    rows: Iterator[tuple[Any, ...]], positions: Set[tuple[int, int]]
) -> Iterator[tuple[Any, ...]]:
    """The rows, with FORMULA_WITHOUT_VALUE in the cells at `positions` (row, column,
    from 1), which the reader gives as empty or leaves out (past the last value of the
    sheet, a row or a column of such cells only is not read at all)."""
    if not positions:
        yield from rows
        return
    widths: dict[int, int] = {}
    for row_number, column in positions:
        widths[row_number] = max(widths.get(row_number, 0), column)
    number = 0
    for number, row in enumerate(rows, start=1):
        yield _mark(number, row, positions, widths.get(number, 0))
    for extra in range(number + 1, max(widths) + 1):
        yield _mark(extra, (), positions, widths.get(extra, 0))


def _mark(
    number: int, row: tuple[Any, ...], positions: Set[tuple[int, int]], width: int
) -> tuple[Any, ...]:
    cells = list(row) + [None] * (width - len(row))
    return tuple(
        FORMULA_WITHOUT_VALUE if (number, column) in positions else value
        for column, value in enumerate(cells, start=1)
    )


def _ods_rows(data: bytes, sheet: str | None) -> tuple[str, Iterator[tuple[Any, ...]]]:
    scan = _ods_scan(data)
    name = _chosen(list(scan.sheets), sheet)
    if scan.sheets[name].last_row > settings.IMPORT_MAX_ROWS + 1:
        raise _too_many_rows()
    return name, _ods_sheet_rows(data, name, scan)


def _ods_sheet_rows(data: bytes, name: str, scan: OdsScan) -> Iterator[tuple[Any, ...]]:
    from python_calamine import CalamineWorkbook

    shape = scan.sheets[name]
    if shape.last_row == 0:
        return
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # Rows and columns are counted from A1, empty ones in front included.
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own error kinds, or ValueError
        raise _damaged() from error
    yield from _marked((tuple(row[:MAX_COLUMNS]) for row in rows), shape.uncalculated)


def _ods_scan(data: bytes) -> OdsScan:
    """The shape of every sheet; the workbook is refused when python-calamine, which
    lays out all its sheets when it opens it, would lay out more cells than the
    largest sheet we read."""
    rows = settings.IMPORT_MAX_ROWS + 1
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
            scan = scan_ods_content(content, rows=rows, columns=MAX_COLUMNS)
    except SpreadsheetError:
        raise
    except Exception as error:
        raise _damaged() from error
    if scan.area > rows * MAX_COLUMNS:
        raise _too_many_rows()
    return scan


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The sheet has more than %(limit)s rows below the header. Split the plan over "
            "more files."
        )
        % {"limit": settings.IMPORT_MAX_ROWS}
    )


def _collect(
    rows: Iterator[tuple[Any, ...]],
    *,
    on_row: Callable[[int], None] | None,
    headers_hint: str | None = None,
) -> Sheet:
    header: SheetRow | None = None
    data_rows: list[SheetRow] = []
    last_allowed = settings.IMPORT_MAX_ROWS + 1
    for number, cells in enumerate(rows, start=1):
        # Most rows past the data are empty: test that at C speed before looking closer.
        if cells.count(None) == len(cells) or is_blank(cells):
            continue
        if number == 1:
            header = SheetRow(number, _trimmed(cells))
            continue
        if number > last_allowed:
            raise _too_many_rows()
        data_rows.append(SheetRow(number, _trimmed(cells)))
        if on_row and len(data_rows) % 100 == 0:
            on_row(len(data_rows))
    if header is None and headers_hint:
        raise SpreadsheetError(
            _(
                "The first row of the sheet must hold the column headers (%(headers)s), "
                "but it is empty."
            )
            % {"headers": headers_hint}
        )
    if header is None:
        raise SpreadsheetError(
            _(
                "The first row of the sheet must hold the column headers (Code, Titel, Periode, "
                "Status, ...), but it is empty."
            )
        )
    if on_row:
        on_row(len(data_rows))
    return Sheet(header=header, rows=data_rows)


def _trimmed(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return tuple(cells[:end])
