"""The body rows of the tender tables of the report's section "Tenders and targets"
(targets/report/tenders.html). Tags, not loops in the template, because they run once
per row: rendering a row in the template language costs several times as much as
format_html (docs/performance.md). The table heads stay in the template."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mvimonitor.monitoring.sections import day_or_dash, linked_title
from mvimonitor.targets.report_rendering import TenderRow

register = template.Library()


def _tender_title(context: template.Context, row: TenderRow) -> SafeString:
    return linked_title(context, "tender", row.item.tender_id, row.item.title)


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
                day_or_dash(row.item.phase_changed_on),
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
                day_or_dash(row.item.planned_publication_on),
                day_or_dash(row.item.planned_start_on),
                row.value,
                row.themes or none,
            )
            for row in rows
        ),
    )
