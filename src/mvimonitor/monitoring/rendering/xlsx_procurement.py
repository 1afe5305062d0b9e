"""The section "Tenders and targets" in the report's Excel workbook: a sheet of the
section's tenders, of the contracts awarded, of the targets and of the share of tenders
with MVI per theme with a native bar chart on its own cells. Amounts are numbers in
euros, shares and progress are percentages (fractions shown as %), dates are dates."""

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.monitoring.rendering.procurement import (
    phase_label,
    procedure_label,
    state_label,
)
from mvimonitor.monitoring.rendering.share_chart import BAR
from mvimonitor.monitoring.rendering.sheets import (
    EURO_FORMAT,
    PERCENT_FORMAT,
    Column,
    list_sheet,
    yes_no,
)
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.report_procurement import TargetItem, TenderItem


def _fraction(percent: Decimal | None) -> float | None:
    """42.5 (percent) -> 0.425, shown as 42,5% by PERCENT_FORMAT."""
    return None if percent is None else float(percent) / 100


def _tender_columns() -> list[Column]:
    return [
        Column(_("Reference"), 16, lambda t: t.reference),
        Column(_("Tender"), 50, lambda t: t.title, wrap=True),
        Column(_("Phase"), 14, lambda t: phase_label(t.phase)),
        Column(_("Phase before"), 18, lambda t: phase_label(t.phase_before)),
        Column(_("Phase changed on"), 14, lambda t: t.phase_changed_on),
        Column(_("Phase changed"), 12, lambda t: yes_no(t.phase_changed)),
        Column(_("Planned in the window"), 14, lambda t: yes_no(t.in_window)),
        Column(_("Planned publication"), 14, lambda t: t.planned_publication_on),
        Column(_("Planned start"), 14, lambda t: t.planned_start_on),
        Column(_("Estimated value"), 16, lambda t: t.estimated_value, number_format=EURO_FORMAT),
        Column(_("Procedure"), 24, lambda t: procedure_label(t.procedure), wrap=True),
        Column(_("Department"), 20, lambda t: t.department, wrap=True),
        Column(_("MVI themes applied"), 36, lambda t: ", ".join(t.theme_names), wrap=True),
    ]


def _contract_columns() -> list[Column]:
    return [
        Column(_("Reference"), 16, lambda c: c.reference),
        Column(_("Contract"), 44, lambda c: c.title, wrap=True),
        Column(_("Lot"), 16, lambda c: c.lot, wrap=True),
        Column(_("Supplier"), 30, lambda c: c.supplier, wrap=True),
        Column(_("City"), 16, lambda c: c.supplier_city),
        Column(_("Awarded value"), 16, lambda c: c.awarded_value, number_format=EURO_FORMAT),
        Column(_("Awarded on"), 12, lambda c: c.awarded_on),
        Column(_("Starts on"), 12, lambda c: c.starts_on),
        Column(_("Ends on"), 12, lambda c: c.ends_on),
        Column(_("Tender"), 16, lambda c: c.tender_reference),
    ]


def _kpi_figure(item: TargetItem, value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    if item.unit == "percent":
        return _fraction(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _target_columns() -> list[Column]:
    return [
        Column(_("Target"), 44, lambda t: t.title, wrap=True),
        Column(_("KPI"), 40, lambda t: t.kpi, wrap=True),
        Column(_("Value"), 12, lambda t: _kpi_figure(t, t.value)),
        Column(_("Target value"), 12, lambda t: _kpi_figure(t, t.target)),
        Column(_("Progress"), 12, lambda t: t.progress, number_format="0%"),
        Column(_("State"), 14, lambda t: state_label(t.state)),
        Column(_("Start"), 12, lambda t: t.starts_on),
        Column(_("Deadline"), 12, lambda t: t.deadline),
    ]


def _percent_cells(sheet: Worksheet, targets: list[TargetItem]) -> None:
    """The value and target of a percentage KPI are shown as percentages."""
    for row, target in enumerate(targets, start=2):
        if target.unit == "percent":
            for column in (3, 4):
                sheet.cell(row=row, column=column).number_format = PERCENT_FORMAT


def _share_chart(sheet: Worksheet, themes: int) -> BarChart:
    """Horizontal bars of the share column, on the sheet's own cells."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = _("Share of tenders with MVI per theme")
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # the first theme on top, as in the table
    chart.y_axis.crosses = "max"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = Reference(sheet, min_col=4, min_row=1, max_row=themes + 1)
    chart.add_data(data, titles_from_data=True)
    names = Reference(sheet, min_col=1, min_row=2, max_row=themes + 1)
    series = chart.series[0]
    series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    series.graphicalProperties.solidFill = BAR.lstrip("#").upper()
    chart.width, chart.height = 20, 3 + 1.0 * themes
    return chart


def procurement_sheets(book: Workbook, report: Report) -> None:
    tenders: list[TenderItem] = sorted(report.tenders, key=lambda t: t.reference)
    list_sheet(book, _("Tenders"), _tender_columns(), tenders)
    list_sheet(book, _("Contracts"), _contract_columns(), report.contracts)
    targets = list_sheet(book, _("Targets"), _target_columns(), report.targets)
    _percent_cells(targets, report.targets)
    shares = [
        Column(_("Theme"), 36, lambda s: s.theme_name, wrap=True),
        Column(_("With MVI"), 12, lambda s: s.with_mvi),
        Column(_("Tenders"), 12, lambda s: s.total),
        Column(_("Share"), 12, lambda s: _fraction(s.share), number_format=PERCENT_FORMAT),
    ]
    sheet = list_sheet(book, _("MVI per theme"), shares, report.mvi_share)
    if report.mvi_share:
        sheet.add_chart(_share_chart(sheet, len(report.mvi_share)), "F2")
