"""Template helpers of the rounds app for other apps' pages: the round box on a
monitor's page, the count of open items in the menu and the stale marks in the action
list, so those pages need no change to their views."""

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.monitoring.models import Monitor
from mvimonitor.plans.models import ActionPlan
from mvimonitor.rounds import selectors
from mvimonitor.rounds.models import UpdateRound
from mvimonitor.utils.dates import today

register = template.Library()


@register.simple_tag
def monitor_round(monitor: Monitor) -> UpdateRound | None:
    """The monitor's round with its counts (`updated`, `confirmed`, `open`), or None."""
    return selectors.round_for_monitor(monitor=monitor)


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
