"""Drop-down lists in the columns of an .xlsx sheet.

Each list's items go on a sheet of their own ("Keuzelijsten", after the data), one
column per list, under a defined name ("Perioden" = Keuzelijsten!$A$2:$A$5); the data
sheet gets a data validation of type "list" whose formula is that name. A list kept in
cells, unlike an inline list ("a,b,c"), may hold commas and is not cut off at Excel's
255 characters, and the name keeps working in every Excel since 2007 and in
LibreOffice (a validation that points straight at another sheet does not, in Excel
2007). Items are written like every other cell (exchange.tables.cell_value): text that
would be a formula gets its apostrophe, so the list runs nothing either; a chosen item
lands in the cell as that same text, which the import reads back (utils.spreadsheet).

A strict list refuses other values when they are typed (Excel's and LibreOffice's "stop"
message); a loose one only offers its items, for a column that may hold something else
too (several themes in one cell, an owner without an account).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mvimonitor.exchange.tables import cell_value

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

LIST_SHEET = "Keuzelijsten"
# Excel's limits: a title up to 32 characters, a message up to 255.
TITLE_LIMIT, MESSAGE_LIMIT = 32, 255


@dataclass(frozen=True)
class DropDown:
    column: int  # the data sheet's column, counted from 0
    name: str  # the defined name of the list: a letter, then letters, digits or "_"
    header: str  # above the items on the list sheet
    items: Sequence[str]
    strict: bool  # refuse values that are not in the list
    prompt_title: str = ""
    prompt: str = ""  # shown while a cell of the column is selected
    error_title: str = ""
    error: str = ""  # shown when a strict list refuses a value

    def __post_init__(self) -> None:
        for title in (self.prompt_title, self.error_title):
            assert len(title) <= TITLE_LIMIT, title  # noqa: S101
        for message in (self.prompt, self.error):
            assert len(message) <= MESSAGE_LIMIT, message  # noqa: S101


def list_items(items: Sequence[str]) -> list[str]:
    """The items as cells hold them (formula-safe, no control characters), each once, in
    the order given; empty ones left out."""
    cells = (cell_value(item) for item in items)
    return list(dict.fromkeys(cell for cell in cells if cell))


def add_dropdowns(
    book: Workbook, sheet: Worksheet, dropdowns: Sequence[DropDown], *, last_row: int
) -> None:
    """Put each list on the list sheet (made at the end of the book) and validate rows
    2..`last_row` of its column of `sheet` against it. A list without items gets no
    validation: it would refuse every value."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    lists = book.create_sheet(LIST_SHEET)
    position = 0
    for dropdown in dropdowns:
        items = list_items(dropdown.items)
        if not items:
            continue
        position += 1
        letter = get_column_letter(position)
        lists.cell(row=1, column=position, value=dropdown.header).font = Font(bold=True)
        for row, item in enumerate(items, start=2):
            lists.cell(row=row, column=position, value=item)
        lists.column_dimensions[letter].width = max(16, min(60, max(map(len, items)) + 2))
        reference = f"{quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${len(items) + 1}"
        book.defined_names[dropdown.name] = DefinedName(dropdown.name, attr_text=reference)
        target = get_column_letter(dropdown.column + 1)
        sheet.add_data_validation(_validation(dropdown, f"{target}2:{target}{last_row}"))
    lists.freeze_panes = "A2"


def _validation(dropdown: DropDown, cells: str) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=dropdown.name,
        allow_blank=True,
        showErrorMessage=dropdown.strict,
        errorStyle="stop",
        errorTitle=dropdown.error_title or None,
        error=dropdown.error or None,
        showInputMessage=bool(dropdown.prompt),
        promptTitle=dropdown.prompt_title or None,
        prompt=dropdown.prompt or None,
    )
    validation.add(cells)
    return validation
