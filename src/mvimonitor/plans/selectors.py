"""Reads of action plans. "The status of an action on date D" is defined here once:

    the `to_status` of its latest StatusChange with effective_on <= D (ties broken by
    recorded_at, then id), or not_started while it has none; an action added after D,
    or withdrawn on or before D, is in no figure or list for D.

`status_on` is the pure in-memory version; `action_statuses_on` asks the database the
same in one query, and the tests check the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypedDict

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.kernel.texts import max_length_of
from mvimonitor.plans.lateness import Lateness, late_reason_expression, lateness
from mvimonitor.plans.models import (
    Action,
    ActionPlan,
    Period,
    StatusChange,
    StatusCorrection,
    Theme,
)
from mvimonitor.plans.workflow import STATUS_ORDER, Status

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import WithAnnotations


class HistoryRow(Protocol):
    effective_on: date
    recorded_at: datetime
    id: int | None
    to_status: str


def status_on(rows: Iterable[HistoryRow], on: date) -> Status:
    """The status on `on` given an action's history rows, in memory."""
    candidates = [row for row in rows if row.effective_on <= on]
    if not candidates:
        return Status.NOT_STARTED
    latest = max(candidates, key=lambda r: (r.effective_on, r.recorded_at, r.id or 0))
    return Status(latest.to_status)


def is_in_plan_on(*, added_on: date, withdrawn_on: date | None, on: date) -> bool:
    return added_on <= on and (withdrawn_on is None or withdrawn_on > on)


class StatusOnAnnotation(TypedDict):
    status_on: str


def actions_in_plan_on(
    *, plan: ActionPlan, on: date
) -> QuerySet[WithAnnotations[Action, StatusOnAnnotation]]:
    """The plan's actions that count on `on`, each annotated with `status_on`."""
    return (
        Action.objects.filter(plan=plan, added_on__lte=on)
        .exclude(withdrawn_on__lte=on)
        .annotate(status_on=status_on_expression(on))
    )


#: Statuses in which an action is under way, so it should show progress.
UNDER_WAY: tuple[str, ...] = (Status.RUNNING.value, Status.POSTPONED.value)


def should_have_moved(*, status: str, start_date: date | None, on: date) -> bool:
    """Whether an action with `status` on `on` should have moved by then: it is running
    or postponed, or it has not started although its start date has come (on or before
    `on`). Not started without a start date, completed and cancelled never: nothing was
    due. The rule of "not updated" (rounds.selectors, ADR 0013); `should_have_moved_q`
    is the same in SQL, and the tests check the two agree."""
    if status in UNDER_WAY:
        return True
    return status == Status.NOT_STARTED and start_date is not None and start_date <= on


def should_have_moved_q(on: date, *, status: str = "status_on") -> Q:
    """`should_have_moved` as a filter of an Action queryset whose status on `on` is
    the field or annotation `status` (status_on_expression)."""
    return Q(**{f"{status}__in": UNDER_WAY}) | Q(
        **{status: Status.NOT_STARTED.value}, start_date__lte=on
    )


def status_on_expression(on: date) -> Coalesce:
    """SQL for an action's status on `on`, to annotate an Action queryset with."""
    latest = (
        StatusChange.objects.filter(action=OuterRef("pk"), effective_on__lte=on)
        .order_by("-effective_on", "-recorded_at", "-id")
        .values("to_status")[:1]
    )
    return Coalesce(Subquery(latest), Value(Status.NOT_STARTED.value))


def action_statuses_on(*, plan: ActionPlan, on: date) -> dict[int, Status]:
    """Status on `on` of every action of the plan that counts on that date (one query)."""
    rows = actions_in_plan_on(plan=plan, on=on).values_list("pk", "status_on")
    return {pk: Status(status) for pk, status in rows}


