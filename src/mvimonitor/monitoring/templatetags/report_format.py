"""Formatting for the report's long tables: `{{ day|day }}` and
`{{ day|day:"SHORT_DATE_FORMAT" }}` write exactly what Django's `date` filter writes,
but a date already written in the same format and language is not formatted again (a
large plan's report page writes a few hundred dates, most of them more than once).

`{% figure figure %}` and `{% action_title item %}` write one cell of those tables, and
the `..._rows` tags the body rows of the tables that grow with the plan (planned
actions, actions not answered in the round, tenders). They are tags, not included
templates or loops in the template, because they run once per cell or row: rendering a
row in the template language costs several times as much as format_html
(docs/performance.md). The table heads stay in the templates.

`{% status_badge status %}` is the report's own status badge, drawn from
plans.workflow as the plans' pages draw theirs."""

from datetime import date
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mvimonitor.monitoring.report import ActionItem
from mvimonitor.monitoring.sections import (
    Figure,
    day_or_dash,
    day_text,
    linked_title,
    stale_mark,
)
from mvimonitor.plans.workflow import status_badge_html
from mvimonitor.utils.words import in_words

register = template.Library()
register.filter("in_words", in_words)  # "de komende twee maanden" (utils.words)

NO_BREAK_SPACE = "\N{NO-BREAK SPACE}"


@register.filter(expects_localtime=True, is_safe=False)
def day(value: date | str | None, arg: str | None = None) -> str:
    """Django's `date` filter; plain dates (not datetimes) are cached per language."""
    return day_text(value, arg)


@register.filter(is_safe=True)
def nobreak(value: str) -> SafeString:
    """`value` (escaped) with non-breaking spaces: `{{ day|date|nobreak }}` keeps "20
    september 2017" on one line of the PDF, where a title or a narrow column broke it
    after the day or the month (issue 13). Not a `white-space: nowrap` element: a PDF
    with a hundred planned actions took 15% longer to lay out with one per date."""
    return mark_safe(str(conditional_escape(value)).replace(" ", NO_BREAK_SPACE))  # noqa: S308 -- escaped


@register.simple_tag
def figure(figure: Figure) -> SafeString:
    """A number of the report, linked to the list of what it counts when it has an
    address (the label tells screen readers what that is)."""
    if figure.url:
        return format_html(
            '<a href="{}" aria-label="{}">{}</a>', figure.url, figure.label, figure.count
        )
    return format_html("{}", figure.count)


@register.simple_tag(takes_context=True)
def action_title(context: template.Context, item: Any) -> SafeString:
    """An action's title in the report, linked to the action on the report page."""
    return linked_title(context, "action", item.action_id, item.title)


register.simple_tag(stale_mark, name="stale_mark")


@register.simple_tag
def status_badge(value: str) -> SafeString | str:
    """The status as the plans' pages badge it (plans.workflow):
    <span class="status status--running">lopend</span>; nothing for no status."""
    return status_badge_html(value)


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
                stale_mark() if item.stale else "",
                status_badge(item.status),
                day_or_dash(item.start_date),
                day_or_dash(item.due_date),
            )
            for item in items
        ),
    )


@register.simple_tag(takes_context=True)
def report_section(context: template.Context, rendered: Any) -> SafeString:
    """A section of the report (rendering.context.RenderedPart) through its own template,
    with the report's context, its data as `section`, what its context() adds and
    `part` (whether it continues or is continued by its neighbour's element); then the
    monitor's commentary under it, if it has one."""
    assert context.template is not None  # a tag renders inside a template  # noqa: S101
    engine = context.template.engine
    with context.push(section=rendered.part.data, part=rendered, **rendered.extra):
        html = engine.get_template(rendered.template).render(context)
        if rendered.commentary:
            html += engine.get_template(rendered.commentary_template).render(context)
        return mark_safe(html)  # noqa: S308 -- both rendered by the template engine


@register.simple_tag(takes_context=True)
def monitor_box(context: template.Context, name: str, box: dict[str, Any]) -> SafeString:
    """A section's box on the monitor's page: its template with the page's context and
    what the section's box() returned."""
    assert context.template is not None  # a tag renders inside a template  # noqa: S101
    engine = context.template.engine
    with context.push(**box):
        return engine.get_template(name).render(context)
