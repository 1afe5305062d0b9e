"""An .ods package written byte by byte from a WorkbookSpec (tests/fuzz/workbooks.py):
typed cells, formulas with or without a calculated value, merged (spanned and covered)
cells, repeated empty rows and cells, LibreOffice's million empty rows at the end, and
hidden sheets."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Any
from xml.sax.saxutils import quoteattr

from tests.fuzz.workbooks import NOT_XML, ErrorValue, Formula, SheetSpec, WorkbookSpec, xml_text

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _paragraphs(text: str) -> str:
    return "".join(f"<text:p>{xml_text(line)}</text:p>" for line in text.split("\n"))


def _ods_value(value: Any) -> str:
    """The attributes and content of a cell holding `value`."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return f' office:value-type="boolean" office:boolean-value="{word}"><text:p>{word}</text:p>'
    if isinstance(value, int | float):
        return f' office:value-type="float" office:value="{value!r}"><text:p>{value!r}</text:p>'
    if isinstance(value, datetime):
        stamp = value.replace(tzinfo=None).isoformat()
        return f' office:value-type="date" office:date-value="{stamp}"><text:p>{stamp}</text:p>'
    if isinstance(value, date):
        return (
            f' office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p>"
        )
    if isinstance(value, time):
        duration = f"PT{value.hour:02d}H{value.minute:02d}M{value.second:02d}S"
        return f' office:value-type="time" office:time-value="{duration}"><text:p>{value}</text:p>'
    if isinstance(value, ErrorValue):
        return f' table:formula="of:=1/0"><text:p>{xml_text(value.code)}</text:p>'
    return f' office:value-type="string">{_paragraphs(str(value))}'


def _ods_cell(value: Any, *, tag: str = "table:table-cell", span: str = "") -> str:
    if value is None:
        return f"<{tag}{span}/>"
    if isinstance(value, Formula):
        formula = f" table:formula={quoteattr('of:=' + NOT_XML.sub('', value.text))}"
        if value.cached is None:
            return f"<{tag}{span}{formula}/>"
        return f"<{tag}{span}{formula}{_ods_value(value.cached)}</{tag}>"
    return f"<{tag}{span}{_ods_value(value)}</{tag}>"


def _ods_row(sheet: SheetSpec, r: int, cells: dict[int, Any], covered: set[tuple[int, int]]) -> str:
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merged}
    last = max([c for (row, c) in covered if row == r] + list(cells) + [0])
    out = []
    gap = 0
    for c in range(1, last + 1):
        value = cells.get(c)
        if (r, c) in covered:
            if gap:
                out.append(f'<table:table-cell table:number-columns-repeated="{gap}"/>')
                gap = 0
            out.append(_ods_cell(value, tag="table:covered-table-cell"))
            continue
        if value is None and (r, c) not in spans:
            gap += 1
            continue
        if gap:
            out.append(f'<table:table-cell table:number-columns-repeated="{gap}"/>')
            gap = 0
        span = ""
        if (r, c) in spans:
            rows, columns = spans[(r, c)]
            span = f' table:number-rows-spanned="{rows}" table:number-columns-spanned="{columns}"'
        out.append(_ods_cell(value, span=span))
    return f"<table:table-row>{''.join(out) or '<table:table-cell/>'}</table:table-row>"


def _ods_table(sheet: SheetSpec, book: WorkbookSpec) -> str:
    covered = {
        (r, c)
        for r1, c1, r2, c2 in sheet.merged
        for r in range(r1, r2 + 1)
        for c in range(c1, c2 + 1)
        if (r, c) != (r1, c1)
    }
    rows: dict[int, dict[int, Any]] = {}
    for (r, c), value in sheet.cells.items():
        if value is not None:
            rows.setdefault(r, {})[c] = value
    numbers = sorted(set(rows) | {r for r, _c in covered})
    out = []
    previous = 0
    for r in numbers:
        if r - previous > 1:
            out.append(
                f'<table:table-row table:number-rows-repeated="{r - previous - 1}">'
                "<table:table-cell/></table:table-row>"
            )
        out.append(_ods_row(sheet, r, rows.get(r, {}), covered))
        previous = r
    if book.trailing_repeats:
        out.append(
            f'<table:table-row table:number-rows-repeated="{1_048_576 - previous}">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
    style = ' table:style-name="hidden"' if sheet.hidden else ""
    return f"<table:table table:name={quoteattr(sheet.name)}{style}>{''.join(out)}</table:table>"


def write_ods(book: WorkbookSpec) -> bytes:
    tables = "".join(_ods_table(sheet, book) for sheet in book.sheets)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_ODS_NS} office:version="1.2">'
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE)  # stored, first
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
