"""What exchange holds of a plan (plans.dependents): an import still running keeps the
plan from being deleted; deleting it removes its import jobs and import records."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.exchange.models import ImportJob, PlanImportRecord
from mvimonitor.plans.dependents import Dependent

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def plan_holds(*, plan: ActionPlan, since: datetime | None) -> list[str]:
    """An import of the plan still running (its lease not run out) forbids deleting
    it; undoing an earlier import has its own rule (the newest first)."""
    if since is not None:
        return []
    running = (
        ImportJob.objects.filter(plan=plan, lease_expires_at__gt=timezone.now())
        .exclude(state__in=[ImportJob.State.DONE, ImportJob.State.FAILED])
        .exists()
    )
    return [_("An import of this plan is still running; wait until it has finished.")] * running


def plan_removal(*, plan: ActionPlan) -> None:
    PlanImportRecord.objects.filter(plan=plan).delete()
    ImportJob.objects.filter(plan=plan).delete()


DEPENDENT = Dependent(name="exchange", plan_holds=plan_holds, plan_removal=plan_removal)