@dataclass(frozen=True)
class PeriodCounts:
    period_id: int
    name: str
    counts: dict[Status, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_completed(self) -> bool:
        return self.total > 0 and self.counts.get(Status.COMPLETED, 0) == self.total

    def ordered_counts(self) -> list[tuple[Status, int]]:
        return [(status, self.counts.get(status, 0)) for status in STATUS_ORDER]


def status_counts_per_period(*, plan: ActionPlan, on: date) -> list[PeriodCounts]:
    """Per period of the plan (in plan order, empty periods included) the number of
    actions per status on `on`. Two queries whatever the plan's size."""
    rows = (
        actions_in_plan_on(plan=plan, on=on)
        .values("period_id", "status_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[Status, int]] = {}
    for row in rows:
        counts.setdefault(row["period_id"], {})[Status(row["status_on"])] = row["n"]
    return [
        PeriodCounts(period_id=p.pk, name=p.name, counts=counts.get(p.pk, {}))
        for p in Period.objects.filter(plan=plan).order_by("position", "id")
    ]


def organisation_plan(*, organisation: Organisation, slug: str) -> ActionPlan | None:
    """The organisation's plan with this slug, None if it has none; its organisation is
    the one given (no second query when a page names it)."""
    plan = ActionPlan.objects.filter(organisation=organisation, slug=slug).first()
    if plan is not None:
        plan.organisation = organisation
    return plan


def plan_action(*, plan: ActionPlan, pk: int) -> Action | None:
    """The plan's action `pk` with its plan, period and owner, None if the plan has no
    such action."""
    return Action.objects.select_related("plan", "period", "owner").filter(plan=plan, pk=pk).first()


def organisation_plans(*, organisation: Organisation) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(organisation=organisation).annotate(
        action_count=Count("actions", filter=Q(actions__withdrawn_on__isnull=True))
    )


def plan_actions(*, plan: ActionPlan) -> QuerySet[Action]:
    """The plan's actions with what a list shows, ready for filtering."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("period", "owner", "plan")
        .prefetch_related("themes")
    )


def action_history(*, action: Action) -> QuerySet[StatusChange]:
    """The action's status changes in order, each with its corrections (oldest first)."""
    corrections = StatusCorrection.objects.select_related("corrected_by").order_by(
        "corrected_at", "id"
    )
    return (
        action.status_changes.select_related("recorded_by")
        .prefetch_related(Prefetch("corrections", queryset=corrections))
        .order_by("effective_on", "recorded_at", "id")
    )


def action_status_change(*, action: Action, pk: int) -> StatusChange | None:
    """The action's status change `pk`, None if the action has no such change."""
    return StatusChange.objects.filter(action=action, pk=pk).first()


def status_changes_recorded_since(
    *, plan: ActionPlan, since: datetime, effective_until: date
) -> QuerySet[StatusChange]:
    """The status changes of the plan's actions recorded after `since` that take effect
    on or before `effective_until`, with their action and who recorded them: what makes
    a figure of that date computed now differ from one computed at `since`."""
    return (
        StatusChange.objects.filter(
            action__plan=plan, recorded_at__gt=since, effective_on__lte=effective_until
        )
        .select_related("action", "recorded_by")
        .order_by("recorded_at", "id")
    )


def recent_status_changes(*, plan: ActionPlan, limit: int) -> list[StatusChange]:
    """The plan's `limit` status changes recorded last (the latest first), with their
    action and who recorded them: one query."""
    return list(
        StatusChange.objects.filter(action__plan=plan)
        .select_related("action", "recorded_by")
        .order_by("-recorded_at", "-id")[:limit]
    )


def status_corrections_since(
    *, plan: ActionPlan, since: datetime, touching_until: date
) -> QuerySet[StatusCorrection]:
    """The corrections of the plan's status changes made after `since` that moved a
    change from or to a date on or before `touching_until`, with the change's action and
    who corrected it."""
    return (
        StatusCorrection.objects.filter(change__action__plan=plan, corrected_at__gt=since)
        .filter(Q(old_effective_on__lte=touching_until) | Q(new_effective_on__lte=touching_until))
        .select_related("change__action", "corrected_by")
        .order_by("corrected_at", "id")
    )


def themes_for_organisation(*, organisation: Organisation) -> QuerySet[Theme]:
    """The national code list plus the organisation's own themes."""
    return Theme.objects.filter(Q(organisation=None) | Q(organisation=organisation))


def plan_periods(*, plan: ActionPlan) -> Sequence[Period]:
    return list(plan.periods.order_by("position", "id"))


#: The fields of report_action_rows' rows.
REPORT_ACTION_FIELDS = (
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
    "late_reason",
)


def report_action_rows(*, plan: ActionPlan, on: date, baseline: date) -> list[dict[str, Any]]:
    """Every action of the plan added by `on` or `baseline`, with its status on both
    (`status_on`, `status_before`), in report order (period, then code), as plain rows:
    ONE query, from which a monitor's figures and lists are taken (the statuses follow
    the definition above, checked against it by the tests); `late_reason` says why an
    action is late on `on` (plans.lateness), None when it is not."""
    return list(
        Action.objects.filter(plan=plan, added_on__lte=max(on, baseline))
        .annotate(
            status_on=status_on_expression(on),
            status_before=status_on_expression(baseline),
            period_name=F("period__name"),
        )
        .annotate(late_reason=late_reason_expression(on))
        .order_by("period__position", "period_id", "code_sort_key")
        .values(*REPORT_ACTION_FIELDS)
    )


def period_names(*, plan: ActionPlan) -> list[tuple[int, str]]:
    """The plan's periods as (id, name), in plan order."""
    return list(plan.periods.order_by("position", "id").values_list("pk", "name"))


# -- for the apps above plans: querysets they narrow, join with their own rows, or
# read in one query for many plans -----------------------------------------------------


def actions_of_plan(*, plan: ActionPlan) -> QuerySet[Action]:
    """Every action of the plan, withdrawn ones too, unjoined and unordered: for another
    app to filter, annotate and read as it needs (rounds' candidates and stale actions)."""
    return Action.objects.filter(plan=plan)


def history_of_outer_action() -> QuerySet[StatusChange]:
    """The status changes of the action an enclosing Action query is at
    (`OuterRef("pk")`), for another app's subqueries over an action's history."""
    return StatusChange.objects.filter(action=OuterRef("pk"))


def plans_of(*, organisation_ids: Iterable[int], plan_ids: Iterable[int]) -> QuerySet[ActionPlan]:
    """Every plan of these organisations and these plans, with its organisation (not its
    logo) and without its description, by organisation name, then plan name."""
    return (
        ActionPlan.objects.filter(Q(organisation_id__in=organisation_ids) | Q(pk__in=plan_ids))
        .select_related("organisation")
        .defer("organisation__logo", "description")
        .order_by("organisation__name", "name", "pk")
    )


def due_action_rows(*, plan_ids: Iterable[int]) -> QuerySet[Any]:
    """The actions of these plans that have a due date and were not withdrawn, as
    (pk, plan id, code, title, status, due date) rows."""
    return Action.objects.filter(
        plan_id__in=plan_ids, due_date__isnull=False, withdrawn_on__isnull=True
    ).values_list("pk", "plan_id", "code", "title", "status", "due_date")


def plan_action_by_code(*, plan: ActionPlan, code: str) -> Action:
    """The plan's action with this code (Action.DoesNotExist without one)."""
    return Action.objects.get(plan=plan, code=code)


# For other apps' reads of actions and plans (procurement links tenders to actions;
# exchange exports a plan's actions), so that they never query plans' models themselves.


def actions_with_plan() -> QuerySet[Action]:
    """Every action, with its plan: the query another app prefetches the actions linked
    to its rows from (e.g. `Prefetch("actions", queryset=actions_with_plan())`)."""
    return Action.objects.select_related("plan")


def organisation_actions(*, organisation: Organisation, withdrawn: bool = True) -> QuerySet[Action]:
    """The actions of every plan of the organisation, with their plan; without the
    withdrawn ones when `withdrawn` is False."""
    actions = actions_with_plan().filter(plan__organisation=organisation)
    if not withdrawn:
        actions = actions.filter(withdrawn_on__isnull=True)
    return actions


def actions_outside_organisation(
    *, action_ids: Iterable[int | None], organisation_id: int
) -> QuerySet[Action]:
    """Those of the actions with these ids that belong to another organisation's plan."""
    return Action.objects.filter(pk__in=list(action_ids)).exclude(
        plan__organisation_id=organisation_id
    )


def status_since_expression() -> Subquery:
    """An expression for a query of actions: the effective date of the action's latest
    status change (its "status since")."""
    return Subquery(
        StatusChange.objects.filter(action=OuterRef("pk"))
        .order_by("-effective_on", "-recorded_at", "-id")
        .values("effective_on")[:1]
    )


def plans_named(*, plan_slug: str, organisation_slug: str = "") -> list[ActionPlan]:
    """The plans with this short name, of the organisation with `organisation_slug` (of
    any organisation when it is empty), with their organisation, by organisation."""
    query = Q(slug=plan_slug)
    if organisation_slug:
        query &= Q(organisation__slug=organisation_slug)
    return list(
        ActionPlan.objects.filter(query)
        .select_related("organisation")
        .order_by("organisation__slug", "slug")
    )


def filtered_plan_actions(*, plan: ActionPlan, query: Mapping[str, Any]) -> QuerySet[Action]:
    """The plan's actions as its action list shows them for the query string `query`
    (filters and sorting, withdrawn ones left out unless asked for): what the list's
    Excel export writes."""
    # plans.filters reads the themes through this module, so it is imported on use.
    from mvimonitor.plans.filters import ActionFilterSet

    return ActionFilterSet(query, queryset=plan_actions(plan=plan)).qs


def national_themes() -> QuerySet[Theme]:
    """The national code list: the themes of no organisation (the MVOI themes and the
    legacy 2016 ones), which every organisation's plans may work on."""
    return Theme.objects.filter(organisation=None)


#: The text fields of an action a user fills.
ACTION_TEXT_FIELDS = ("code", "title", "description", "owner_name", "department", "result")


def action_text_max_lengths() -> dict[str, int]:
    """The longest text each text field of an action takes, and the note of a status
    change (`note`), by field name: what an import checks a cell against, as the
    forms do (kernel.texts)."""
    lengths = {name: max_length_of(Action, name) for name in ACTION_TEXT_FIELDS}
    return {**lengths, "note": max_length_of(StatusChange, "note")}


def actions_changed_after(
    *, plan: ActionPlan, versions: Mapping[int, int], since: datetime, made: Iterable[int]
) -> list[str]:
    """The codes of the plan's actions, of those in `versions` ({id: version}), that
    were changed after an import left them: another version now, gone, or a status
    change recorded after `since` that is not one of the import's own (`made`).
    Two queries per 500 actions."""
    ids, own = sorted(versions), set(made)
    changed: set[int] = set()
    codes: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found = {
            pk: (version, code)
            for pk, version, code in Action.objects.filter(plan=plan, pk__in=chunk).values_list(
                "pk", "version", "code"
            )
        }
        codes.update((pk, code) for pk, (_version, code) in found.items())
        changed |= {pk for pk in chunk if pk not in found or found[pk][0] != versions[pk]}
        later = StatusChange.objects.filter(action_id__in=chunk, recorded_at__gte=since)
        changed |= {
            action_id for pk, action_id in later.values_list("pk", "action_id") if pk not in own
        }
    return sorted((codes.get(pk, f"#{pk}") for pk in changed), key=natural_sort_key)


def action_codes(*, plan: ActionPlan, action_ids: Iterable[int]) -> list[str]:
    """The codes of these actions of the plan, in order."""
    return list(
        Action.objects.filter(plan=plan, pk__in=list(action_ids))
        .order_by("code_sort_key")
        .values_list("code", flat=True)
    )


# -- late actions ("te laat", plans.lateness: the rule; ADR 0030) -------------------------


class LateReasonAnnotation(TypedDict):
    late_reason: str | None


def with_late_reason(
    actions: QuerySet[Action], *, on: date
) -> QuerySet[WithAnnotations[Action, LateReasonAnnotation]]:
    """`actions` annotated with `late_reason` on `on` (plans.lateness: "due", "start",
    or None for an action not late, or not in the plan, on `on`), its status on `on`
    from the history; filter on `late_reason__isnull=False` for the late ones."""
    return actions.alias(status_for_lateness=status_on_expression(on)).annotate(
        late_reason=late_reason_expression(on, status="status_for_lateness")
    )


@dataclass(frozen=True)
class LateAction:
    """An action late on a date, with why."""

    action_id: int
    code: str
    title: str
    period: str
    lateness: Lateness


def late_actions_on(*, plan: ActionPlan, on: date, limit: int | None = None) -> list[LateAction]:
    """The plan's actions late on `on`, in plan order (the first `limit` of them): one
    query."""
    rows = (
        with_late_reason(Action.objects.filter(plan=plan), on=on)
        .filter(late_reason__isnull=False)
        .order_by("period__position", "period_id", "code_sort_key")
        .values_list("pk", "code", "title", "period__name", "late_reason", "start_date", "due_date")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        LateAction(pk, code, title, period, late)
        for pk, code, title, period, reason, start, due in rows
        if (late := lateness(reason, start_date=start, due_date=due)) is not None
    ]


def late_action_count(*, plan: ActionPlan, on: date) -> int:
    """How many of the plan's actions are late on `on`: one query."""
    actions = with_late_reason(Action.objects.filter(plan=plan), on=on)
    return actions.filter(late_reason__isnull=False).count()


def late_actions_among(*, action_ids: Iterable[int], on: date) -> dict[int, Lateness]:
    """Of these actions, those late on `on` with why, by id (Mijn acties, the owners'
    reminders): one query."""
    rows = (
        with_late_reason(Action.objects.filter(pk__in=list(action_ids)), on=on)
        .filter(late_reason__isnull=False)
        .values_list("pk", "late_reason", "start_date", "due_date")
    )
    return {
        pk: late
        for pk, reason, start, due in rows
        if (late := lateness(reason, start_date=start, due_date=due)) is not None
    }
