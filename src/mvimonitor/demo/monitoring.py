"""The demo plan's monitoring history: its attention points, communication moments and
finalised monitors, written through mvimonitor.monitoring.services like any user's.

Idempotent like the rest of the loader: an attention point or communication moment whose
text the plan already has, and a monitor on a date the plan already has (draft or final),
are left as they are. Items come first, monitors after, in date order: finalising freezes
what the monitor shows, and each monitor's previous monitor must be final by then.

Each is recorded on its own day (demo.moments): a monitor is finalised at the end of
its date. Dates still to come (only when "today" is set back, as tests do) are not
written as if they had passed: the services refuse that, so such a point stays open, such a moment
stays planned and such a monitor stays a draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from mvimonitor.demo.data import DemoOrganisation
from mvimonitor.demo.moments import FINALISED, recorded_on
from mvimonitor.monitoring import selectors as monitoring_selectors
from mvimonitor.monitoring import services as monitoring_services
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
    from mvimonitor.plans.models import ActionPlan

PLANNED = "planned"  # CommunicationMoment.State.PLANNED


@dataclass
class DemoMonitoringResult:
    attention_points: list[AttentionPoint] = field(default_factory=list)
    communication_moments: list[CommunicationMoment] = field(default_factory=list)
    monitors: list[Monitor] = field(default_factory=list)  # created (finalised if past)


@transaction.atomic
def demo_monitoring_ensure(
    *, spec: DemoOrganisation, plan: ActionPlan, by: User | None
) -> DemoMonitoringResult:
    """Add what of `spec`'s monitoring history `plan` lacks; finalise new monitors as `by`."""
    return DemoMonitoringResult(
        attention_points=_attention_points_ensure(spec=spec, plan=plan, by=by),
        communication_moments=_moments_ensure(spec=spec, plan=plan, by=by),
        monitors=_monitors_ensure(spec=spec, plan=plan, by=by),
    )


def _attention_points_ensure(
    *, spec: DemoOrganisation, plan: ActionPlan, by: User | None
) -> list[AttentionPoint]:
    texts = monitoring_selectors.attention_point_texts(plan=plan)
    created = []
    for point in spec.attention_points:
        if point.text in texts:
            continue
        with recorded_on(point.raised_on):
            created.append(
                monitoring_services.attention_point_create(
                    plan=plan,
                    text=point.text,
                    by=by,
                    kind=point.kind,
                    date=point.date,
                    raised_on=point.raised_on,
                    closed_on=_if_past(point.closed_on),
                )
            )
    return created


def _moments_ensure(
    *, spec: DemoOrganisation, plan: ActionPlan, by: User | None
) -> list[CommunicationMoment]:
    texts = monitoring_selectors.communication_moment_texts(plan=plan)
    created = []
    for moment in spec.communication_moments:
        if moment.text in texts:
            continue
        with recorded_on(moment.date):
            created.append(
                monitoring_services.communication_moment_create(
                    plan=plan,
                    date=moment.date,
                    text=moment.text,
                    by=by,
                    channel=moment.channel,
                    state=moment.state if _if_past(moment.date) else PLANNED,
                )
            )
    return created


def _monitors_ensure(*, spec: DemoOrganisation, plan: ActionPlan, by: User | None) -> list[Monitor]:
    dates = monitoring_selectors.monitor_dates(plan=plan)
    created = []
    for monitor_spec in sorted(spec.monitors, key=lambda m: m.date):
        if monitor_spec.date in dates:
            continue
        with recorded_on(monitor_spec.date):
            monitor = monitoring_services.monitor_create(
                plan=plan,
                by=by,
                date=monitor_spec.date,
                summary=monitor_spec.summary,
                next_monitor_on=monitor_spec.next_monitor_on,
            )
        if _if_past(monitor.date):
            # On its own date, as Helmond did: "vastgesteld op 12 juli 2017".
            with recorded_on(monitor.date, FINALISED) as finalised_at:
                monitoring_services.monitor_finalise(monitor=monitor, by=by, at=finalised_at)
        created.append(monitor)
    return created


def _if_past(day: date | None) -> date | None:
    return day if day is not None and day <= today() else None
