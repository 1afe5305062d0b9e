"""Template helpers for the action plan pages: status badges from the one status table
(workflow.STATUS_STYLE) and links that keep the list's filters."""

from typing import Any

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mvimonitor.plans.lateness import Lateness, late_badge_html, lateness
from mvimonitor.plans.models import PlanTheme, Theme
from mvimonitor.plans.workflow import Status, status_badge_html
from mvimonitor.utils.words import in_words, one_full_stop

register = template.Library()
register.filter("in_words", in_words)  # "twee verlengingen van twaalf maanden" (utils.words)
register.filter("one_full_stop", one_full_stop, is_safe=True)  # "... on May 1, 10 a.m."


def _status(value: Any) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


@register.filter
def status_label(value: Any) -> str:
    status = _status(value)
    return str(status.label) if status else ""


@register.simple_tag
def status_badge(value: Any) -> SafeString | str:
    """<span class="status status--running">lopend</span>; nothing for no status."""
    return status_badge_html(value)


@register.simple_tag
def query_with(query: QueryDict, **changes: Any) -> str:
    """The query string `query` with `changes` applied (None or "" removes a key), for
    sort and page links that keep the current filters."""
    updated = query.copy()
    for key, value in changes.items():
        updated.pop(key, None)
        if value not in (None, ""):
            updated[key] = str(value)
    encoded = updated.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def sort_state(current: str, column: str) -> str:
    """aria-sort value of a column header: ascending, descending or none."""
    if current == column:
        return "ascending"
    if current == f"-{column}":
        return "descending"
    return "none"


@register.simple_tag
def next_sort(current: str, column: str) -> str:
    """The sort parameter a click on the column header asks for: ascending first."""
    return f"-{column}" if current == column else column


@register.filter
def theme_name(theme: Theme) -> str:
    """The theme's name in the language of the page."""
    return theme.label


@register.filter
def ambition(level: int | None) -> str:
    """An ambition level (of a plan's theme or a tender's) as the pages show it. Without
    one, the plan or tender chose no level: that reads as a choice, not as missing."""
    if level is None:
        return _("no ambition level")
    return str(PlanTheme.Ambition(level).label)


@register.simple_tag
def late_badge(item: Any) -> SafeString | str:
    """The mark "te laat" with its reason (plans.lateness) of a Lateness, or of an
    action read with its `late_reason` annotated; nothing when it is not late."""
    if item is None or isinstance(item, Lateness):
        return late_badge_html(item)
    reason = getattr(item, "late_reason", None)
    return late_badge_html(lateness(reason, start_date=item.start_date, due_date=item.due_date))
