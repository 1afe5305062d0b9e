"""Copying a plan into a new plan: the next plan (a yearly plan after a multi-year one)
starts from the periods, themes and open actions of the one before.

What is copied, and what is not (docs/adr/0016-calendar-feed-and-plan-copy.md):
- the periods (same names, same order) and the plan's themes with their ambition level;
- the chosen actions (by default every action still in the plan that is not completed or
  cancelled) with code, title, description, period, themes, owner, department and
  "continuous"; start and due dates only where they fall within the new plan's run
  (otherwise they are left empty for the coordinator to set again);
- not the status history nor the result: each copy starts "not started", with one first
  status row written by action_create like any new action, dated on the new plan's
  adoption date (or today while that lies ahead: a status row is never in the future).
  Each copy points back to its `origin`, and the new plan to the plan it was `copied_from`.

Everything is saved in one transaction, or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from mvimonitor.plans.models import Action, ActionPlan, PlanTheme
from mvimonitor.plans.services.actions import action_create, initial_added_on
from mvimonitor.plans.services.setup import plan_create, plan_slug_check, plan_themes_set
from mvimonitor.plans.workflow import Status

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User

#: Statuses of actions that are done: not copied unless chosen.
NOT_COPIED_BY_DEFAULT = frozenset({Status.COMPLETED, Status.CANCELLED})


def copy_candidates(*, plan: ActionPlan) -> list[Action]:
    """The actions that can be copied: every action still in the plan (not withdrawn),
    in plan order, with their period and owner. One query."""
    return list(
        Action.objects.filter(plan=plan, withdrawn_on__isnull=True)
        .select_related("period", "owner")
        .order_by("period__position", "period_id", "code_sort_key")
    )


def is_copied_by_default(action: Action) -> bool:
    return Status(action.status) not in NOT_COPIED_BY_DEFAULT


def _within(day: date | None, plan: ActionPlan) -> date | None:
    """A date kept only if it falls in the plan's run."""
    if day is None or not plan.starts_on <= day <= plan.ends_on:
        return None
    return day


def _chosen(plan: ActionPlan, action_ids: Iterable[int] | None) -> list[Action]:
    candidates = copy_candidates(plan=plan)
    if action_ids is None:
        return [action for action in candidates if is_copied_by_default(action)]
    wanted = set(action_ids)
    chosen = [action for action in candidates if action.pk in wanted]
    if len(chosen) != len(wanted):
        raise ValidationError(
            {"actions": _("Only actions that are still in this plan can be copied.")}
        )
    return chosen


def _check_new_plan(plan: ActionPlan, slug: str, starts_on: date, ends_on: date) -> None:
    errors: dict[str, str] = {}
    if slug:  # without one, plan_create makes one from the name
        try:
            plan_slug_check(organisation=plan.organisation, slug=slug)
        except ValidationError as error:
            errors["slug"] = error.message_dict["slug"][0]
    if ends_on < starts_on:
        errors["ends_on"] = _("The plan cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_copy(
    *,
    plan: ActionPlan,
    by: User | None,
    name: str,
    slug: str,
    adopted_on: date,
    starts_on: date,
    ends_on: date,
    action_ids: Iterable[int] | None = None,
) -> ActionPlan:
    """Make a new plan of the same organisation from `plan`: its periods, its themes with
    their ambition levels and the chosen actions (`action_ids`; None: every action in
    the plan that is not completed or cancelled), each copy linked to its origin and
    starting a fresh history. The description and planning window are taken over."""
    slug = slug.strip()
    _check_new_plan(plan, slug, starts_on, ends_on)
    actions = _chosen(plan, action_ids)
    periods: Sequence[str] = list(
        plan.periods.order_by("position", "id").values_list("name", flat=True)
    )
    new_plan = plan_create(
        organisation=plan.organisation,
        name=name.strip(),
        slug=slug,
        adopted_on=adopted_on,
        starts_on=starts_on,
        ends_on=ends_on,
        description=plan.description,
        planning_window_months=plan.planning_window_months,
        period_names=periods,
    )
    new_plan.copied_from = plan
    new_plan.save(update_fields=["copied_from"])
    plan_themes_set(
        plan=new_plan,
        ambitions={
            pt.theme: pt.ambition_level
            for pt in PlanTheme.objects.filter(plan=plan).select_related("theme")
        },
    )
    _copy_actions(actions, new_plan, by=by)
    return new_plan


def _copy_actions(actions: list[Action], new_plan: ActionPlan, *, by: User | None) -> None:
    new_periods = {period.name: period for period in new_plan.periods.all()}
    prefetch_related_objects(actions, "themes")
    added_on = initial_added_on(plan=new_plan)
    copies: list[Action] = []
    for action in actions:
        copy = action_create(
            plan=new_plan,
            code=action.code,
            title=action.title,
            period=new_periods[action.period.name],
            by=by,
            status=Status.NOT_STARTED,
            status_since=added_on,
            added_on=added_on,
            themes=action.themes.all(),
            description=action.description,
            owner=action.owner,
            owner_name=action.owner_name,
            department=action.department,
            start_date=_within(action.start_date, new_plan),
            due_date=None if action.is_continuous else _within(action.due_date, new_plan),
            is_continuous=action.is_continuous,
        )
        copy.origin = action
        copies.append(copy)
    # One audited UPDATE for all links back, rather than a second save per action.
    Action.objects.bulk_update(copies, ["origin"])
