"""A finalised monitor's figures recomputed with today's history.

The edition never changes (ADR 0008): it is what was reported. But the history it was
computed from can change afterwards, by a status change back-dated to before the
monitor, a correction (plans.services.status_change_correct), an undone import. Then
the monitor's page says which figures the same date gives now, and a page lists what
explains it (docs/adr/0027-corrections-undo-and-deletion.md). Never in the edition's
files: they are the edition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mvimonitor.plans.selectors import (
    status_changes_recorded_since,
    status_corrections_since,
    status_counts_per_period,
)
from mvimonitor.plans.workflow import STATUS_ORDER, Status

if TYPE_CHECKING:
    from mvimonitor.monitoring.models import Monitor, MonitorEdition
    from mvimonitor.monitoring.report import PeriodFigures
    from mvimonitor.plans.models import ActionPlan, StatusChange, StatusCorrection


@dataclass(frozen=True)
class FigureChange:
    """One count of the report's status table that the history now gives otherwise."""

    period: str
    status: Status
    frozen: int
    live: int


def figure_changes(
    *, plan: ActionPlan, on: date, periods: Sequence[PeriodFigures]
) -> list[FigureChange]:
    """The counts per period and status of the frozen `periods` that the plan's history
    gives otherwise on `on` now, in the report's order (periods added since after
    them). Two queries."""
    live = {counts.period_id: counts for counts in status_counts_per_period(plan=plan, on=on)}
    frozen = {figures.period_id: figures for figures in periods}
    changes = []
    for period_id in [*frozen, *(pk for pk in live if pk not in frozen)]:
        was = frozen[period_id].counts if period_id in frozen else {}
        now = live[period_id].counts if period_id in live else {}
        name = frozen[period_id].name if period_id in frozen else live[period_id].name
        for status in STATUS_ORDER:
            before, after = was.get(status.value, 0), now.get(status, 0)
            if before != after:
                changes.append(FigureChange(name, status, before, after))
    return changes


@dataclass(frozen=True)
class Explanation:
    """What was written to the plan's history after an edition was frozen that bears on
    its date: status changes recorded since that take effect by then, and corrections
    made since that moved a change from or to a date by then."""

    status_changes: list[StatusChange]
    corrections: list[StatusCorrection]


def changes_since_edition(*, monitor: Monitor, edition: MonitorEdition) -> Explanation:
    since, until = edition.frozen_at, monitor.date
    return Explanation(
        status_changes=list(
            status_changes_recorded_since(plan=monitor.plan, since=since, effective_until=until)
        ),
        corrections=list(
            status_corrections_since(plan=monitor.plan, since=since, touching_until=until)
        ),
    )
