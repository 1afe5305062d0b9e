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
- every other section of the report: computed by the app that owns it (sections.py).
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    EditionVariant,
    Monitor,
    MonitorEdition,
    ReportComposition,
    SectionCommentary,
)
from mvimonitor.monitoring.report import (
    ActionItem,
    AttentionItem,
    CommunicationItem,
    PeriodFigures,
    Report,
    TrendPoint,
)
from mvimonitor.monitoring.sections import Section, SectionInput, by_ids, compute_all, registered
from mvimonitor.monitoring.variants import (
    DEFAULT_VARIANT,
    ReportVariant,
    effective_section_ids,
    variant_report,
)
from mvimonitor.plans.lateness import lateness
from mvimonitor.plans.selectors import (
    LateAction,
    is_in_plan_on,
    period_names,
    report_action_rows,
    should_have_moved,
)
from mvimonitor.plans.workflow import DONE_STATUSES, Status

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

OPEN_STATUSES = (Status.NOT_STARTED, Status.RUNNING, Status.POSTPONED)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_monitors(*, plan: ActionPlan) -> QuerySet[Monitor]:
    return Monitor.objects.filter(plan=plan).order_by("-date")


def monitor_of_plan_on(*, plan: ActionPlan, day: date) -> Monitor | None:
    """The plan's monitor dated `day`, or None; its plan is the one given."""
    monitor = Monitor.objects.filter(plan=plan, date=day).first()
    if monitor is not None:
        monitor.plan = plan
    return monitor


def monitors_of_plans(*, plan_ids: Iterable[int]) -> list[Monitor]:
    """The monitors of these plans (their date, state and next monitor), per plan, the
    latest first: one query."""
    return list(
        Monitor.objects.filter(plan_id__in=plan_ids)
        .only("pk", "plan_id", "date", "state", "next_monitor_on")
        .order_by("plan_id", "-date", "-pk")
    )


def next_monitor(*, plan: ActionPlan) -> Monitor | None:
    """The plan's next monitor: its earliest draft (the next to finalise), None without
    one; its plan is the one given."""
    monitor = (
        Monitor.objects.filter(plan=plan, state=Monitor.State.DRAFT).order_by("date", "pk").first()
    )
    if monitor is not None:
        monitor.plan = plan
    return monitor


def planned_next_monitor_on(*, plan: ActionPlan) -> date | None:
    """The date the plan's latest finalised monitor names for the next one, if any."""
    return (
        Monitor.objects.filter(plan=plan, state=Monitor.State.FINAL)
        .order_by("-date")
        .values_list("next_monitor_on", flat=True)
        .first()
    )


def open_attention_points(*, plan: ActionPlan, on: date) -> list[AttentionPoint]:
    """The plan's attention points open on `on` (raised by then, not closed), the
    oldest first: one query (a plan has a few dozen at most)."""
    return list(
        AttentionPoint.objects.filter(plan=plan, raised_on__lte=on)
        .exclude(closed_on__lte=on)
        .order_by("raised_on", "id")
    )


def communication_moments_of_plans(*, plan_ids: Iterable[int]) -> QuerySet[CommunicationMoment]:
    """The communication moments of these plans."""
    return CommunicationMoment.objects.filter(plan_id__in=plan_ids).only(
        "pk", "plan_id", "date", "text", "channel", "state"
    )


def dated_attention_points_of_plans(*, plan_ids: Iterable[int]) -> QuerySet[AttentionPoint]:
    """The attention points of these plans that have a date."""
    return AttentionPoint.objects.filter(plan_id__in=plan_ids, date__isnull=False).only(
        "pk", "plan_id", "date", "text", "kind"
    )


def monitor_dates(*, plan: ActionPlan) -> set[date]:
    """The dates of the plan's monitors."""
    return set(Monitor.objects.filter(plan=plan).values_list("date", flat=True))


def attention_point_texts(*, plan: ActionPlan) -> set[str]:
    """The texts of the plan's attention points (open and closed)."""
    return set(AttentionPoint.objects.filter(plan=plan).values_list("text", flat=True))


def communication_moment_texts(*, plan: ActionPlan) -> set[str]:
    """The texts of the plan's communication moments."""
    return set(CommunicationMoment.objects.filter(plan=plan).values_list("text", flat=True))


def previous_monitor(*, plan: ActionPlan, before: date) -> Monitor | None:
    return (
        Monitor.objects.filter(plan=plan, state=Monitor.State.FINAL, date__lt=before)
        .order_by("-date")
        .first()
    )


def current_edition(*, monitor: Monitor) -> MonitorEdition | None:
    return monitor.editions.filter(reopened_at=None).first()


