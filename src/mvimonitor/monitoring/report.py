"""The report of a monitor as plain typed data: computed once by
selectors.report_for_date (the core here, and each registered section's data), frozen as
JSON when a monitor is finalised, and only rendered by the renderers of
monitoring.rendering (HTML, PDF, Excel, JSON)."""

import dataclasses
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from mvimonitor.monitoring.sections import Part, parts, storable
from mvimonitor.monitoring.sections import from_storage as sections_from_storage
from mvimonitor.plans.workflow import STATUS_ORDER, Status

STATUS_CODES: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


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
    # Not updated ("stale") on the monitor date (ADR 0013); None in editions frozen
    # before the mark.
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
    """The report's core (the plan's figures on the date and monitoring's own lists) and
    the data of every registered section by id (sections.py)."""

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
    # Section id -> its data (None: the section has no data of its own, or the report
    # was frozen before the section existed).
    sections: dict[str, Any] = field(default_factory=dict)
    # The variant this report is rendered as (variants.ReportVariant, ADR 0025), and
    # what it shows: its sections in order (None: every registered section in report
    # order, as a report is computed and frozen), the monitor's commentary under them by
    # section id, and the sections withheld with their data (the council version's
    # sections that name people). Not frozen with the report data: an edition keeps
    # them per variant (EditionVariant).
    variant: str = "full"
    section_ids: tuple[str, ...] | None = None
    commentary: dict[str, str] = field(default_factory=dict)
    withheld: frozenset[str] = frozenset()

    def totals(self) -> dict[str, int]:
        return {code: sum(p.counts.get(code, 0) for p in self.periods) for code in STATUS_CODES}

    def total_change(self) -> dict[str, int]:
        return {code: sum(p.change.get(code, 0) for p in self.periods) for code in STATUS_CODES}

    @property
    def total(self) -> int:
        return sum(self.totals().values())

    def section(self, section_id: str) -> Any:
        """One registered section's data, shown in this report's variant or not (its
        default when the report holds none, or withholds it)."""
        return next(part.data for part in parts(self.sections) if part.id == section_id)

    def parts(self) -> list[Part]:
        """The sections this report shows, in order, each with its data: what every
        renderer renders."""
        return list(parts(self.sections, self.section_ids))

    def shows_mark(self, mark: str) -> bool:
        """Whether a section this report shows puts `mark` on its actions (the "stale"
        column of the action lists belongs to the section that explains it)."""
        return any(mark in part.section.marks for part in self.parts())

    def data_parts(self) -> list[Part]:
        """Every section whose data this report may carry, shown or not, in report order
        (the JSON's keys): all but those withheld."""
        return [part for part in parts(self.sections) if part.id not in self.withheld]

    # -- storage (frozen editions) ------------------------------------------------------

    def to_storage(self) -> dict[str, Any]:
        """The core and each section's keys, dates as ISO strings: what a finalised
        edition keeps."""
        core = asdict(dataclasses.replace(self, sections={}))
        for name in _NOT_STORED:
            del core[name]
        for part in self.data_parts():
            core.update(part.section.to_storage(part.data))
        return storable(core)

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "Report":
        core = {name: data[name] for name in _CORE_FIELDS if name in data}
        return cls(
            **{
                **core,
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
                "sections": sections_from_storage(data),
            }
        )


#: The fields of a Report that a frozen report does not hold as such: the sections' data
#: (under their own keys) and what a variant shows.
_NOT_STORED = ("sections", "variant", "section_ids", "commentary", "withheld")
#: The report's own fields in a frozen report (the rest are its sections' keys).
_CORE_FIELDS = tuple(f.name for f in fields(Report) if f.name not in _NOT_STORED)


def _action(data: dict[str, Any]) -> ActionItem:
    return ActionItem(
        **{**data, "start_date": _date(data["start_date"]), "due_date": _date(data["due_date"])}
    )


def _moment(data: dict[str, Any]) -> CommunicationItem:
    return CommunicationItem(**{**data, "date": date.fromisoformat(data["date"])})
