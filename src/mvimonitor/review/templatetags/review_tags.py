"""The review blocks other apps' pages include: the comments on an action page, and
the open discussions on a plan page. Each reads what it shows through the selectors,
so the including view needs to know nothing about comments."""

from typing import Any

from django import template

from mvimonitor.review import selectors
from mvimonitor.review.views import action_block_context

register = template.Library()


@register.inclusion_tag("review/_action_comments_block.html", takes_context=True)
def action_comments(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    return {"request": request, "csrf_token": context.get("csrf_token")} | action_block_context(
        request, context["action"]
    )


@register.inclusion_tag("review/_plan_summary_block.html", takes_context=True)
def plan_review_summary(context: template.Context) -> dict[str, Any]:
    plan = context["plan"]
    return {
        "request": context["request"],
        "plan": plan,
        "counts": selectors.open_thread_counts(plan=plan),
    }
