"""The report as an Excel workbook (Dutch): a "Monitor" sheet with the facts, the table
of actions per status per period with a native stacked bar chart on its cells, and one
sheet per list. Numbers are numbers and dates are dates; every text typed by a user is
neutralised so a spreadsheet never runs it as a formula."""

import io
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.sheets import (
    BOLD,
    LEFT,
    Column,
    header_row,
    list_sheet,
    print_setup,
    write_cell,
    yes_no,
)
from mvimonitor.monitoring.rendering.tables import (
    TableRow,
    kind_label,
    period_rows,
    status_columns,
    status_label,
    totals_row,
)
from mvimonitor.monitoring.rendering.xlsx_procurement import procurement_sheets
from mvimonitor.monitoring.rendering.xlsx_round import round_sheets
from mvimonitor.monitoring.report import CommunicationItem, Report
from mvimonitor.utils.spreadsheet import neutralise

LANGUAGE = "nl"


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
        write_cell(sheet, row, 2, value, wrap=True)
        sheet.cell(row=row, column=2).alignment = LEFT  # dates and numbers too, like a form
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    print_setup(sheet)


def _table_row(sheet: Worksheet, row: int, figures: TableRow) -> None:
    values: list[Any] = [figures.name, figures.total, *figures.counts]
    values += [figures.change.get(c.code, 0) for c in status_columns()]
    values.append(yes_no(figures.all_completed))
    for index, value in enumerate(values, start=1):
        write_cell(sheet, row, index, value, wrap=index == 1)
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
    header_row(sheet, headers, widths)
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
    # Last, so the earlier columns keep their places: empty in editions frozen before.
    stale = Column(_("Stale"), 12, lambda a: None if a.stale is None else yes_no(a.stale))
    if planned:
        return [
            *columns,
            Column(_("New action"), 12, lambda a: yes_no(a.is_new)),
            Column(_("Start"), 12, lambda a: a.start_date),
            Column(_("Due"), 12, lambda a: a.due_date),
            stale,
        ]
    return [*columns, Column(_("Result"), 60, lambda a: a.result, wrap=True), stale]


def _lists(book: Workbook, report: Report) -> None:
    list_sheet(book, _("Realised"), _action_columns(planned=False), report.realised)
    list_sheet(book, _("Planned"), _action_columns(planned=True), report.planned)
    attention = [
        Column(_("Kind"), 14, lambda p: kind_label(p.kind)),
        Column(_("Text"), 80, lambda p: p.text, wrap=True),
        Column(_("Date"), 12, lambda p: p.date),
    ]
    list_sheet(book, _("Attention points"), attention, report.attention_points)
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
    list_sheet(book, _("Communication"), communication, moments)


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
        round_sheets(book, report)
        procurement_sheets(book, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
