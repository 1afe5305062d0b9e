"""The section "Tenders and targets" in words, the same for the page, the PDF and Excel:
phase, procedure and state labels in the active language (the code itself for one this
version does not know, as from a frozen report of a later version), amounts in euros and
values with their unit. Renders a Report only: no queries."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.report_procurement import (
    ContractItem,
    TargetItem,
    TenderItem,
    ThemeShareItem,
)
from mvimonitor.procurement.models import Tender
from mvimonitor.procurement.phases import Phase
from mvimonitor.targets.states import TargetState

NONE = "\N{EN DASH}"


def phase_label(code: str | None) -> str:
    if code is None:
        return _("new in the register")
    return label_or_code(Phase, code)


def procedure_label(code: str) -> str:
    return label_or_code(Tender.Procedure, code) if code else ""


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
        themes=", ".join(item.theme_names),
        value=money(item.estimated_value),
        procedure=procedure_label(item.procedure),
    )


def target_row(item: TargetItem) -> TargetRow:
    return TargetRow(
        item=item,
        value=figure(item.value, item.unit),
        target=figure(item.target, item.unit),
        state=state_label(item.state),
        progress=None if item.progress is None else round(item.progress * 100),
    )


def share_description(shares: list[ThemeShareItem]) -> str:
    """Every figure of the chart in words, for its text alternative."""
    template = _("%(theme)s: %(count)s of %(total)s tenders (%(share)s)")
    return "; ".join(
        template
        % {"theme": s.theme_name, "count": s.with_mvi, "total": s.total, "share": percent(s.share)}
        for s in shares
    )


def procurement_context(report: Report) -> dict[str, Any]:
    """What the section's templates need (page, standalone HTML and PDF)."""
    # Imported here, like the other charts: only needed when a report is rendered.
    from mvimonitor.monitoring.rendering.share_chart import mvi_share_chart_svg

    return {
        "changed": [tender_row(t) for t in report.tenders_changed],
        "planned": [tender_row(t) for t in report.tenders_planned],
        "contracts": [ContractRow(c, money(c.awarded_value)) for c in report.contracts],
        "targets": [target_row(t) for t in report.targets],
        "shares": [ShareRow(s, percent(s.share)) for s in report.mvi_share],
        "share_chart": mvi_share_chart_svg(report.mvi_share) if report.mvi_share else "",
    }
