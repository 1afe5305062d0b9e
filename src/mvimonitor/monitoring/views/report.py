"""The report of a monitor: the page, the list behind each figure, the downloads, and
the PDF of each frozen edition; each in the variant the URL asks for (`?variant=`,
ADR 0025)."""

from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mvimonitor.monitoring.models import Monitor, MonitorEdition
from mvimonitor.monitoring.outputs import CONTENT_TYPES, report_file
from mvimonitor.monitoring.recomputation import figure_changes
from mvimonitor.monitoring.rendering.context import report_context
from mvimonitor.monitoring.sections import registered
from mvimonitor.monitoring.selectors import frozen_pdf, frozen_report, monitor_report
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.monitoring.views.common import (
    figure_link,
    get_monitor,
    requested_variant,
    variant_query,
)
from mvimonitor.monitoring.views.figures import figure_page
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.kit import OrganisationRequest, may_manage

DOWNLOADS = ("pdf", "xlsx", "docx", "json")


def _boxes(monitor: Monitor, memo: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """The boxes the sections show above the report on the monitor's page: (section id,
    template, context), in report order."""
    boxes = []
    for section in registered():
        context = section.box(monitor, memo) if section.box_template else None
        if context is not None:
            boxes.append((section.id, section.box_template, context))
    return boxes


def _variant_links(variant: str) -> list[dict[str, Any]]:
    """The switch between the report's variants: each with its label, query string and
    whether it is the one shown."""
    return [
        {
            "label": choice.label,
            "query": variant_query(choice.value),
            "current": choice.value == variant,
        }
        for choice in (ReportVariant.COUNCIL, ReportVariant.FULL)
    ]


@require_safe
@organisation_view(requires="read")
def monitor_detail(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    variant = requested_variant(request)
    # What a box reads is read once: the report's sections take it from the memo.
    memo: dict[str, Any] = {}
    boxes = _boxes(monitor, memo)
    report, edition = monitor_report(monitor=monitor, memo=memo, variant=variant)
    shown = {part.id for part in report.parts()}
    # A final monitor's edition never changes; when its date's figures come out otherwise
    # now, the page says so (never its files).
    recomputed = (
        figure_changes(plan=monitor.plan, on=monitor.date, periods=report.periods)
        if edition is not None
        else []
    )
    editions = monitor.editions.select_related("frozen_by", "reopened_by").order_by("-number")
    context = {
        **report_context(report, link=figure_link(request, monitor)),
        "plan": monitor.plan,
        "monitor": monitor,
        "edition": edition,
        "recomputed": recomputed,
        "editions": editions.defer("pdf", "report"),
        # A section's box only with the section itself (none about people in the
        # council version).
        "boxes": [(template, box) for section_id, template, box in boxes if section_id in shown],
        "may_manage": may_manage(request),
        "variant": variant,
        "variant_query": variant_query(variant),
        "variant_links": _variant_links(variant),
    }
    return render(request, "monitoring/monitor_detail.html", context)


@require_safe
@organisation_view(requires="read")
def monitor_figure(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    return figure_page(request, monitor)


def file_name(
    monitor: Monitor, extension: str, edition: int | None = None, variant: str = "full"
) -> str:
    # The full version keeps the name it always had.
    council = _("council-version")
    named = f"-{council}" if variant == ReportVariant.COUNCIL else ""
    suffix = f"-v{edition}" if edition else ""
    return f"{monitor.plan.slug}-monitor-{monitor.date.isoformat()}{named}{suffix}.{extension}"


def attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@organisation_view(requires="read")
def monitor_download(
    request: OrganisationRequest, plan_slug: str, day: date, fmt: str
) -> HttpResponse:
    if fmt not in DOWNLOADS:
        raise Http404(_("The report can be downloaded as PDF, Excel, Word or JSON."))
    monitor = get_monitor(request, plan_slug, day)
    variant = requested_variant(request)
    report, edition = monitor_report(monitor=monitor, variant=variant)
    content = report_file(
        report=report, fmt=fmt, organisation=request.organisation, edition=edition
    )
    return attachment(content, fmt, file_name(monitor, fmt, variant=variant))


@require_safe
@organisation_view(requires="read")
def edition_pdf(
    request: OrganisationRequest, plan_slug: str, day: date, number: int
) -> HttpResponse:
    """The PDF of one frozen edition in a variant, also of an edition that was reopened
    since (the council version of an edition frozen before variants: rendered from its
    frozen data)."""
    monitor = get_monitor(request, plan_slug, day)
    variant = requested_variant(request)
    edition = get_object_or_404(MonitorEdition, monitor=monitor, number=number)
    content = frozen_pdf(edition=edition, variant=variant)
    if content is None:
        report = frozen_report(edition=edition, variant=variant)
        content = report_file(report=report, fmt="pdf", organisation=request.organisation)
    name = file_name(monitor, "pdf", edition.number, variant=variant)
    return attachment(content, "pdf", name)
