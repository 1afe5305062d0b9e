"""The blocks monitoring adds to other apps' pages: the plan page's panel of the
attention points open today. It reads what it shows through the selectors, so the
plan page's view needs to know nothing about attention points."""

from typing import Any

from django import template

from mvimonitor.monitoring.selectors import open_attention_points
from mvimonitor.utils.dates import today

register = template.Library()

#: How many open attention points the panel names; the rest are on their page.
SHOWN = 3


@register.inclusion_tag("monitoring/_plan_attention_points.html", takes_context=True)
def plan_attention_points(context: template.Context) -> dict[str, Any]:
    """The attention points open today: their number and the oldest few. One query."""
    points = open_attention_points(plan=context["plan"], on=today())
    return {
        "request": context["request"],
        "plan": context["plan"],
        "count": len(points),
        "points": points[:SHOWN],
    }
