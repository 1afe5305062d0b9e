"""The report's section "Tenders and targets" in words and pictures, the same for the
page, the PDF and Excel: phase, procedure and state labels in the active language (the
code itself for one this version does not know, as from a frozen report of a later
version), amounts in euros and values with their unit; the share of tenders with MVI
per theme as an SVG chart; and the section's Excel sheets. Renders the section's data
only: no queries."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.worksheet.worksheet import Worksheet

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.monitoring.sections import EMPTY
from mvimonitor.procurement.selectors.report import phase_label, procedure_label
from mvimonitor.targets.report_data import (
    ContractItem,
    TargetItem,
    TenderItem,
    TendersTargets,
    ThemeShareItem,
    tenders_planned,
)
from mvimonitor.targets.states import TargetState
from mvimonitor.utils.numbers import whole_percentage
from mvimonitor.utils.sheets import EURO_FORMAT, PERCENT_FORMAT, Column, list_sheet, yes_no
from mvimonitor.utils.svg import (
    MUTED,
    NARROW_WIDTH,
    WIDTH,
    join_parts,
    shorten,
    svg_document,
    svg_text,
)

NONE = EMPTY


def state_label(code: str) -> str:
    return label_or_code(TargetState, code)


def money(value: Decimal | None) -> str:
    """ "€ 1.250.000,00" (in Dutch), or a dash without an amount."""
    if value is None:
        return NONE
    return "€\N{NO-BREAK SPACE}" + number_format(value, 2, force_grouping=True)


def figure(value: Decimal | None, unit: str) -> str:
    """A KPI's value or target: "5", or "42,5%" for a percentage; a dash when it cannot
    be computed."""
    if value is None:
        return NONE
    if unit == "percent":
        return number_format(value, 1) + "%"
    whole = value == value.to_integral_value()
    return number_format(value, 0 if whole else 1, force_grouping=True)


def percent(value: Decimal | None) -> str:
    return NONE if value is None else number_format(value, 1) + "%"


@dataclass(frozen=True)
class TenderRow:
    item: TenderItem
    phase: str
    phase_before: str
    themes: str  # the themes applied, by name; "" without MVI
    value: str
    procedure: str


@dataclass(frozen=True)
class ContractRow:
    item: ContractItem
    value: str


@dataclass(frozen=True)
class TargetRow:
    item: TargetItem
    value: str
    target: str
    state: str
    progress: int | None  # percent of the target reached, rounded


@dataclass(frozen=True)
class ShareRow:
    item: ThemeShareItem
    share: str


def tender_row(item: TenderItem) -> TenderRow:
    return TenderRow(
        item=item,
        phase=phase_label(item.phase),
        phase_before=phase_label(item.phase_before),
        themes=", ".join(item.theme_labels),
        value=money(item.estimated_value),
        procedure=procedure_label(item.procedure),
    )


def target_row(item: TargetItem) -> TargetRow:
    return TargetRow(
        item=item,
        value=figure(item.value, item.unit),
        target=figure(item.target, item.unit),
        state=state_label(item.state),
        progress=None if item.value is None else whole_percentage(item.value, item.target),
    )


def share_description(shares: list[ThemeShareItem]) -> str:
    """Every figure of the chart in words, for its text alternative."""
    template = _("%(theme)s: %(count)s of %(total)s tenders (%(share)s)")
    return "; ".join(
        template
        % {"theme": s.label, "count": s.with_mvi, "total": s.total, "share": percent(s.share)}
        for s in shares
    )


def procurement_context(
    data: TendersTargets, *, monitor_date: date, window_end: date
) -> dict[str, Any]:
    """What the section's templates need (page, standalone HTML and PDF)."""
    planned = tenders_planned(data, monitor_date, window_end)
    return {
        "changed": [tender_row(t) for t in data.tenders_changed],
        "planned": [tender_row(t) for t in planned],
        "contracts": [ContractRow(c, money(c.awarded_value)) for c in data.contracts],
        "targets": [target_row(t) for t in data.targets],
        "shares": [ShareRow(s, percent(s.share)) for s in data.mvi_share],
        "share_chart": mvi_share_chart_svg(data.mvi_share) if data.mvi_share else "",
        "share_chart_narrow": (
            mvi_share_chart_svg(
                data.mvi_share, id_prefix="mvi-share-chart-narrow", width=NARROW_WIDTH
            )
            if data.mvi_share
            else ""
        ),
    }


