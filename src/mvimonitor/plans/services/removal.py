"""Deleting a plan that has no finalised monitor, with everything of it.

The apps above plans hold rows of the plan (monitors, rounds, comments, targets, the
links of tenders, imports): each says through plans.dependents whether the plan may go
(monitoring: not with a finalised monitor) and removes its own rows first. Then the
plan's history (inside `correcting_history()`), actions, themes, periods and the plan
itself go, in one transaction; the audit trail keeps every row as it was. See
docs/adr/0027-corrections-undo-and-deletion.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mvimonitor.audit.base import audited, correcting_history
from mvimonitor.kernel.locking import locked_update
from mvimonitor.plans import dependents
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange
from mvimonitor.plans.services.setup import StalePlanError
from mvimonitor.plans.services.undo import actions_delete

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User


def plan_delete_refusals(*, plan: ActionPlan) -> list[str]:
    """Why the plan may not be deleted, as sentences for the user; [] when it may."""
    return dependents.plan_holds(plan=plan, since=None)


@transaction.atomic
def plan_delete(
    *, plan: ActionPlan, confirmation: str, by: User | None, expected_version: int | None
) -> None:
    """Delete the plan and everything of it, when `confirmation` is its name (surrounding
    spaces aside), nothing forbids it (plan_delete_refusals) and the plan is still at
    `expected_version` (StalePlanError)."""
    if confirmation.strip() != plan.name.strip():
        raise ValidationError(
            {
                "confirmation": _(
                    "Type the name of the plan exactly as it is written above, "
                    "to confirm that it is this plan you want to delete."
                )
            }
        )
    locked_update(plan, expected_version=expected_version, values={}, stale=StalePlanError)
    refusals = plan_delete_refusals(plan=plan)
    if refusals:
        raise ValidationError(refusals)
    dependents.remove_plan_dependents(plan=plan)
    actions = list(Action.objects.filter(plan=plan))
    for action in actions:
        action.plan = plan  # the audit trail's organisation, without a query per action
    with correcting_history():
        history = list(StatusChange.objects.filter(action__plan=plan).select_related("action"))
        for row in history:
            row.action.plan = plan
        audited(StatusChange).delete_many(history)
        actions_delete(actions=actions)
    PlanTheme.objects.filter(plan=plan).delete()
    Period.objects.filter(plan=plan).delete()
    plan.delete()
