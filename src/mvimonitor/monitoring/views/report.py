"""The report of a monitor: the page, the list behind each figure, the downloads, and
the PDF of each frozen edition."""

import json
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from mvimonitor.monitoring.models import Monitor, MonitorEdition
from mvimonitor.monitoring.rendering.html import report_context
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.views.common import figure_link, get_monitor, monitor_report
from mvimonitor.monitoring.views.figures import figure_page
from mvimonitor.organisations.access import organisation_view
from mvimonitor.rounds.selectors import round_for_monitor
from mvimonitor.web.kit import OrganisationRequest, may_manage

DOWNLOADS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@organisation_view(requires="read")
def monitor_detail(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    # Read once for the round box and, on a draft, for the report's round section.
    update_round = round_for_monitor(monitor=monitor)
    report, edition = monitor_report(monitor, update_round)
    editions = monitor.editions.select_related("frozen_by", "reopened_by").order_by("-number")
    context = {
        **report_context(report, link=figure_link(request, monitor)),
        "plan": monitor.plan,
        "monitor": monitor,
        "edition": edition,
        "editions": editions,
        "round_box": update_round,
        "may_manage": may_manage(request),
    }
    return render(request, "monitoring/monitor_detail.html", context)


@organisation_view(requires="read")
def monitor_figure(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    return figure_page(request, monitor)


def _file_name(monitor: Monitor, extension: str, edition: int | None = None) -> str:
    suffix = f"-v{edition}" if edition else ""
    return f"{monitor.plan.slug}-monitor-{monitor.date.isoformat()}{suffix}.{extension}"


def _render(report: Report, edition: MonitorEdition | None, fmt: str) -> bytes:
    # The renderers are imported when asked for: WeasyPrint is slow to load.
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2).encode()
    if fmt == "pdf":
        if edition is not None:  # a final monitor's PDF is the one stored when frozen
            return bytes(edition.pdf)
        from mvimonitor.monitoring.rendering.pdf import report_pdf

        return report_pdf(report)
    from mvimonitor.monitoring.rendering.xlsx import report_xlsx

    return report_xlsx(report)


def _attachment(content: bytes, fmt: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@organisation_view(requires="read")
def monitor_download(
    request: OrganisationRequest, plan_slug: str, day: date, fmt: str
) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404(_("The report can be downloaded as PDF, Excel or JSON."))
    monitor = get_monitor(request, plan_slug, day)
    report, edition = monitor_report(monitor)
    content = _render(report, edition, fmt)
    return _attachment(content, fmt, _file_name(monitor, fmt))


@organisation_view(requires="read")
def edition_pdf(
    request: OrganisationRequest, plan_slug: str, day: date, number: int
) -> HttpResponse:
    """The PDF of one frozen edition, also of an edition that was reopened since."""
    monitor = get_monitor(request, plan_slug, day)
    edition = get_object_or_404(MonitorEdition, monitor=monitor, number=number)
    return _attachment(bytes(edition.pdf), "pdf", _file_name(monitor, "pdf", edition.number))
