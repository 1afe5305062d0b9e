"""The report's table of actions per status per period, as rows every renderer shows the
same way: statuses in the one order of plans.workflow, a totals row, and the change
since the previous monitor in words ("voltooid +3, lopend -3", with a real minus sign)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.monitoring.models import AttentionPoint
from mvimonitor.monitoring.report import Report
from mvimonitor.plans.workflow import STATUS_ORDER, STATUS_STYLE, Status
from mvimonitor.utils.numbers import whole_percentage


@dataclass(frozen=True)
class StatusColumn:
    code: str
    label: str
    colour: str
    css_class: str


@dataclass(frozen=True)
class TableRow:
    period_id: int | None  # None for the totals row
    name: str
    total: int
    counts: list[int]  # in the order of status_columns()
    change: dict[str, int]
    all_completed: bool

    @property
    def change_text(self) -> str:
        return change_text(self.change)

    @property
    def change_parts(self) -> list[str]:
        return change_parts(self.change)


def status_columns() -> list[StatusColumn]:
    """The statuses as table columns and chart series, labelled in the active language."""
    return [
        StatusColumn(s.value, str(s.label), STATUS_STYLE[s].colour, STATUS_STYLE[s].css_class)
        for s in STATUS_ORDER
    ]


def signed(number: int) -> str:
    """+3, -3 (with U+2212, which screen readers read as "minus") or 0."""
    return f"{number:+d}".replace("-", "\N{MINUS SIGN}") if number else "0"


def change_parts(change: dict[str, int]) -> list[str]:
    """Each status that changed with its change ("niet gestart -18", with a real minus
    sign), in status order: the PDF keeps each on one line, breaking between them."""
    return [
        f"{Status(s).label} {signed(change[s.value])}"
        for s in STATUS_ORDER
        if change.get(s.value, 0)
    ]


def change_text(change: dict[str, int]) -> str:
    parts = change_parts(change)
    return ", ".join(parts) if parts else _("no change")


def period_rows(report: Report) -> list[TableRow]:
    return [
        TableRow(
            period_id=p.period_id,
            name=p.name,
            total=p.total,
            counts=[p.counts.get(s.value, 0) for s in STATUS_ORDER],
            change=p.change,
            all_completed=p.all_completed,
        )
        for p in report.periods
    ]


def totals_row(report: Report) -> TableRow:
    totals = report.totals()
    completed = totals[Status.COMPLETED.value]
    return TableRow(
        period_id=None,
        name=_("Total"),
        total=report.total,
        counts=[totals[s.value] for s in STATUS_ORDER],
        change=report.total_change(),
        all_completed=report.total > 0 and completed == report.total,
    )


def completed_share(report: Report) -> int | None:
    """The percentage of the plan's actions completed, whole (half up); None for an
    empty plan."""
    return whole_percentage(report.totals()[Status.COMPLETED.value], report.total)


def kind_label(kind: str) -> str:
    """An attention point's kind in words; the code itself for a kind this version does
    not know (a frozen report of a later version)."""
    return label_or_code(AttentionPoint.Kind, kind)


def status_label(code: str) -> str:
    return label_or_code(Status, code)
