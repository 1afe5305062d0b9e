"""Reads of monitors, and the one computation of a report's figures for a date.

The definitions (issue 3) are kept here, once:
- previous monitor: the latest *finalised* monitor of the plan dated before D; without
  one, the plan's adoption date stands in (the baseline);
- realised: actions not completed (or not yet in the plan) on the baseline and completed
  on D;
- planned: actions whose status on D is not started, running or postponed and whose start
  or due date falls in (D, D + N months], the last day included;
- attention points open on D; communication moments realised in (baseline, D] and those
  dated after D;
- tenders, contracts and targets: see monitoring.tender_section.
"""

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet

from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
)
from mvimonitor.monitoring.report import (
    ActionItem,
    AttentionItem,
    CommunicationItem,
    PeriodFigures,
    Report,
    TrendPoint,
)
from mvimonitor.monitoring.round_section import round_section, stale_section, with_stale_marks
from mvimonitor.monitoring.tender_section import tender_section
from mvimonitor.organisations.logo import logo_data_uri
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.plans.selectors import is_in_plan_on, status_on_expression
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds.selectors import DONE_STATUSES, UNREAD, RoundRead

OPEN_STATUSES = (Status.NOT_STARTED, Status.RUNNING, Status.POSTPONED)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_monitors(*, plan: ActionPlan) -> QuerySet[Monitor]:
    return Monitor.objects.filter(plan=plan).order_by("-date")


def previous_monitor(*, plan: ActionPlan, before: date) -> Monitor | None:
    return (
        Monitor.objects.filter(plan=plan, state=Monitor.State.FINAL, date__lt=before)
        .order_by("-date")
        .first()
    )


def current_edition(*, monitor: Monitor) -> MonitorEdition | None:
    return monitor.editions.filter(reopened_at=None).first()


def report_for_date(
    *,
    plan: ActionPlan,
    on: date,
    monitor: Monitor | None = None,
    update_round: RoundRead = UNREAD,
) -> Report:
    """The live report of `plan` on `on` (a monitor's date, or any date): a constant
    number of queries, whatever the number of actions and monitors. `update_round`: the
    monitor's round as rounds.selectors.round_for_monitor read it (None: it has none),
    when the caller has read it already."""
    previous = previous_monitor(plan=plan, before=on)
    baseline = previous.date if previous else plan.adopted_on
    window_months = plan.planning_window_months
    window_end = add_months(on, window_months)
    actions = _actions(plan, on, baseline)
    section = tender_section(plan=plan, on=on, baseline=baseline, window_end=window_end)
    # update round and stale actions (ADR 0013); the statuses on D are those just read
    open_on = {a["pk"] for a in actions if a["status_on"] not in DONE_STATUSES}
    stale = stale_section(plan=plan, on=on, open_on=open_on)
    communication = _communication(plan, on, baseline)
    return Report(
        organisation=plan.organisation.name,
        organisation_slug=plan.organisation.slug,
        plan=plan.name,
        plan_slug=plan.slug,
        monitor_date=on,
        status=monitor.state if monitor else Monitor.State.DRAFT.value,
        previous_monitor_date=previous.date if previous else None,
        baseline_date=baseline,
        next_monitor_date=monitor.next_monitor_on if monitor else None,
        summary=monitor.summary if monitor else "",
        window_months=window_months,
        window_end=window_end,
        periods=_period_figures(plan, actions, on, baseline),
        realised=with_stale_marks(_realised(actions, on, baseline), stale),
        planned=with_stale_marks(_planned(actions, on, baseline, window_end), stale),
        attention_points=_attention_points(plan, on),
        communication_realised=communication.realised,
        communication_planned=communication.planned,
        trend=_trend(plan, on),
        tender_count=section.tender_count,
        tenders_with_mvi=section.tenders_with_mvi,
        tenders=section.tenders,
        contracts=section.contracts,
        targets=section.targets,
        mvi_share=section.mvi_share,
        update_round=round_section(monitor=monitor, update_round=update_round),
        stale=stale,
        organisation_logo=logo_data_uri(plan.organisation),
    )


def _actions(plan: ActionPlan, on: date, baseline: date) -> list[dict[str, Any]]:
    """Every action of the plan with its status on `on` and on the baseline, in report
    order: ONE query, from which the figures and both lists are taken (the statuses
    follow the definition of plans.selectors, checked against it by the tests)."""
    return list(
        Action.objects.filter(plan=plan, added_on__lte=max(on, baseline))
        .annotate(
            status_on=status_on_expression(on),
            status_before=status_on_expression(baseline),
            period_name=F("period__name"),
        )
        .order_by("period__position", "period_id", "code")
        .values(
            "pk",
            "code",
            "title",
            "result",
            "period_id",
            "period_name",
            "added_on",
            "withdrawn_on",
            "start_date",
            "due_date",
            "status_on",
            "status_before",
        )
    )