def finalised_editions(*, plan: ActionPlan) -> QuerySet[MonitorEdition]:
    """The current edition of each finalised monitor of `plan` (a reopened monitor is a
    draft again: none), with its monitor and who finalised it, the latest monitor first;
    without the stored report and PDF. One query."""
    return (
        MonitorEdition.objects.filter(
            monitor__plan=plan, monitor__state=Monitor.State.FINAL, reopened_at=None
        )
        .select_related("monitor", "frozen_by")
        .defer("report", "pdf")
        .order_by("-monitor__date")
    )


def finalised_edition(*, plan: ActionPlan, day: date) -> MonitorEdition | None:
    """The current edition of `plan`'s monitor of `day` if that monitor is finalised,
    with its monitor; None for a draft or no monitor."""
    return (
        MonitorEdition.objects.filter(
            monitor__plan=plan,
            monitor__date=day,
            monitor__state=Monitor.State.FINAL,
            reopened_at=None,
        )
        .select_related("monitor", "frozen_by")
        .first()
    )


def monitor_report(
    *,
    monitor: Monitor,
    memo: dict[str, Any] | None = None,
    variant: str = DEFAULT_VARIANT,
) -> tuple[Report, MonitorEdition | None]:
    """The report a monitor shows as `variant`: a final monitor its current frozen
    edition (with it), with the sections and commentary frozen with it; a draft the live
    figures as of its date (`memo` as in report_for_date) with the plan's composition
    and the monitor's commentary as they are now."""
    edition = current_edition(monitor=monitor) if monitor.is_final else None
    if edition is not None:
        return frozen_report(edition=edition, variant=variant), edition
    live = report_for_date(plan=monitor.plan, on=monitor.date, monitor=monitor, memo=memo)
    shown = variant_report(
        live,
        variant=variant,
        section_ids=composition_section_ids(plan=monitor.plan, variant=variant),
        commentary=monitor_commentary(monitor=monitor),
    )
    return shown, None


def frozen_report(*, edition: MonitorEdition, variant: str) -> Report:
    """An edition's report as `variant` showed it when it was frozen. An edition frozen
    before variants existed shows every section in report order as its full version,
    and the council version's default composition, both without commentary."""
    frozen = edition_variant(edition=edition, variant=variant)
    report = Report.from_storage(edition.report)
    if frozen is None:
        return variant_report(
            report, variant=variant, section_ids=effective_section_ids(variant, None), commentary={}
        )
    return variant_report(
        report, variant=variant, section_ids=frozen.section_ids, commentary=frozen.commentary
    )


def edition_variant(*, edition: MonitorEdition, variant: str) -> EditionVariant | None:
    """What `variant` of the edition froze (None for an edition frozen before variants).
    Not the PDF: it is read only when it is downloaded (`frozen_pdf`)."""
    return EditionVariant.objects.filter(edition=edition, variant=variant).defer("pdf").first()


def frozen_pdf(*, edition: MonitorEdition, variant: str) -> bytes | None:
    """The PDF of `variant` stored when the edition was frozen; None when none was (the
    council version of an edition frozen before variants: rendered from its data)."""
    if variant == ReportVariant.FULL:
        return bytes(edition.pdf)
    pdf = (
        EditionVariant.objects.filter(edition=edition, variant=variant)
        .values_list("pdf", flat=True)
        .first()
    )
    return bytes(pdf) if pdf is not None else None


def plan_composition(*, plan: ActionPlan, variant: str) -> ReportComposition | None:
    """The plan's stored composition of `variant`, or None (its default applies)."""
    return ReportComposition.objects.filter(plan=plan, variant=variant).first()


def composition_section_ids(*, plan: ActionPlan, variant: str) -> list[str]:
    """The sections of `variant` of the plan's reports, in order (ADR 0025)."""
    stored = plan_composition(plan=plan, variant=variant)
    return effective_section_ids(variant, stored.section_ids if stored else None)


def commentary_sections(*, plan: ActionPlan) -> list[Section]:
    """The sections a monitor of the plan can have commentary under: those of its full
    version in order, then those only its council version has."""
    ids = composition_section_ids(plan=plan, variant=ReportVariant.FULL)
    council = composition_section_ids(plan=plan, variant=ReportVariant.COUNCIL)
    return by_ids([*ids, *(i for i in council if i not in ids)])


def monitor_commentary(*, monitor: Monitor) -> dict[str, str]:
    """The monitor's commentary under its report's sections, by section id."""
    rows = SectionCommentary.objects.filter(monitor=monitor).values_list("section_id", "text")
    return dict(rows)


