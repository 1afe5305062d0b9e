"""The report as an Excel workbook (Dutch): a "Monitor" sheet with the facts, the table
of actions per status per period with a native stacked bar chart on its cells, and one
sheet per list. Numbers are numbers and dates are dates; every text typed by a user is
neutralised so a spreadsheet never runs it as a formula."""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.tables import (
    TableRow,
    kind_label,
    period_rows,
    status_columns,
    status_label,
    totals_row,
)
from mvimonitor.monitoring.report import CommunicationItem, Report
from mvimonitor.utils.spreadsheet import neutralise

LANGUAGE = "nl"
DATE_FORMAT = "dd-mm-yyyy"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Any], Any]
    wrap: bool = False


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value) or None
    return value


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _write_cell(sheet: Worksheet, row: int, column: int, value: Any, wrap: bool) -> None:
    cell = sheet.cell(row=row, column=column, value=_cell(value))
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if wrap:
        cell.alignment = WRAP


def _print_setup(sheet: Worksheet) -> None:
    """Printed in landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = BOLD
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _print_setup(sheet)


def _list_sheet(
    book: Workbook, title: str, columns: Sequence[Column], items: Sequence[Any]
) -> None:
    sheet = book.create_sheet(title)
    _header(sheet, [c.header for c in columns], [c.width for c in columns])
    for row, item in enumerate(items, start=2):
        for index, column in enumerate(columns, start=1):
            _write_cell(sheet, row, index, column.value(item), column.wrap)
    if items:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(items) + 1}"


def _monitor_sheet(book: Workbook, report: Report) -> None:
    sheet = book.active
    if sheet is None:  # a new workbook always has one sheet
        sheet = book.create_sheet()
    sheet.title = _("Monitor")
    facts: list[tuple[str, Any]] = [
        (_("Organisation"), report.organisation),
        (_("Plan"), report.plan),
        (_("Monitor date"), report.monitor_date),
        (_("Status"), str(Monitor.State(report.status).label)),
        (_("Previous monitor"), report.previous_monitor_date or _("none")),
        (_("Compared with"), report.baseline_date),
        (_("Next monitor"), report.next_monitor_date or _("not planned yet")),
        (_("Planning window (months)"), report.window_months),
        (_("Actions in the plan"), report.total),
        (_("Summary"), report.summary),
    ]
    for row, (label, value) in enumerate(facts, start=1):
        sheet.cell(row=row, column=1, value=label).font = BOLD
        _write_cell(sheet, row, 2, value, wrap=True)
        sheet.cell(row=row, column=2).alignment = LEFT  # dates and numbers too, like a form
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    _print_setup(sheet)


def _table_row(sheet: Worksheet, row: int, figures: TableRow) -> None:
    values: list[Any] = [figures.name, figures.total, *figures.counts]
    values += [figures.change.get(c.code, 0) for c in status_columns()]
    values.append(_yes_no(figures.all_completed))
    for index, value in enumerate(values, start=1):
        _write_cell(sheet, row, index, value, wrap=index == 1)
    if figures.period_id is None:
        for index in range(1, len(values) + 1):
            sheet.cell(row=row, column=index).font = BOLD


def _status_sheet(book: Workbook, report: Report) -> Worksheet:
    sheet = book.create_sheet(_("Status per period"))
    columns = status_columns()
    headers = [_("Period"), _("Total"), *[c.label.capitalize() for c in columns]]
    headers += [_("Change %(status)s") % {"status": c.label} for c in columns]
    headers.append(_("All completed"))
    widths = [36, 10, *[14] * len(columns), *[18] * len(columns), 16]
    _header(sheet, headers, widths)
    rows = period_rows(report)
    for row, figures in enumerate(rows, start=2):
        _table_row(sheet, row, figures)
    _table_row(sheet, len(rows) + 2, totals_row(report))
    if rows:
        sheet.add_chart(_status_chart(sheet, len(rows)), f"A{len(rows) + 5}")
    return sheet


def _status_chart(sheet: Worksheet, periods: int) -> BarChart:
    """Stacked bars whose data and categories are the table's own cells (not copies),
    so the chart follows any change made to the table in Excel."""
    columns = status_columns()
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = _("Number of actions per status per period")
    chart.y_axis.title = _("Actions")
    chart.x_axis.scaling.orientation = "maxMin"  # the first period on top, as in the table
    chart.y_axis.crosses = "max"  # which keeps the numbers below the bars
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = Reference(sheet, min_col=3, max_col=2 + len(columns), min_row=1, max_row=periods + 1)
    chart.add_data(data, titles_from_data=True)
    # Period names are text: a string reference, or some readers number the bars 1, 2, 3.
    names = Reference(sheet, min_col=1, min_row=2, max_row=periods + 1)
    for series, column in zip(chart.series, columns, strict=True):
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
        series.graphicalProperties.solidFill = column.colour.lstrip("#").upper()
        series.graphicalProperties.line.solidFill = "FFFFFF"
    chart.width, chart.height = 24, 3 + 1.6 * periods
    return chart


def _action_columns(*, planned: bool) -> list[Column]:
    columns = [
        Column(_("Code"), 10, lambda a: a.code),
        Column(_("Action"), 60, lambda a: a.title, wrap=True),
        Column(_("Period"), 28, lambda a: a.period, wrap=True),
        Column(_("Status"), 14, lambda a: status_label(a.status)),
    ]
    if planned:
        return [
            *columns,
            Column(_("New action"), 12, lambda a: _yes_no(a.is_new)),
            Column(_("Start"), 12, lambda a: a.start_date),
            Column(_("Due"), 12, lambda a: a.due_date),
        ]
    return [*columns, Column(_("Result"), 60, lambda a: a.result, wrap=True)]


def _lists(book: Workbook, report: Report) -> None:
    _list_sheet(book, _("Realised"), _action_columns(planned=False), report.realised)
    _list_sheet(book, _("Planned"), _action_columns(planned=True), report.planned)
    attention = [
        Column(_("Kind"), 14, lambda p: kind_label(p.kind)),
        Column(_("Text"), 80, lambda p: p.text, wrap=True),
        Column(_("Date"), 12, lambda p: p.date),
    ]
    _list_sheet(book, _("Attention points"), attention, report.attention_points)
    moments: list[tuple[str, CommunicationItem]] = [
        *((_("realised"), m) for m in report.communication_realised),
        *((_("planned"), m) for m in report.communication_planned),
    ]
    communication = [
        Column(_("State"), 14, lambda m: m[0]),
        Column(_("Date"), 12, lambda m: m[1].date),
        Column(_("Text"), 70, lambda m: m[1].text, wrap=True),
        Column(_("Channel"), 24, lambda m: m[1].channel),
    ]
    _list_sheet(book, _("Communication"), communication, moments)


def report_xlsx(report: Report) -> bytes:
    with translation.override(LANGUAGE):
        book = Workbook()
        book.properties.title = _("%(plan)s: monitor of %(date)s") % {
            "plan": neutralise(report.plan),
            "date": date_format(report.monitor_date),
        }
        book.properties.creator = "MVI Monitor"
        book.properties.language = LANGUAGE
        _monitor_sheet(book, report)
        _status_sheet(book, report)
        _lists(book, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