def _in_plan(action: dict[str, Any], day: date) -> bool:
    return is_in_plan_on(added_on=action["added_on"], withdrawn_on=action["withdrawn_on"], on=day)


def _period_figures(
    plan: ActionPlan, actions: list[dict[str, Any]], on: date, baseline: date
) -> list[PeriodFigures]:
    now: dict[int, Counter[str]] = defaultdict(Counter)
    before: dict[int, Counter[str]] = defaultdict(Counter)
    for action in actions:
        if _in_plan(action, on):
            now[action["period_id"]][action["status_on"]] += 1
        if _in_plan(action, baseline):
            before[action["period_id"]][action["status_before"]] += 1
    figures = []
    for period_id, name in plan.periods.order_by("position", "id").values_list("pk", "name"):
        counts = {s.value: now[period_id][s.value] for s in Status}
        change = {s.value: counts[s.value] - before[period_id][s.value] for s in Status}
        figures.append(PeriodFigures(period_id, name, counts, change))
    return figures


def _item(action: dict[str, Any], baseline: date) -> ActionItem:
    return ActionItem(
        action_id=action["pk"],
        code=action["code"],
        title=action["title"],
        status=action["status_on"],
        result=action["result"],
        is_new=action["added_on"] > baseline,
        start_date=action["start_date"],
        due_date=action["due_date"],
        period=action["period_name"],
    )


def _realised(actions: list[dict[str, Any]], on: date, baseline: date) -> list[ActionItem]:
    """Completed on D, and not completed (or not yet in the plan) on the baseline."""
    return [
        _item(a, baseline)
        for a in actions
        if a["status_on"] == Status.COMPLETED  # the cheap test first: most actions fail it
        and _in_plan(a, on)
        and not (a["status_before"] == Status.COMPLETED and _in_plan(a, baseline))
    ]


def _planned(
    actions: list[dict[str, Any]], on: date, baseline: date, window_end: date
) -> list[ActionItem]:
    """Open on D, starting or due in (D, window end]."""

    def in_window(day: date | None) -> bool:
        return day is not None and on < day <= window_end

    return [
        _item(a, baseline)
        for a in actions
        if (in_window(a["start_date"]) or in_window(a["due_date"]))  # most actions fail it
        and a["status_on"] in OPEN_STATUSES
        and _in_plan(a, on)
    ]


def _attention_points(plan: ActionPlan, on: date) -> list[AttentionItem]:
    points = AttentionPoint.objects.filter(plan=plan, raised_on__lte=on).exclude(closed_on__lte=on)
    rows = points.order_by("raised_on", "id").values_list("kind", "text", "date")
    return [AttentionItem(kind, text, day) for kind, text, day in rows]


@dataclass(frozen=True)
class _Communication:
    realised: list[CommunicationItem]
    planned: list[CommunicationItem]


def _communication(plan: ActionPlan, on: date, baseline: date) -> _Communication:
    """The moments realised in (baseline, D] and those dated after D, in date order:
    one query for both lists."""
    realised = Q(date__gt=baseline, date__lte=on, state=CommunicationMoment.State.REALISED)
    rows = (
        CommunicationMoment.objects.filter(realised | Q(date__gt=on), plan=plan)
        .order_by("date", "id")
        .values_list("date", "text", "channel")
    )
    moments = [CommunicationItem(day, text, channel) for day, text, channel in rows]
    # The two conditions exclude each other (dated up to D, or after it).
    return _Communication(
        realised=[m for m in moments if m.date <= on], planned=[m for m in moments if m.date > on]
    )


def _trend(plan: ActionPlan, on: date) -> list[TrendPoint]:
    """Completed actions at every finalised monitor up to `on` (from their frozen
    editions), then on `on` itself (filled in by the caller's figures)."""
    editions = MonitorEdition.objects.filter(
        monitor__plan=plan, monitor__date__lt=on, reopened_at=None
    ).order_by("monitor__date")
    return [
        TrendPoint(day, completed, total)
        for day, completed, total in editions.values_list(
            "monitor__date", "completed_count", "action_count"
        )
    ]


def report_with_own_trend_point(report: Report) -> list[TrendPoint]:
    """The trend including the report's own date, for charts."""
    totals = report.totals()
    return [
        *report.trend,
        TrendPoint(report.monitor_date, totals.get(Status.COMPLETED.value, 0), report.total),
    ]
