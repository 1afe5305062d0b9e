"""Deleting a plan removes the record of the reminders sent for its rounds
(plans.dependents), before rounds removes the rounds themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mvimonitor.plans.dependents import Dependent
from mvimonitor.reminders.models import ReminderDispatch

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def plan_removal(*, plan: ActionPlan) -> None:
    ReminderDispatch.objects.filter(round__monitor__plan=plan).delete()


DEPENDENT = Dependent(name="reminders", plan_removal=plan_removal)
