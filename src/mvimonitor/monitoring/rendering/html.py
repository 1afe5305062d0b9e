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
from typing import Any, Protocol

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.monitoring.models import AttentionPoint
from mvimonitor.monitoring.rendering.tables import TableRow, period_rows, totals_row
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import report_with_own_trend_point
from mvimonitor.plans.workflow import STATUS_ORDER


class FigureLink(Protocol):
    def __call__(self, period: int | None, status: str | None, /, *, stale: bool = False) -> str:
        """The address of the list behind a figure."""
        ...


CSS_FILE = "css/app.css"

#: Stands in for an id when an object's address is reversed once for a whole table.
_ANY_ID = 2147483647


@dataclass(frozen=True)
class ObjectUrl:
    """The address of any object of one kind, around its id: a template writes
    `{{ url.head }}{{ id }}{{ url.tail }}`, the same text `{% url %}` gives, without
    reversing it again for every row of a long table."""

    head: str
    tail: str


def _object_url(name: str, **kwargs: str) -> ObjectUrl:
    head, _sep, tail = reverse(name, kwargs={**kwargs, "pk": _ANY_ID}).rpartition(str(_ANY_ID))
    return ObjectUrl(head, tail)


def object_urls(report: Report) -> dict[str, ObjectUrl]:
    """The addresses the report's tables link their rows to (actions, targets, tenders,
    contracts)."""
    org = {"org_slug": report.organisation_slug}
    plan = {**org, "plan_slug": report.plan_slug}
    return {
        "action": _object_url("plans:action_detail", **plan),
        "target": _object_url("targets:detail", **plan),
        "tender": _object_url("procurement:tender_detail", **org),
        "contract": _object_url("procurement:contract_detail", **org),
    }


@dataclass(frozen=True)
class Figure:
    """One number of the table, with what it counts (for screen readers) and the
    address of the list of those actions ("" without links)."""

    count: int
    label: str
    url: str


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


def stale_figures(
    report: Report, link: FigureLink | None = None
) -> tuple[list[tuple[str, Figure]], Figure]:
    """The rows of "Stale actions per period" (the period's name and its figure) and
    their total, each linked to the list of exactly those actions."""
    rows = [
        (
            row.name,
            Figure(
                count=row.count,
                label=_("%(count)s stale actions in %(period)s")
                % {"count": row.count, "period": row.name},
                url=link(row.period_id, None, stale=True) if link and row.period_id else "",
            ),
        )
        for row in report.stale_per_period()
    ]
    total = len(report.stale.actions) if report.stale else 0
    return rows, Figure(
        count=total,
        label=_("%(count)s stale actions in all periods") % {"count": total},
        url=link(None, None, stale=True) if link else "",
    )


def _kind_label(kind: str) -> str:
    return label_or_code(AttentionPoint.Kind, kind)  # a kind a later version added: its code


def report_context(report: Report, link: FigureLink | None = None) -> dict[str, Any]:
    """What monitoring/includes/report.html needs."""
    # Imported here: the chart module is only needed when a report is rendered.
    from mvimonitor.monitoring.rendering.chart import status_chart_svg, trend_chart_svg
    from mvimonitor.monitoring.rendering.procurement import procurement_context

    rows, totals = report_table(report, link)
    trend = report_with_own_trend_point(report)
    stale_rows, stale_total = stale_figures(report, link)
    return {
        "report": report,
        "rows": rows,
        "totals": totals,
        "statuses": STATUS_ORDER,
        "linked": link is not None,
        "urls": object_urls(report) if link is not None else {},
        "status_chart": status_chart_svg(report, link=link),
        "trend": trend,
        "trend_chart": trend_chart_svg(trend),
        "attention_points": [(_kind_label(p.kind), p) for p in report.attention_points],
        "procurement": procurement_context(report),
        "stale_rows": stale_rows,
        "stale_total": stale_total,
    }


def _stylesheet() -> str:
    path = finders.find(CSS_FILE)
    if not path:
        return ""
    with open(path, encoding="utf-8") as css:
        return css.read()


def report_html(report: Report) -> str:
    """A standalone HTML document of the report (styles inside, no links back to the
    server), as `mvi-monitor report --format html` writes it."""
    context = report_context(report)
    context.update({"stylesheet": _stylesheet(), "language": get_language() or "nl"})
    return render_to_string("monitoring/report_document.html", context)
