"""Writing the workbooks the fuzz tests feed the importers: .xlsx and .ods packages
written here, byte by byte, so that a test can put in them what a real program may
write and openpyxl would not: formulas with or without a calculated value, error cells,
shared or inline strings, cells without a position, a stale dimension, hidden and extra
sheets, merged cells, cells far away, and LibreOffice's repeated rows and columns.

A sheet is a sparse map of cells, (row, column) from 1, to a value: str, int, float,
bool, date, datetime, time, `Formula`, `ErrorValue` (None or absent: an empty cell).
The packages are written by xlsx_package and ods_package."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Formula:
    """A formula cell; `cached` is its calculated value, None when a program wrote the
    formula without calculating it."""

    text: str  # without the "="
    cached: Any = None


@dataclass(frozen=True)
class ErrorValue:
    code: str = "#DIV/0!"


@dataclass
class SheetSpec:
    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    @classmethod
    def of_rows(cls, name: str, rows: list[list[Any]], **options: Any) -> SheetSpec:
        cells = {
            (r, c): value
            for r, row in enumerate(rows, start=1)
            for c, value in enumerate(row, start=1)
            if value is not None
        }
        return cls(name=name, cells=cells, **options)


@dataclass
class WorkbookSpec:
    """The importer reads `sheets[0]`; the options say how the package is written."""

    sheets: list[SheetSpec]
    shared_strings: bool = False  # .xlsx: text in a shared-string table (as Excel does)
    positions: bool = True  # .xlsx: rows and cells carry their "r" attribute
    stale_dimension: bool = False  # .xlsx: a <dimension> far smaller than the sheet
    trailing_repeats: bool = False  # .ods: LibreOffice's million empty rows at the end


# XML cannot hold most control characters; Excel writes them as _xHHHH_.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")


def xml_text(text: str) -> str:
    return escape(NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text))
