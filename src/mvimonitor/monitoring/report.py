"""The report of a monitor as plain typed data: computed once by
selectors.report_for_date, frozen as JSON when a monitor is finalised, and only
rendered by the HTML, PDF, Excel and JSON renderers. `to_json()` is the public JSON
format (docs/report.schema.json, schema_version 1); later versions only add keys."""

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from mvimonitor.monitoring.report_procurement import (
    ContractItem,
    TargetItem,
    TenderItem,
    ThemeShareItem,
)
from mvimonitor.monitoring.report_round import RoundSection, StalePeriodCount, StaleSection
from mvimonitor.plans.workflow import STATUS_ORDER, Status

SCHEMA_VERSION = 1
STATUS_CODES: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class PeriodFigures:
    period_id: int
    name: str
    counts: dict[str, int]  # status code -> number of actions on the monitor date
    change: dict[str, int]  # status code -> difference with the previous monitor

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_completed(self) -> bool:
        return self.total > 0 and self.counts.get(Status.COMPLETED.value, 0) == self.total


@dataclass(frozen=True)
class ActionItem:
    action_id: int
    code: str
    title: str
    status: str
    result: str
    is_new: bool  # added to the plan after the previous monitor
    start_date: date | None
    due_date: date | None
    period: str
    # Stale on the monitor date (ADR 0013); None in editions frozen before the mark.
    stale: bool | None = None


@dataclass(frozen=True)
class AttentionItem:
    kind: str
    text: str
    date: date | None


@dataclass(frozen=True)
class CommunicationItem:
    date: date
    text: str
    channel: str


@dataclass(frozen=True)
class TrendPoint:
    date: date
    completed: int
    total: int


