"""Template helpers for plans copied into a next plan: where an action came from and
where it was copied to, for the small blocks on the plan and action pages."""

from typing import Any

from django import template

from mvimonitor.plans.models import Action, ActionPlan

register = template.Library()


@register.simple_tag
def action_lineage(action: Action) -> dict[str, Any]:
    """{"origin": the action this one was copied from, or None; "copies": the actions
    copied from this one}, each with its plan. At most two queries."""
    origin = None
    if action.origin_id is not None:
        origin = Action.objects.select_related("plan").filter(pk=action.origin_id).first()
    copies = list(action.copies.select_related("plan").order_by("plan__starts_on", "pk"))
    return {"origin": origin, "copies": copies}


@register.simple_tag
def plan_copies(plan: ActionPlan) -> list[ActionPlan]:
    """The plans made as a copy of `plan`, oldest first."""
    return list(plan.copies.order_by("starts_on", "pk"))