def report_for_date(
    *,
    plan: ActionPlan,
    on: date,
    monitor: Monitor | None = None,
    memo: dict[str, Any] | None = None,
) -> Report:
    """The live report of `plan` on `on` (a monitor's date, or any date): the core and
    every registered section, in a constant number of queries whatever the number of
    actions and monitors. `memo`: reads the request already made (the monitor page's
    boxes), which the sections use instead of reading again."""
    source, actions = _section_input(plan, on, monitor, memo)
    sections = compute_all(source)
    marks = _action_marks(sections)
    baseline, window_end = source.baseline, source.window_end
    communication = _communication(plan, on, baseline)
    return Report(
        organisation=plan.organisation.name,
        organisation_slug=plan.organisation.slug,
        plan=plan.name,
        plan_slug=plan.slug,
        monitor_date=on,
        status=monitor.state if monitor else Monitor.State.DRAFT.value,
        previous_monitor_date=source.previous_on,
        baseline_date=baseline,
        next_monitor_date=monitor.next_monitor_on if monitor else None,
        summary=monitor.summary if monitor else "",
        window_months=plan.planning_window_months,
        window_end=window_end,
        periods=_period_figures(plan, actions, on, baseline),
        realised=_realised(actions, on, baseline, marks),
        planned=_planned(actions, on, baseline, window_end, marks),
        attention_points=_attention_points(plan, on),
        communication_realised=communication.realised,
        communication_planned=communication.planned,
        trend=_trend(plan, on),
        sections=sections,
    )


def section_on(*, monitor: Monitor, section_id: str) -> Any:
    """One section's data as of the monitor's date (a draft's live list of a mark)."""
    source, _actions = _section_input(monitor.plan, monitor.date, monitor, None)
    section = next(s for s in registered() if s.id == section_id)
    return section.compute(source)


def _section_input(
    plan: ActionPlan, on: date, monitor: Monitor | None, memo: dict[str, Any] | None
) -> tuple[SectionInput, list[dict[str, Any]]]:
    previous = previous_monitor(plan=plan, before=on)
    baseline = previous.date if previous else plan.adopted_on
    actions = report_action_rows(plan=plan, on=on, baseline=baseline)
    source = SectionInput(
        plan=plan,
        monitor=monitor,
        on=on,
        baseline=baseline,
        previous_on=previous.date if previous else None,
        window_end=add_months(on, plan.planning_window_months),
        # the statuses on D are those just read
        open_action_ids=frozenset(a["pk"] for a in actions if a["status_on"] not in DONE_STATUSES),
        moving_action_ids=frozenset(
            a["pk"]
            for a in actions
            if should_have_moved(status=a["status_on"], start_date=a["start_date"], on=on)
        ),
        late_actions=tuple(_late_actions(actions)),
        memo=memo if memo is not None else {},
    )
    return source, actions


def _late_actions(actions: list[dict[str, Any]]) -> Iterable[LateAction]:
    """The actions the core's read found late on D (its `late_reason`), in its order."""
    for a in actions:
        late = lateness(a["late_reason"], start_date=a["start_date"], due_date=a["due_date"])
        if late is not None:
            yield LateAction(a["pk"], a["code"], a["title"], a["period_name"], late)


def _action_marks(sections: dict[str, Any]) -> dict[str, frozenset[int]]:
    """The marks the sections put on actions, by name (the report knows "stale")."""
    marks: dict[str, set[int]] = {}
    for section in registered():
        for name, ids in section.action_marks(sections.get(section.id)).items():
            marks.setdefault(name, set()).update(ids)
    return {name: frozenset(ids) for name, ids in marks.items()}


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
    for period_id, name in period_names(plan=plan):
        counts = {s.value: now[period_id][s.value] for s in Status}
        change = {s.value: counts[s.value] - before[period_id][s.value] for s in Status}
        figures.append(PeriodFigures(period_id, name, counts, change))
    return figures


def _item(action: dict[str, Any], baseline: date, marks: dict[str, frozenset[int]]) -> ActionItem:
    stale = marks.get("stale")
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
        stale=None if stale is None else action["pk"] in stale,
    )


def _realised(
    actions: list[dict[str, Any]], on: date, baseline: date, marks: dict[str, frozenset[int]]
) -> list[ActionItem]:
    """Completed on D, and not completed (or not yet in the plan) on the baseline."""
    return [
        _item(a, baseline, marks)
        for a in actions
        if a["status_on"] == Status.COMPLETED  # the cheap test first: most actions fail it
        and _in_plan(a, on)
        and not (a["status_before"] == Status.COMPLETED and _in_plan(a, baseline))
    ]


def _planned(
    actions: list[dict[str, Any]],
    on: date,
    baseline: date,
    window_end: date,
    marks: dict[str, frozenset[int]],
) -> list[ActionItem]:
    """Open on D, starting or due in (D, window end]."""

    def in_window(day: date | None) -> bool:
        return day is not None and on < day <= window_end

    return [
        _item(a, baseline, marks)
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
