"""The report as an Excel workbook (Dutch): a "Monitor" sheet with the facts ("CONCEPT"
above them, in the title and in every printed page's header for a draft), then the
sheets of every section in report order (sections.py: the table of actions per status
per period with a native stacked bar chart on its cells, a sheet per list, and what the
other apps' sections write). Numbers are numbers and dates are dates; every text typed
by a user is neutralised so a spreadsheet never runs it as a formula."""

import io
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.tables import (
    TableRow,
    period_rows,
    status_columns,
    totals_row,
)
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.sections import section_title
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.utils.sheets import (
    BOLD,
    WRAP,
    fact_rows,
    header_row,
    print_setup,
    write_cell,
    yes_no,
)
from mvimonitor.utils.spreadsheet import neutralise

LANGUAGE = "nl"
DRAFT_COLOUR = "B00020"  # 6.9:1 on white
DRAFT_FONT = Font(bold=True, color=DRAFT_COLOUR, size=14)


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
        *_baseline_facts(report),
        (_("Next monitor"), report.next_monitor_date or _("not planned yet")),
        (_("Planning window (months)"), report.window_months),
        (_("Actions in the plan"), report.total),
        (_("Summary"), report.summary),
        (_("Version of the report"), str(ReportVariant(report.variant).label)),
    ]
    draft = report.status == "draft"
    if draft:
        _draft_line(sheet, report)
    fact_rows(sheet, facts, first_row=2 if draft else 1)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    print_setup(sheet)


def _baseline_facts(report: Report) -> list[tuple[str, Any]]:
    """What the figures are compared with, each date said once: the previous monitor
    (which is the baseline), or the plan's adoption when there is none; both only when
    they differ."""
    previous, baseline = report.previous_monitor_date, report.baseline_date
    if previous is None:
        return [(_("Compared with the plan as adopted on"), baseline)]
    if previous == baseline:
        return [(_("Compared with the monitor of"), previous)]
    return [(_("Previous monitor"), previous), (_("Compared with"), baseline)]


def _draft_line(sheet: Worksheet, report: Report) -> None:
    """The draft's mark ("CONCEPT") on the top line of the Monitor sheet, and what it means."""
    mark = sheet.cell(row=1, column=1, value=_("DRAFT"))
    mark.font = DRAFT_FONT
    notice = _(
        "Draft: the figures are those of %(date)s as recorded today and can still change "
        "until the monitor is finalised."
    ) % {"date": date_format(report.monitor_date)}
    sheet.cell(row=1, column=2, value=notice).alignment = WRAP
    sheet.row_dimensions[1].height = 32  # two lines: readers do not grow a row by itself


def _mark_every_sheet(book: Workbook) -> None:
    """The draft's mark ("CONCEPT") in the header of every printed page of every sheet."""
    for sheet in book.worksheets:
        sheet.oddHeader.center.text = _("DRAFT")
        sheet.oddHeader.center.color = DRAFT_COLOUR
        sheet.oddHeader.center.font = "Arial,Bold"


def _commentary_sheet(book: Workbook, report: Report) -> None:
    """The sheet "Toelichting": the monitor's commentary per section, in the report's
    order, right after "Monitor". One sheet rather than a cell on each section's sheet:
    several sections have no sheet of their own (the summary, the chart, the next
    monitor), and a reader finds every commentary in one place."""
    rows = [
        (section_title(part.section), report.commentary[part.id])
        for part in report.parts()
        if report.commentary.get(part.id)
    ]
    if not rows:
        return
    sheet = book.create_sheet(_("Commentary"))
    header_row(sheet, [_("Section"), _("Commentary")], [28, 100])
    for row, (title, text) in enumerate(rows, start=2):
        write_cell(sheet, row, 1, title, wrap=False)
        write_cell(sheet, row, 2, text, wrap=True)
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


def status_sheet(book: Workbook, report: Report) -> Worksheet:
    """The sheet of the section \"status_table\", with the status chart on its cells."""
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


def report_xlsx(report: Report) -> bytes:
    with translation.override(LANGUAGE):
        book = Workbook()
        title = _("%(plan)s: monitor of %(date)s") % {
            "plan": neutralise(report.plan),
            "date": date_format(report.monitor_date),
        }
        draft = report.status == "draft"
        book.properties.title = _("%(title)s (DRAFT)") % {"title": title} if draft else title
        book.properties.creator = "MVI Monitor"
        book.properties.language = LANGUAGE
        _monitor_sheet(book, report)
        _commentary_sheet(book, report)
        for part in report.parts():
            part.section.write_sheets(book, part.data, report)
        if draft:
            _mark_every_sheet(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
