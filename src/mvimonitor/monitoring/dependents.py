"""What monitoring holds of a plan, for undoing an import and deleting a plan
(plans.dependents): a finalised monitor forbids both (its report never changes), and
deleting a plan removes its draft monitors, attention points, communication moments
and report compositions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
    ReportComposition,
    SectionCommentary,
)
from mvimonitor.plans.dependents import Dependent

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def plan_holds(*, plan: ActionPlan, since: datetime | None) -> list[str]:
    """A monitor finalised after `since` (None: ever; a reopened monitor's edition
    counts too, editions are never deleted)."""
    editions = MonitorEdition.objects.filter(monitor__plan=plan)
    if since is not None:
        editions = editions.filter(frozen_at__gte=since)
    days = sorted(set(editions.values_list("monitor__date", flat=True)))
    if since is None:
        message = _(
            "The monitor of %(date)s has been finalised: a plan with a finalised monitor "
            "is never deleted, so that its report stays as it was adopted."
        )
    else:
        message = _("The monitor of %(date)s was finalised after this import.")
    return [message % {"date": date_format(day, "j F Y")} for day in days]


def plan_removal(*, plan: ActionPlan) -> None:
    """The plan's monitors (drafts only: plan_holds refused a finalised one) with their
    commentary, its attention points, communication moments and compositions."""
    SectionCommentary.objects.filter(monitor__plan=plan).delete()
    Monitor.objects.filter(plan=plan).delete()
    AttentionPoint.objects.filter(plan=plan).delete()
    CommunicationMoment.objects.filter(plan=plan).delete()
    ReportComposition.objects.filter(plan=plan).delete()


DEPENDENT = Dependent(name="monitoring", plan_holds=plan_holds, plan_removal=plan_removal)
