"""Building blocks of the report's Excel workbook (monitoring.rendering.xlsx and every
section's sheets): list sheets with a bold, frozen header row, printed landscape one page
wide. Numbers stay numbers and dates dates (with a Dutch date format); every text is
neutralised so a spreadsheet never runs it as a formula."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.utils.spreadsheet import neutralise

DATE_FORMAT = "dd-mm-yyyy"
EURO_FORMAT = '"€" #,##0.00'
PERCENT_FORMAT = "0.0%"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Any], Any]
    wrap: bool = False
    number_format: str = ""  # for numbers: EURO_FORMAT, PERCENT_FORMAT, ...


def cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value) or None
    return value


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def write_cell(
    sheet: Worksheet, row: int, column: int, value: Any, wrap: bool, number_format: str = ""
) -> None:
    cell = sheet.cell(row=row, column=column, value=cell_value(value))
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif number_format and value is not None:
        cell.number_format = number_format
    if wrap:
        cell.alignment = WRAP


def print_setup(sheet: Worksheet) -> None:
    """Printed in landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def fact_rows(sheet: Worksheet, facts: Sequence[tuple[str, Any]], *, first_row: int = 1) -> None:
    """A form-like block from column A of `first_row`: a bold label and its value per
    row, the values (dates and numbers too) aligned left and wrapped."""
    for row, (label, value) in enumerate(facts, start=first_row):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        write_cell(sheet, row, 2, value, wrap=False)
        sheet.cell(row=row, column=2).alignment = LEFT


def header_row(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = BOLD
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    print_setup(sheet)


def list_sheet(
    book: Workbook, title: str, columns: Sequence[Column], items: Sequence[Any]
) -> Worksheet:
    """A sheet of `items`, one row each, under a header row of `columns`."""
    sheet = book.create_sheet(title)
    header_row(sheet, [c.header for c in columns], [c.width for c in columns])
    for row, item in enumerate(items, start=2):
        for index, column in enumerate(columns, start=1):
            write_cell(sheet, row, index, column.value(item), column.wrap, column.number_format)
    if items:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(items) + 1}"
    return sheet
