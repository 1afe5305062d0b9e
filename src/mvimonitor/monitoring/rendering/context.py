"""The one context of the report's templates, for the report page, the standalone HTML
document and the PDF alike: the core's figures, charts and lists, and every section in
report order with its data and what its templates need (sections.py). Renders a Report
only: no queries.

`link(period_id, status_code)` gives the address of the list of exactly the actions
behind a figure (rendering.html); without it (the standalone document, the PDF) the
figures are plain numbers.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.monitoring.rendering.chart import status_chart_svg, trend_chart_svg
from mvimonitor.monitoring.rendering.html import report_table
from mvimonitor.monitoring.rendering.tables import (
    completed_share,
    kind_label,
    status_columns,
    status_label,
)
from mvimonitor.monitoring.report import Report, TrendPoint
from mvimonitor.monitoring.sections import (
    FigureLink,
    KeyFigure,
    ObjectUrl,
    Part,
    object_url,
    section_title,
)
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from mvimonitor.utils.svg import NARROW_WIDTH

#: The commentary under a section, on the page and in the PDF.
COMMENTARY_PAGE = "monitoring/report/commentary.html"
COMMENTARY_PRINT = "monitoring/report/commentary_print.html"


@dataclass(frozen=True)
class RenderedPart:
    """A section as its template renders it: its data (`section` in the template), what
    its context() adds, and whether it continues or is continued by its neighbour's
    <section> element (Section.joins)."""

    part: Part
    template: str
    extra: dict[str, Any]
    continues: bool
    continued: bool
    # The monitor's commentary under the section ("" without), and its template.
    commentary: str = ""
    commentary_template: str = ""
    title: str = ""  # the section's plain title, which names the commentary


def own_trend(report: Report) -> list[TrendPoint]:
    """The trend including the report's own date, for charts."""
    totals = report.totals()
    return [
        *report.trend,
        TrendPoint(report.monitor_date, totals.get(Status.COMPLETED.value, 0), report.total),
    ]


def _object_urls(report: Report, parts: list[Part]) -> dict[str, ObjectUrl]:
    plan = {"org_slug": report.organisation_slug, "plan_slug": report.plan_slug}
    urls = {"action": object_url("plans:action_detail", **plan)}
    for part in parts:
        urls.update(part.section.object_urls(report))
    return urls


def _rendered(
    report: Report, parts: list[Part], link: FigureLink | None, *, print_version: bool
) -> list[RenderedPart]:
    rendered = []
    for index, part in enumerate(parts):
        section = part.section
        template = section.print_template if print_version else section.page_template
        if not template:
            continue
        before = parts[index - 1].id if index else ""
        after = parts[index + 1].section.joins if index + 1 < len(parts) else ""
        rendered.append(
            RenderedPart(
                part=part,
                template=template,
                extra=section.context(part.data, report, link),
                continues=bool(section.joins) and section.joins == before,
                continued=bool(after) and after == part.id,
                commentary=report.commentary.get(part.id, ""),
                commentary_template=COMMENTARY_PRINT if print_version else COMMENTARY_PAGE,
                title=section_title(section),
            )
        )
    return rendered


def report_context(
    report: Report, link: FigureLink | None = None, *, print_version: bool = False
) -> dict[str, Any]:
    """What monitoring/includes/report.html (the page) and monitoring/report_print.html
    (the PDF) need."""
    parts = report.parts()
    rows, totals = report_table(report, link)
    trend = own_trend(report)
    return {
        "report": report,
        "variant_label": ReportVariant(report.variant).label,
        "rows": rows,
        "totals": totals,
        "statuses": STATUS_ORDER,
        "columns": status_columns(),
        "completed": report.totals()[Status.COMPLETED.value],
        "share": completed_share(report),
        "linked": link is not None,
        "urls": _object_urls(report, parts) if link is not None else {},
        "status_chart": status_chart_svg(report, link=link),
        "trend": trend,
        "trend_chart": trend_chart_svg(trend),
        # The page's variants for a phone (ADR 0033); paper has the width for the others.
        "status_chart_narrow": ""
        if print_version
        else status_chart_svg(
            report, link=link, id_prefix="status-chart-narrow", width=NARROW_WIDTH
        ),
        "trend_chart_narrow": ""
        if print_version
        else trend_chart_svg(trend, id_prefix="trend-chart-narrow", width=NARROW_WIDTH),
        "planned": [(item, status_label(item.status)) for item in report.planned],
        "attention_points": [(kind_label(p.kind), p) for p in report.attention_points],
        "communication": [
            (
                _("Realised (since %(date)s)") % {"date": date_format(report.baseline_date)},
                report.communication_realised,
                _("Nothing was realised in this time."),
            ),
            (_("Planning"), report.communication_planned, _("Nothing is planned.")),
        ],
        "key_figures": key_figures(parts),
        "parts": _rendered(report, parts, link, print_version=print_version),
    }


def key_figures(parts: list[Part]) -> list[KeyFigure]:
    """The figures the sections add to the PDF's summary, in report order."""
    return [figure for part in parts for figure in part.section.key_figures(part.data)]
