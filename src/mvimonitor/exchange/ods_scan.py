"""Measuring the sheets of an OpenDocument spreadsheet before it is read.

ODF can say "this cell, repeated 16,384 times, in a row repeated a million times" in a
few bytes; a reader that lays the sheet out in memory would then need gigabytes. This
streaming pass counts the area that holds content in every sheet (python-calamine lays
out all of them when it opens the file, not only the one that is read), so an oversized
workbook is refused before python-calamine sees it.

It also lists the formulas without a calculated value (a formula and no value type, as
a program may write it): python-calamine gives such a cell as empty, and the import must
refuse it rather than read it so (as exchange.xlsx_scan does for .xlsx).
"""

from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml.ElementTree import iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CELLS = {f"{TABLE}table-cell", f"{TABLE}covered-table-cell"}


@dataclass(frozen=True)
class OdsShape:
    last_row: int  # last row with content, counted from 1 (0: the sheet is empty)
    width: int  # last column with content in any row
    #: (row, column), from 1, of the formulas without a calculated value within the
    #: rows and columns the scan was asked to look at.
    uncalculated: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @property
    def area(self) -> int:
        """The cells a reader lays out in memory."""
        return self.last_row * self.width


def _repeat(element: Any, name: str) -> int:
    value = element.get(f"{TABLE}{name}", "1")
    try:
        return max(1, int(value))
    except ValueError:
        return 1


def _is_uncalculated(cell: Any) -> bool:
    return cell.get(f"{TABLE}formula") is not None and not cell.get(f"{OFFICE}value-type")


def _row_cells(row: Any, columns: int) -> tuple[int, list[int]]:
    """Position of the row's last cell with content (0 for an empty row; a formula
    without a value is content too), and the columns up to `columns` that hold a
    formula without a value."""
    position = 0
    last = 0
    uncalculated: list[int] = []
    for cell in row:
        if cell.tag not in CELLS:
            continue
        repeats = _repeat(cell, "number-columns-repeated")
        if _is_uncalculated(cell):
            uncalculated += range(position + 1, min(position + repeats, columns) + 1)
            last = position + repeats
        elif cell.get(f"{OFFICE}value-type") or len(cell):
            last = position + repeats
        position += repeats
    return last, uncalculated


@dataclass(frozen=True)
class OdsScan:
    #: Every top-level sheet by its name, in the order of the file.
    sheets: dict[str, OdsShape]

    @property
    def area(self) -> int:
        """The cells a reader lays out in memory when it opens the file."""
        return sum(shape.area for shape in self.sheets.values())


class _Table:
    """The shape of one sheet, measured row by row."""

    def __init__(self) -> None:
        self.row_number = 0
        self.last_row = 0
        self.width = 0
        self.uncalculated: set[tuple[int, int]] = set()

    def add_row(self, element: Any, *, rows: int, columns: int) -> None:
        repeats = _repeat(element, "number-rows-repeated")
        row_width, formulas = _row_cells(element, columns)
        for number in range(self.row_number + 1, min(self.row_number + repeats, rows) + 1):
            self.uncalculated.update((number, column) for column in formulas)
        self.row_number += repeats
        if row_width:
            self.last_row = self.row_number
            self.width = max(self.width, row_width)

    def shape(self) -> OdsShape:
        return OdsShape(self.last_row, self.width, frozenset(self.uncalculated))


def scan_ods_content(content: IO[bytes], *, rows: int = 0, columns: int = 0) -> OdsScan:
    """The shape of every sheet, with its formulas without a value in the first `rows`
    rows and `columns` columns (a sheet larger than that is refused anyway)."""
    depth = 0  # nesting of tables: only top-level tables are sheets
    tables: dict[str, OdsShape] = {}
    table = _Table()
    name = ""
    for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
        if element.tag == f"{TABLE}table":
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                table, name = _Table(), element.get(f"{TABLE}name") or f"#{len(tables) + 1}"
            elif event == "end" and depth == 0:
                tables.setdefault(name, table.shape())
                element.clear()
            continue
        if event == "end" and element.tag == f"{TABLE}table-row" and depth == 1:
            table.add_row(element, rows=rows, columns=columns)
            element.clear()
    return OdsScan(sheets=tables)
