"""An .xlsx package written byte by byte from a WorkbookSpec (tests/fuzz/workbooks.py):
inline or shared strings, dates as serial numbers with a date style, formulas with or
without a cached value, error cells, cells with or without their position, a stale
dimension, hidden sheets and merged cells."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Any
from xml.sax.saxutils import quoteattr

from openpyxl.utils import get_column_letter

from tests.fuzz.workbooks import ErrorValue, Formula, SheetSpec, WorkbookSpec, xml_text

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 (a spreadsheet's time has no zone)
#: cellXfs: 0 general, 1 date, 2 time, 3 date and time.
_STYLES = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def _serial(value: date | datetime | time) -> tuple[str, int]:
    """An Excel serial number and the style that shows it as such."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return repr(delta.days + delta.seconds / 86400), 3
    if isinstance(value, date):
        return str((value - _EPOCH.date()).days), 1
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return repr(seconds / 86400), 2


class _Strings:
    def __init__(self, shared: bool) -> None:
        self.shared = shared
        self.table: dict[str, int] = {}

    def cell(self, text: str) -> tuple[str, str]:
        """(type attribute, content) of a text cell."""
        if not self.shared:
            return ' t="inlineStr"', f'<is><t xml:space="preserve">{xml_text(text)}</t></is>'
        index = self.table.setdefault(text, len(self.table))
        return ' t="s"', f"<v>{index}</v>"

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{xml_text(text)}</t></si>' for text in self.table
        )
        count = len(self.table)
        return f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{items}</sst>'


def _value_xml(value: Any, strings: _Strings) -> tuple[str, str, int]:
    """(type attribute, content, style) of a value cell."""
    if isinstance(value, bool):
        return ' t="b"', f"<v>{int(value)}</v>", 0
    if isinstance(value, int | float):
        return "", f"<v>{value!r}</v>", 0
    if isinstance(value, date | datetime | time):
        serial, style = _serial(value)
        return "", f"<v>{serial}</v>", style
    if isinstance(value, ErrorValue):
        return ' t="e"', f"<v>{xml_text(value.code)}</v>", 0
    kind, content = strings.cell(str(value))
    return kind, content, 0


def _formula_xml(formula: Formula) -> tuple[str, str, int]:
    content = f"<f>{xml_text(formula.text)}</f>"
    cached = formula.cached
    if cached is None:
        return "", content, 0
    if isinstance(cached, str):
        return ' t="str"', f"{content}<v>{xml_text(cached)}</v>", 0
    kind, value, style = _value_xml(cached, _Strings(shared=False))
    return kind, content + value, style


def _cell_xml(row: int, column: int, value: Any, book: WorkbookSpec, strings: _Strings) -> str:
    if isinstance(value, Formula):
        kind, content, style = _formula_xml(value)
    else:
        kind, content, style = _value_xml(value, strings)
    ref = f' r="{get_column_letter(column)}{row}"' if book.positions else ""
    styled = f' s="{style}"' if style else ""
    return f"<c{ref}{styled}{kind}>{content}</c>"


def _sheet_xml(sheet: SheetSpec, book: WorkbookSpec, strings: _Strings) -> str:
    rows: dict[int, dict[int, Any]] = {}
    for (r, c), value in sheet.cells.items():
        if value is not None:
            rows.setdefault(r, {})[c] = value
    out = []
    previous = 0
    for r in sorted(rows):
        if not book.positions:
            # Without positions, a row or cell is the one after the previous: write the
            # gaps as empty elements.
            out += ["<row/>"] * (r - previous - 1)
            cells = rows[r]
            line = "".join(
                _cell_xml(r, c, cells[c], book, strings) if c in cells else "<c/>"
                for c in range(1, max(cells) + 1)
            )
            out.append(f"<row>{line}</row>")
        else:
            line = "".join(_cell_xml(r, c, v, book, strings) for c, v in sorted(rows[r].items()))
            out.append(f'<row r="{r}">{line}</row>')
        previous = r
    dimension = '<dimension ref="A1"/>' if book.stale_dimension else ""
    merged = ""
    if sheet.merged:
        refs = "".join(
            f'<mergeCell ref="{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"/>'
            for r1, c1, r2, c2 in sheet.merged
        )
        merged = f'<mergeCells count="{len(sheet.merged)}">{refs}</mergeCells>'
    return (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{dimension}'
        f"<sheetData>{''.join(out)}</sheetData>{merged}</worksheet>"
    )


def write_xlsx(book: WorkbookSpec) -> bytes:
    strings = _Strings(book.shared_strings)
    sheets = [_sheet_xml(sheet, book, strings) for sheet in book.sheets]
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{ct}.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    if book.shared_strings:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
        )
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_entries = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"'
        + (' state="hidden"/>' if sheet.hidden else "/>")
        for n, sheet in enumerate(book.sheets, start=1)
    )
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheet_entries}</sheets></workbook>'
    )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    relations += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
    if book.shared_strings:
        relations += (
            f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_REL}">{relations}</Relationships>',
        )
        archive.writestr("xl/styles.xml", _STYLES)
        for n, xml in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        if book.shared_strings:
            archive.writestr("xl/sharedStrings.xml", strings.xml())
    return buffer.getvalue()
