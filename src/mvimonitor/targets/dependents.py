"""Deleting a plan removes its targets (plans.dependents)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mvimonitor.plans.dependents import Dependent
from mvimonitor.targets.models import Target

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def plan_removal(*, plan: ActionPlan) -> None:
    Target.objects.filter(plan=plan).delete()


DEPENDENT = Dependent(name="targets", plan_removal=plan_removal)