# -- the share of tenders with MVI per theme as an SVG chart ------------------------------
#
# One horizontal bar per theme on a scale of 0 to 100%, its figures ("4 of 10 tenders,
# 40.0%") beside it. Built like monitoring.rendering.chart: presentation attributes only
# (the CSP forbids style=), every text escaped.

BAR = "#2e7d32"  # 5:1 against white: a graphic needs 3:1
TRACK = "#e6e6e6"  # the 100% behind each bar, decoration only
ROW = 44
BAR_HEIGHT = 16
FIGURES = 170  # room on the right for "12 of 40 (30.0%)"
NARROW_FIGURES = 140  # the same at 13 px without the wide chart's margin
CHAR = 7.6  # the width of an average character at 13 px


def _figures(share: ThemeShareItem) -> str:
    return _("%(count)s of %(total)s (%(share)s)") % {
        "count": share.with_mvi,
        "total": share.total,
        "share": percent(share.share),
    }


def _row(share: ThemeShareItem, top: float, track_width: int, label_chars: int) -> SafeString:
    y = top + 20
    width = track_width * float(share.share or 0) / 100
    parts = [
        svg_text(8, top + 14, shorten(share.label, label_chars)),
        format_html(
            '<rect x="8" y="{}" width="{}" height="{}" fill="{}"/>',
            y,
            track_width,
            BAR_HEIGHT,
            TRACK,
        ),
    ]
    if width:
        parts.append(
            format_html(
                '<rect x="8" y="{}" width="{}" height="{}" fill="{}"/>',
                y,
                round(max(width, 2.0), 2),
                BAR_HEIGHT,
                BAR,
            )
        )
    fill = MUTED if share.share is None else "#1a1a1a"
    parts.append(svg_text(8 + track_width + 8, y + 13, _figures(share), fill=fill))
    return format_html('<g class="share-chart__theme">{}</g>', join_parts(parts))


def _axis(top: float, track_width: int) -> SafeString:
    """0%, 50% and 100% under the bars."""
    labels = [
        svg_text(
            8 + track_width * value / 100, top + 14, f"{value}%", fill=MUTED, text_anchor=anchor
        )
        for value, anchor in ((0, "start"), (50, "middle"), (100, "end"))
    ]
    return join_parts(labels)


def mvi_share_chart_svg(
    shares: Sequence[ThemeShareItem], *, id_prefix: str = "mvi-share-chart", width: int = WIDTH
) -> SafeString:
    """Per theme, the share of the tenders in the register that apply it, `width` wide
    (NARROW_WIDTH: the variant for a phone)."""
    track_width = width - 16 - (FIGURES if width >= WIDTH else NARROW_FIGURES)
    label_chars = int((width - 16) / CHAR)  # the full name is in the description
    rows = [
        _row(share, 4 + index * ROW, track_width, label_chars) for index, share in enumerate(shares)
    ]
    axis_top = 4 + len(shares) * ROW
    title = _("Share of tenders with MVI per theme")
    description = share_description(list(shares)) or _("There are no themes.")
    body = join_parts([*rows, _axis(axis_top, track_width)])
    return svg_document(id_prefix, title, description, axis_top + 22, body, False, width)


# -- the section's Excel sheets ------------------------------------------------------------
#
# A sheet of the section's tenders, of the contracts awarded, of the targets and of the
# share of tenders with MVI per theme with a native bar chart on its own cells. Amounts
# are numbers in euros, shares and progress are percentages (fractions shown as %),
# dates are dates.


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
        Column(_("MVI themes applied"), 36, lambda t: ", ".join(t.theme_labels), wrap=True),
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


def procurement_sheets(book: Workbook, data: TendersTargets) -> None:
    tenders: list[TenderItem] = sorted(data.tenders, key=lambda t: natural_sort_key(t.reference))
    list_sheet(book, _("Tenders"), _tender_columns(), tenders)
    list_sheet(book, _("Contracts"), _contract_columns(), data.contracts)
    targets = list_sheet(book, _("Targets"), _target_columns(), data.targets)
    _percent_cells(targets, data.targets)
    shares = [
        Column(_("Theme"), 36, lambda s: s.label, wrap=True),
        Column(_("With MVI"), 12, lambda s: s.with_mvi),
        Column(_("Tenders"), 12, lambda s: s.total),
        Column(_("Share"), 12, lambda s: _fraction(s.share), number_format=PERCENT_FORMAT),
    ]
    sheet = list_sheet(book, _("MVI per theme"), shares, data.mvi_share)
    if data.mvi_share:
        sheet.add_chart(_share_chart(sheet, len(data.mvi_share)), "F2")
