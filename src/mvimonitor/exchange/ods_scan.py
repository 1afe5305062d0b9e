"""Measuring the first sheet of an OpenDocument spreadsheet before it is read.

ODF can say "this cell, repeated 16,384 times, in a row repeated a million times" in a
few bytes; a reader that lays the sheet out in memory would then need gigabytes. This
streaming pass counts the area that holds content, so an oversized sheet is refused
before python-calamine sees it.
"""

from dataclasses import dataclass
from typing import IO, Any

from defusedxml.ElementTree import iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CELLS = {f"{TABLE}table-cell", f"{TABLE}covered-table-cell"}


@dataclass(frozen=True)
class OdsShape:
    last_row: int  # last row with content, counted from 1 (0: the sheet is empty)
    width: int  # last column with content in any row

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


def _row_width(row: Any) -> int:
    """Position of the row's last cell with content (0 for an empty row)."""
    position = 0
    last = 0
    for cell in row:
        if cell.tag not in CELLS:
            continue
        position += _repeat(cell, "number-columns-repeated")
        if cell.get(f"{OFFICE}value-type") or len(cell):
            last = position
    return last


def scan_ods_content(content: IO[bytes]) -> OdsShape:
    depth = 0  # nesting of tables: only the first top-level table is measured
    tables_seen = 0
    row_number = 0
    last_row = 0
    width = 0
    for event, element in iterparse(content, events=("start", "end"), forbid_dtd=True):
        if element.tag == f"{TABLE}table":
            if event == "start":
                depth += 1
                tables_seen += depth == 1
            else:
                depth -= 1
                if depth == 0:
                    break
            continue
        if event != "end" or element.tag != f"{TABLE}table-row" or depth != 1 or tables_seen != 1:
            continue
        repeats = _repeat(element, "number-rows-repeated")
        row_width = _row_width(element)
        row_number += repeats
        if row_width:
            last_row = row_number
            width = max(width, row_width)
        element.clear()
    return OdsShape(last_row=last_row, width=width)
