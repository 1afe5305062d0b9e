"""What update rounds hold of a plan's actions, for undoing an import and deleting a
plan (plans.dependents): an action asked about or answered in a round after an import
keeps that import from being undone; deleting a plan removes its rounds, their items
and its invited owners."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import ngettext

from mvimonitor.plans.dependents import Dependent, codes_text
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def action_uses(*, plan: ActionPlan, action_ids: Collection[int], since: datetime) -> list[str]:
    """Actions answered in a round after `since`, or asked about in a round opened
    after it (its owner was e-mailed about it)."""
    codes = set(
        RoundItem.objects.filter(round__monitor__plan=plan, action_id__in=list(action_ids))
        .filter(Q(responded_at__gte=since) | Q(round__opened_at__gte=since))
        .values_list("action__code", flat=True)
    )
    if not codes:
        return []
    return [
        ngettext(
            "Action %(codes)s was asked about or answered in an update round after the import.",
            "Actions %(codes)s were asked about or answered in an update round after the import.",
            len(codes),
        )
        % {"codes": codes_text(codes)}
    ]


def plan_removal(*, plan: ActionPlan) -> None:
    RoundItem.objects.filter(round__monitor__plan=plan).delete()
    UpdateRound.objects.filter(monitor__plan=plan).delete()
    PendingOwner.objects.filter(plan=plan).delete()


DEPENDENT = Dependent(name="rounds", action_uses=action_uses, plan_removal=plan_removal)
