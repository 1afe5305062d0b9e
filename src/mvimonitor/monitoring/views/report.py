"""The report of a monitor: the page, the list behind each figure, the downloads, and
the PDF of each frozen edition."""

from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mvimonitor.monitoring.models import Monitor, MonitorEdition
from mvimonitor.monitoring.outputs import CONTENT_TYPES, report_file
from mvimonitor.monitoring.rendering.context import report_context
from mvimonitor.monitoring.sections import registered
from mvimonitor.monitoring.selectors import monitor_report
from mvimonitor.monitoring.views.common import figure_link, get_monitor
from mvimonitor.monitoring.views.figures import figure_page
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.kit import OrganisationRequest, may_manage

DOWNLOADS = ("pdf", "xlsx", "docx", "json")


def _boxes(monitor: Monitor, memo: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The boxes the sections show above the report on the monitor's page: (template,
    context), in report order."""
    boxes = []
    for section in registered():
        context = section.box(monitor, memo) if section.box_template else None
        if context is not None:
            boxes.append((section.box_template, context))
    return boxes


@require_safe
@organisation_view(requires="read")
def monitor_detail(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    # What a box reads is read once: the report's sections take it from the memo.
    memo: dict[str, Any] = {}
    boxes = _boxes(monitor, memo)
    report, edition = monitor_report(monitor=monitor, memo=memo)
    editions = monitor.editions.select_related("frozen_by", "reopened_by").order_by("-number")
    context = {
        **report_context(report, link=figure_link(request, monitor)),
        "plan": monitor.plan,
        "monitor": monitor,
        "edition": edition,
        "editions": editions,
        "boxes": boxes,
        "may_manage": may_manage(request),
    }
    return render(request, "monitoring/monitor_detail.html", context)


@require_safe
@organisation_view(requires="read")
def monitor_figure(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    return figure_page(request, monitor)


def _file_name(monitor: Monitor, extension: str, edition: int | None = None) -> str:
    suffix = f"-v{edition}" if edition else ""
    return f"{monitor.plan.slug}-monitor-{monitor.date.isoformat()}{suffix}.{extension}"


def _attachment(content: bytes, fmt: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_safe
@organisation_view(requires="read")
def monitor_download(
    request: OrganisationRequest, plan_slug: str, day: date, fmt: str
) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404(_("The report can be downloaded as PDF, Excel, Word or JSON."))
    monitor = get_monitor(request, plan_slug, day)
    report, edition = monitor_report(monitor=monitor)
    content = report_file(
        report=report, fmt=fmt, organisation=request.organisation, edition=edition
    )
    return _attachment(content, fmt, _file_name(monitor, fmt))


@require_safe
@organisation_view(requires="read")
def edition_pdf(
    request: OrganisationRequest, plan_slug: str, day: date, number: int
) -> HttpResponse:
    """The PDF of one frozen edition, also of an edition that was reopened since."""
    monitor = get_monitor(request, plan_slug, day)
    edition = get_object_or_404(MonitorEdition, monitor=monitor, number=number)
    return _attachment(bytes(edition.pdf), "pdf", _file_name(monitor, "pdf", edition.number))
