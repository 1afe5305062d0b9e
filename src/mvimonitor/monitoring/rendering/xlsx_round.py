"""The sections "Update round" and "Stale actions" in the report's Excel workbook: a
sheet "Monitorronde" with the round's deadline, state and counts (numbers) above the
list of the actions not updated or confirmed, and a sheet of the stale actions. Only
when the report has them (a monitor without a round, an edition frozen before stale
marks existed). ADR 0013."""

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from mvimonitor.monitoring.rendering.sheets import (
    BOLD,
    LEFT,
    WRAP,
    Column,
    list_sheet,
    print_setup,
    write_cell,
    yes_no,
)
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.report_round import RoundSection

_WIDTHS = (12, 60, 30, 30)


def _round_sheet(book: Workbook, update_round: RoundSection) -> None:
    sheet = book.create_sheet(_("Update round"))
    facts: list[tuple[str, Any]] = [
        (_("Deadline"), update_round.deadline),
        (_("Closed"), yes_no(update_round.closed)),
        (_("Updated"), update_round.updated),
        (_("Confirmed unchanged"), update_round.confirmed),
        (_("Not answered"), update_round.open),
        (_("Total"), update_round.total),
    ]
    for row, (label, value) in enumerate(facts, start=1):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        write_cell(sheet, row, 2, value, wrap=False)
        sheet.cell(row=row, column=2).alignment = LEFT
    first = len(facts) + 2
    sheet.cell(row=first, column=1, value=_("Not updated or confirmed in the round")).font = BOLD
    header = first + 1
    titles = (_("Code"), _("Action"), _("Owner"), _("Period"))
    for index, (title, width) in enumerate(zip(titles, _WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=header, column=index, value=title)
        cell.font, cell.alignment = BOLD, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, item in enumerate(update_round.not_answered, start=header + 1):
        for index, value in enumerate((item.code, item.title, item.owner, item.period), start=1):
            write_cell(sheet, row, index, value, wrap=index > 1)
    print_setup(sheet)


def round_sheets(book: Workbook, report: Report) -> None:
    if report.update_round is not None:
        _round_sheet(book, report.update_round)
    if report.stale is not None:
        columns = [
            Column(_("Code"), 12, lambda a: a.code),
            Column(_("Action"), 60, lambda a: a.title, wrap=True),
            Column(_("Owner"), 30, lambda a: a.owner, wrap=True),
            Column(_("Period"), 30, lambda a: a.period, wrap=True),
            Column(_("Last touched"), 14, lambda a: a.last_touched),
        ]
        list_sheet(book, _("Stale actions"), columns, report.stale.actions)
