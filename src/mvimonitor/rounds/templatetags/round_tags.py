"""Template helpers of the rounds app for other apps' pages: the count of open items in
the menu, the stale marks in the action list and the report, and the plan page's panel
of the next monitor with its round's progress, so those pages need no change to their
views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.monitoring.sections import EMPTY, linked_title, stale_mark
from mvimonitor.monitoring.selectors import next_monitor, planned_next_monitor_on
from mvimonitor.rounds import selectors
from mvimonitor.rounds.report_data import RoundActionItem
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

register = template.Library()


@register.simple_tag(takes_context=True)
def my_open_item_count(context: dict[str, Any]) -> int:
    """How many actions the logged-in user still has to answer for (0 when logged out);
    counted once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_my_open_item_count"):
        request._my_open_item_count = selectors.my_open_item_count(user=user)
    return int(request._my_open_item_count)


@register.simple_tag
def stale_action_ids(plan: ActionPlan) -> set[int]:
    """Ids of the plan's actions that are stale today."""
    return selectors.stale_action_ids(plan=plan, on=today())


@register.inclusion_tag("rounds/_plan_next_monitor.html", takes_context=True)
def plan_next_monitor(context: template.Context) -> dict[str, Any]:
    """The plan page's panel: the plan's next monitor (its earliest draft) and its
    round's progress (answers received of those asked, the deadline), or the date the
    last finalised monitor planned for the next one. Two or three queries."""
    plan = context["plan"]
    monitor = next_monitor(plan=plan)
    update_round = selectors.round_for_monitor(monitor=monitor) if monitor else None
    return {
        "request": context["request"],
        "plan": plan,
        "monitor": monitor,
        "planned_on": None if monitor else planned_next_monitor_on(plan=plan),
        "update_round": update_round,
        "progress": selectors.ProgressRow(
            label="",
            updated=update_round.updated,  # type: ignore[attr-defined]
            confirmed=update_round.confirmed,  # type: ignore[attr-defined]
            open=update_round.open,  # type: ignore[attr-defined]
        )
        if update_round
        else None,
        "may_manage": context.get("may_manage", False),
    }


@register.simple_tag
def stale_badge() -> SafeString:
    """The "stale" tag after an action's title (with a space before it), explained by
    the element with id "stale-legend" on the same page. A tag rather than an included
    template: long lists write it once per row."""
    return stale_mark()


@register.filter
def reminder_day(offset: int) -> str:
    """-14 -> "14 days before the deadline", 0 -> "on the deadline", 1 -> "1 day after"."""
    if offset == 0:
        return _("on the deadline")
    days = abs(offset)
    if offset < 0:
        return ngettext(
            "%(days)d day before the deadline", "%(days)d days before the deadline", days
        ) % {"days": days}
    return ngettext("%(days)d day after the deadline", "%(days)d days after the deadline", days) % {
        "days": days
    }


@register.simple_tag
def stale_after_days() -> int:
    return int(settings.STALE_AFTER_DAYS)


@register.simple_tag(takes_context=True)
def not_answered_rows(context: template.Context, items: list[RoundActionItem]) -> SafeString:
    """The rows of the report's actions nobody answered for in the round: code, title,
    owner, period (a tag, not a template loop: the list grows with the plan)."""
    return format_html_join(
        "\n",
        '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        (
            (
                item.code,
                linked_title(context, "action", item.action_id, item.title),
                item.owner or EMPTY,
                item.period,
            )
            for item in items
        ),
    )
