"""The report as HTML. The report page (monitoring.views) and the standalone document of
`mvi-monitor report --format html` render the same template block,
monitoring/includes/report.html, from the context built here. Like every renderer it
only renders a Report: no queries.

`link(period_id, status_code)` gives the address of the list of exactly the actions
behind a figure; either may be None (a period's total, a status's total, the grand
total); `link(period_id, None, stale=True)` that of the stale actions (of a period, or
all). Without `link` (the standalone document) the figures are plain numbers.
"""

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mvimonitor.monitoring.rendering.tables import TableRow, period_rows, totals_row
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.sections import Figure, FigureLink
from mvimonitor.plans.workflow import STATUS_ORDER

CSS_FILE = "css/app.css"


@dataclass(frozen=True)
class LinkedRow:
    """A row of the table (rendering.tables, shared with the PDF and Excel) with a
    Figure for its total and for each status."""

    row: TableRow
    total: Figure
    figures: list[Figure]  # one per status, in STATUS_ORDER


def _linked(row: TableRow, link: FigureLink | None) -> LinkedRow:
    name = row.name if row.period_id is not None else _("all periods")
    figures = [
        Figure(
            count=count,
            label=_("%(count)s actions %(status)s in %(period)s")
            % {"count": count, "status": status.label, "period": name},
            url=link(row.period_id, status.value) if link else "",
        )
        for status, count in zip(STATUS_ORDER, row.counts, strict=True)
    ]
    total = Figure(
        count=row.total,
        label=_("%(count)s actions in %(period)s") % {"count": row.total, "period": name},
        url=link(row.period_id, None) if link else "",
    )
    return LinkedRow(row=row, total=total, figures=figures)


def report_table(
    report: Report, link: FigureLink | None = None
) -> tuple[list[LinkedRow], LinkedRow]:
    """The rows of "Aantal acties per status per periode" and its totals row."""
    rows = [_linked(row, link) for row in period_rows(report)]
    return rows, _linked(totals_row(report), link)


def _stylesheet() -> str:
    path = finders.find(CSS_FILE)
    if not path:
        return ""
    with open(path, encoding="utf-8") as css:
        return css.read()


def report_html(report: Report, logo: str = "") -> str:
    """A standalone HTML document of the report (styles inside, no links back to the
    server), as `mvi-monitor report --format html` writes it; `logo`: the organisation's
    logo as a `data:` URI, or "", which the document carries inside."""
    from mvimonitor.monitoring.rendering.context import report_context

    context = report_context(report, print_version=False)
    context.update({"stylesheet": _stylesheet(), "language": get_language() or "nl", "logo": logo})
    return render_to_string("monitoring/report_document.html", context)
