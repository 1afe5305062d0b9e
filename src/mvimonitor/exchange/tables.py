"""Writing one table as a spreadsheet file: .xlsx (openpyxl) or .ods (written here; no
library is needed for one sheet of values).

Both formats get the same cells: a bold header row, text neutralised against formulas
(utils.spreadsheet), real dates shown as dd-mm-yyyy, amounts (Decimal) as numbers with
two decimals, other numbers as they are, and an empty cell for None or "". What the
import reads back (exchange.reading) is exactly what was written.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from mvimonitor.utils.spreadsheet import neutralise

if TYPE_CHECKING:
    from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
#: The file formats a table can be written in, with their content type.
CONTENT_TYPES = {"xlsx": XLSX, "ods": ODS}
DATE_FORMAT = "DD-MM-YYYY"
MONEY_FORMAT = "#,##0.00"


@dataclass(frozen=True)
class Table:
    title: str  # the sheet's name
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = ()  # per column, in characters; 16 where not given


def cell_value(value: Any) -> Any:
    """What goes into the cell: safe text or None, a date, a number."""
    if isinstance(value, str):
        return neutralise(value) or None
    if isinstance(value, datetime):
        return value.date()
    return value


def render_table(table: Table, fmt: str) -> bytes:
    """The table as a file of `fmt` ("xlsx" or "ods")."""
    if fmt == "xlsx":
        return table_xlsx(table)
    if fmt == "ods":
        return table_ods(table)
    raise ValueError(f"Unknown spreadsheet format: {fmt}")


def _width(table: Table, position: int) -> int:
    return table.widths[position] if position < len(table.widths) else 16


# .xlsx


def table_xlsx(table: Table) -> bytes:
    return workbook_bytes(table_workbook(table))


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_workbook(table: Table) -> Workbook:
    """A workbook whose one sheet holds the table, for a caller that adds to it (more
    sheets, drop-down lists: exchange.dropdowns) before it is saved."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet  # noqa: S101
    sheet.title = table.title
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for values in table.rows:
        sheet.append([cell_value(value) for value in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
    for position in range(len(table.headers)):
        sheet.column_dimensions[get_column_letter(position + 1)].width = _width(table, position)
    return book


# .ods

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
)
_STYLES = (
    '<number:date-style style:name="Ndate"><number:day number:style="long"/>'
    '<number:text>-</number:text><number:month number:style="long"/>'
    '<number:text>-</number:text><number:year number:style="long"/></number:date-style>'
    '<number:number-style style:name="Nmoney"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>'
    "</number:number-style>"
    '<style:style style:name="date" style:family="table-cell" style:data-style-name="Ndate"/>'
    '<style:style style:name="money" style:family="table-cell" style:data-style-name="Nmoney"/>'
    '<style:style style:name="head" style:family="table-cell">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_SPACES = re.compile(r"( +)")


def _ods_line(line: str) -> str:
    """One line of text as an ODF paragraph. ODF collapses runs of spaces and drops
    leading and trailing ones, so those are written as <text:s text:c="n"/>."""
    parts = _SPACES.split(line)
    out = []
    for position, part in enumerate(parts):
        if not part.startswith(" "):
            out.append(escape(part))
        elif len(part) == 1 and 0 < position < len(parts) - 1:
            out.append(" ")
        else:
            out.append(f'<text:s text:c="{len(part)}"/>')
    return f"<text:p>{''.join(out)}</text:p>"


def _ods_cell(value: Any, *, style: str = "") -> str:
    value = cell_value(value)
    styled = f' table:style-name="{style}"' if style else ""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        value = "ja" if value else "nee"
    if isinstance(value, date):
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value:%d-%m-%Y}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, Decimal | int | float):
        money = ' table:style-name="money"' if isinstance(value, Decimal) else ""
        number = format(value, "f") if isinstance(value, Decimal) else str(value)
        return (
            f'<table:table-cell{money} office:value-type="float" office:value="{number}">'
            f"<text:p>{number}</text:p></table:table-cell>"
        )
    lines = "".join(_ods_line(line) for line in str(value).split("\n"))
    return f'<table:table-cell{styled} office:value-type="string">{lines}</table:table-cell>'


def _ods_content(table: Table) -> str:
    columns = "".join(
        f'<style:style style:name="co{n}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{_width(table, n) * 0.2:.2f}cm"/>'
        "</style:style>"
        for n in range(len(table.headers))
    )
    column_elements = "".join(
        f'<table:table-column table:style-name="co{n}"/>' for n in range(len(table.headers))
    )
    header = "".join(_ods_cell(h, style="head") for h in table.headers)
    rows = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in values) + "</table:table-row>"
        for values in table.rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_NS} office:version="1.2">'
        f"<office:automatic-styles>{_STYLES}{columns}</office:automatic-styles>"
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="{escape(table.title, {chr(34): "&quot;"})}">'
        f"{column_elements}<table:table-row>{header}</table:table-row>{rows}"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )


def table_ods(table: Table) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype comes first and uncompressed, so that it can be recognised.
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", _ods_content(table), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