@dataclass(frozen=True)
class Report:
    organisation: str
    organisation_slug: str
    plan: str
    plan_slug: str
    monitor_date: date
    status: str  # "draft" or "final"
    previous_monitor_date: date | None  # None: no finalised monitor before; see adoption
    baseline_date: date  # the previous monitor's date, or the plan's adoption date
    next_monitor_date: date | None
    summary: str
    window_months: int
    window_end: date
    periods: list[PeriodFigures]
    realised: list[ActionItem]
    planned: list[ActionItem]
    attention_points: list[AttentionItem]
    communication_realised: list[CommunicationItem]
    communication_planned: list[CommunicationItem]
    trend: list[TrendPoint] = field(default_factory=list)
    # "Tenders and targets" (report_procurement). Editions frozen before the section
    # existed lack these keys and load with the defaults: an empty section.
    tender_count: int = 0  # tenders in the register on D, not withdrawn
    tenders_with_mvi: int = 0  # of which with at least one MVI theme applied
    tenders: list[TenderItem] = field(default_factory=list)
    contracts: list[ContractItem] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    mvi_share: list[ThemeShareItem] = field(default_factory=list)
    # "Update round" and "Stale actions" (report_round). None: the monitor has no round;
    # for `stale`, an edition frozen before stale marks existed.
    update_round: RoundSection | None = None
    stale: StaleSection | None = None
    # The organisation's logo as a `data:` URI ("" without one), for the PDF, which must
    # carry it inside. Presentation, not report data: neither frozen nor in the JSON.
    organisation_logo: str = ""

    def totals(self) -> dict[str, int]:
        return {code: sum(p.counts.get(code, 0) for p in self.periods) for code in STATUS_CODES}

    def total_change(self) -> dict[str, int]:
        return {code: sum(p.change.get(code, 0) for p in self.periods) for code in STATUS_CODES}

    @property
    def total(self) -> int:
        return sum(self.totals().values())

    def stale_per_period(self) -> list[StalePeriodCount]:
        """The stale actions counted per period, every period in plan order (none
        too): what the page and the PDF show of them (the full list is in Excel and
        JSON). Empty when the report does not know stale actions."""
        if self.stale is None:
            return []
        counts = Counter(action.period for action in self.stale.actions)
        rows = [StalePeriodCount(p.period_id, p.name, counts.pop(p.name, 0)) for p in self.periods]
        return rows + [StalePeriodCount(None, name, count) for name, count in counts.items()]

    @property
    def has_procurement(self) -> bool:
        """Whether the section "Tenders and targets" has anything to show; without
        tenders, contracts or targets it is one sentence."""
        return bool(self.tender_count or self.tenders or self.contracts or self.targets)

    @property
    def tenders_changed(self) -> list[TenderItem]:
        """Tenders whose phase on D differs from their phase on the baseline (or that
        were registered after it), by the date of the change."""
        changed = [t for t in self.tenders if t.phase_changed]
        return sorted(changed, key=lambda t: (t.phase_changed_on or date.min, t.reference))

    @property
    def tenders_planned(self) -> list[TenderItem]:
        """Tenders to be published or to start in the window, soonest first."""
        planned = [t for t in self.tenders if t.in_window]
        return sorted(planned, key=lambda t: (self._first_in_window(t), t.reference))

    def _first_in_window(self, tender: TenderItem) -> date:
        days = (tender.planned_publication_on, tender.planned_start_on)
        inside = [d for d in days if d is not None and self.monitor_date < d <= self.window_end]
        return min(inside, default=date.max)

    # -- storage (frozen editions) ------------------------------------------------------

    def to_storage(self) -> dict[str, Any]:
        """Everything but the logo, dates as ISO strings: what a finalised edition keeps
        (its PDF, frozen too, shows the logo)."""
        data = asdict(self)
        del data["organisation_logo"]
        return _isoformat(data)

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "Report":
        return cls(
            **{
                **data,
                "monitor_date": _date(data["monitor_date"]),
                "previous_monitor_date": _date(data["previous_monitor_date"]),
                "baseline_date": _date(data["baseline_date"]),
                "next_monitor_date": _date(data["next_monitor_date"]),
                "window_end": _date(data["window_end"]),
                "periods": [PeriodFigures(**p) for p in data["periods"]],
                "realised": [_action(a) for a in data["realised"]],
                "planned": [_action(a) for a in data["planned"]],
                "attention_points": [
                    AttentionItem(**{**a, "date": _date(a["date"])})
                    for a in data["attention_points"]
                ],
                "communication_realised": [_moment(c) for c in data["communication_realised"]],
                "communication_planned": [_moment(c) for c in data["communication_planned"]],
                "trend": [TrendPoint(**{**t, "date": _date(t["date"])}) for t in data["trend"]],
                "tenders": [TenderItem.from_storage(t) for t in data.get("tenders", [])],
                "contracts": [ContractItem.from_storage(c) for c in data.get("contracts", [])],
                "targets": [TargetItem.from_storage(t) for t in data.get("targets", [])],
                "mvi_share": [ThemeShareItem.from_storage(s) for s in data.get("mvi_share", [])],
                "update_round": RoundSection.from_storage(data.get("update_round")),
                "stale": StaleSection.from_storage(data.get("stale")),
            }
        )

    # -- the public JSON format ---------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The documented format of `mvi-monitor report --format json`."""
        return {
            "schema_version": SCHEMA_VERSION,
            "plan": self.plan,
            "organisation": self.organisation,
            "monitor_date": _iso(self.monitor_date),
            "status": self.status,
            "previous_monitor_date": _iso(self.previous_monitor_date),
            "next_monitor_date": _iso(self.next_monitor_date),
            "summary": self.summary,
            "periods": [
                {
                    "name": p.name,
                    "total": p.total,
                    "counts": {code: p.counts.get(code, 0) for code in _JSON_STATUS_ORDER},
                    "change": {code: p.change.get(code, 0) for code in _JSON_STATUS_ORDER},
                }
                for p in self.periods
            ],
            "realised": [_action_json(a) for a in self.realised],
            "planned": [_action_json(a) for a in self.planned],
            "attention_points": [
                {"kind": a.kind, "text": a.text, "date": _iso(a.date)}
                for a in self.attention_points
            ],
            "communication": {
                "realised": [_moment_json(c) for c in self.communication_realised],
                "planned": [_moment_json(c) for c in self.communication_planned],
            },
            # "Tenders and targets": the section's tenders (changed since the previous
            # monitor or planned in the window), each once.
            "tenders": [t.to_json() for t in self.tenders],
            "contracts": [c.to_json() for c in self.contracts],
            "targets": [t.to_json() for t in self.targets],
            "mvi_share_per_theme": [s.to_json() for s in self.mvi_share],
            "tender_totals": {"in_register": self.tender_count, "with_mvi": self.tenders_with_mvi},
            # The monitor's update round (null without one) and the actions stale on D
            # (null in editions frozen before stale marks existed).
            "round": self.update_round.to_json() if self.update_round else None,
            "stale_after_days": self.stale.after_days if self.stale else None,
            "stale_actions": [a.to_json() for a in self.stale.actions] if self.stale else None,
        }


_JSON_STATUS_ORDER = ("not_started", "running", "completed", "postponed", "cancelled")


def _isoformat(value: Any) -> Any:
    """`value` as JSON can store it: dates as ISO strings, amounts as exact strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _isoformat(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoformat(v) for v in value]
    return value


def _action(data: dict[str, Any]) -> ActionItem:
    return ActionItem(
        **{**data, "start_date": _date(data["start_date"]), "due_date": _date(data["due_date"])}
    )


def _moment(data: dict[str, Any]) -> CommunicationItem:
    return CommunicationItem(**{**data, "date": date.fromisoformat(data["date"])})


def _action_json(item: ActionItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "status": item.status,
        "result": item.result,
        "is_new": item.is_new,
        "start_date": _iso(item.start_date),
        "due_date": _iso(item.due_date),
        "stale": item.stale,
    }


def _moment_json(item: CommunicationItem) -> dict[str, Any]:
    return {"date": _iso(item.date), "text": item.text, "channel": item.channel}
