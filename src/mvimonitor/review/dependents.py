"""What review holds of a plan, for undoing an import and deleting a plan
(plans.dependents): an action commented on after an import keeps that import from
being undone; deleting a plan removes its comments."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import ngettext

from mvimonitor.plans.dependents import Dependent, codes_text
from mvimonitor.review.models import Comment

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def action_uses(*, plan: ActionPlan, action_ids: Collection[int], since: datetime) -> list[str]:
    codes = set(
        Comment.objects.filter(
            plan=plan, action_id__in=list(action_ids), created_at__gte=since
        ).values_list("action__code", flat=True)
    )
    if not codes:
        return []
    return [
        ngettext(
            "Action %(codes)s was commented on after the import.",
            "Actions %(codes)s were commented on after the import.",
            len(codes),
        )
        % {"codes": codes_text(codes)}
    ]


def plan_removal(*, plan: ActionPlan) -> None:
    """Replies first: a thread's first comment protects nothing, but keeps the order
    of the audit trail readable (replies, then what they answered)."""
    Comment.objects.filter(plan=plan, parent__isnull=False).delete()
    Comment.objects.filter(plan=plan).delete()


DEPENDENT = Dependent(name="review", action_uses=action_uses, plan_removal=plan_removal)
