"""Formatting for the report's long tables: `{{ day|day }}` and
`{{ day|day:"SHORT_DATE_FORMAT" }}` write exactly what Django's `date` filter writes,
but a date already written in the same format and language is not formatted again (a
large plan's report page writes a few hundred dates, most of them more than once).

`{% figure figure %}` and `{% action_title item %}` write one cell of those tables, and
the `..._rows` tags the body rows of the tables that grow with the plan (planned
actions, actions not answered in the round, tenders). They are tags, not included
templates or loops in the template, because they run once per cell or row: rendering a
row in the template language costs several times as much as format_html
(docs/performance.md). The table heads stay in the templates."""

from datetime import date
from functools import lru_cache
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mvimonitor.monitoring.rendering.html import Figure
from mvimonitor.monitoring.rendering.procurement import TenderRow
from mvimonitor.monitoring.report import ActionItem
from mvimonitor.monitoring.report_round import RoundActionItem
from mvimonitor.plans.templatetags.plan_tags import status_badge
from mvimonitor.rounds.templatetags.round_tags import stale_badge

register = template.Library()


@lru_cache(maxsize=4096)
def _formatted(value: date, arg: str | None, language: str | None) -> str:
    return str(date_filter(value, arg))


@register.filter(expects_localtime=True, is_safe=False)
def day(value: date | str | None, arg: str | None = None) -> str:
    """Django's `date` filter; plain dates (not datetimes) are cached per language."""
    if type(value) is date:
        return _formatted(value, arg, get_language())
    return str(date_filter(value, arg))


@register.simple_tag
def figure(figure: Figure) -> SafeString:
    """A number of the report, linked to the list of what it counts when it has an
    address (the label tells screen readers what that is)."""
    if figure.url:
        return format_html(
            '<a href="{}" aria-label="{}">{}</a>', figure.url, figure.label, figure.count
        )
    return format_html("{}", figure.count)


def _linked_title(context: template.Context, kind: str, pk: int, title: str) -> SafeString:
    """`title`, linked to the object on the report page (where the context has `linked`
    and the address patterns `urls`)."""
    if not context.get("linked"):
        return conditional_escape(title)
    url = context["urls"][kind]
    return format_html('<a href="{}{}{}">{}</a>', url.head, pk, url.tail, title)


@register.simple_tag(takes_context=True)
def action_title(context: template.Context, item: Any) -> SafeString:
    """An action's title in the report, linked to the action on the report page."""
    return _linked_title(context, "action", item.action_id, item.title)


#: What an empty cell shows, as the templates write it.
EMPTY = "\N{EN DASH}"


def _day_or_dash(value: date | None) -> str:
    """The date as the `day` filter writes it in DATE_FORMAT, or EMPTY."""
    return day(value, "DATE_FORMAT") if value else EMPTY


@register.simple_tag(takes_context=True)
def planned_rows(context: template.Context, items: list[ActionItem]) -> SafeString:
    """The rows of the planned actions: code, title (new, stale), status, start, due."""
    new = format_html('<span class="tag">{}</span> ', _("new action"))
    return format_html_join(
        "\n",
        '<tr><td>{}</td><th scope="row">{}{}{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                item.code,
                new if item.is_new else "",
                action_title(context, item),
                stale_badge() if item.stale else "",
                status_badge(item.status),
                _day_or_dash(item.start_date),
                _day_or_dash(item.due_date),
            )
            for item in items
        ),
    )


@register.simple_tag(takes_context=True)
def not_answered_rows(context: template.Context, items: list[RoundActionItem]) -> SafeString:
    """The rows of the actions nobody answered for in the round: code, title, owner,
    period."""
    return format_html_join(
        "\n",
        '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        (
            (item.code, action_title(context, item), item.owner or EMPTY, item.period)
            for item in items
        ),
    )


def _tender_title(context: template.Context, row: TenderRow) -> SafeString:
    return _linked_title(context, "tender", row.item.tender_id, row.item.title)


@register.simple_tag(takes_context=True)
def tender_changed_rows(context: template.Context, rows: list[TenderRow]) -> SafeString:
    """The rows of the tenders whose phase changed: reference, title, from, to, since,
    themes."""
    none = _("none")
    return format_html_join(
        "\n",
        '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                row.item.reference,
                _tender_title(context, row),
                row.phase_before,
                row.phase,
                _day_or_dash(row.item.phase_changed_on),
                row.themes or none,
            )
            for row in rows
        ),
    )


@register.simple_tag(takes_context=True)
def tender_planned_rows(context: template.Context, rows: list[TenderRow]) -> SafeString:
    """The rows of the tenders planned in the window: reference, title, phase, planned
    publication and start, value, themes."""
    none = _("none")
    return format_html_join(
        "\n",
        '<tr><td>{}</td><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td>'
        '<td class="number">{}</td><td>{}</td></tr>',
        (
            (
                row.item.reference,
                _tender_title(context, row),
                row.phase,
                _day_or_dash(row.item.planned_publication_on),
                _day_or_dash(row.item.planned_start_on),
                row.value,
                row.themes or none,
            )
            for row in rows
        ),
    )
