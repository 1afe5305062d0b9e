"""The pipeline: the organisation's tenders by phase and planned start, with a timeline
to put on screen in a meeting and the same data in tables. Thin: the reads are in
selectors.pipeline, the chart in rendering.timeline."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mvimonitor.organisations.access import organisation_view
from mvimonitor.procurement.forms.pipeline import PipelineFilterForm
from mvimonitor.procurement.phases import PHASE_ORDER
from mvimonitor.procurement.rendering.timeline import NARROW_WIDTH, timeline_svg
from mvimonitor.procurement.selectors.pipeline import (
    pipeline_by_phase,
    pipeline_tenders,
    quarter_counts,
)
from mvimonitor.utils.dates import today
from mvimonitor.web.kit import OrganisationRequest


@require_http_methods(["GET"])
@organisation_view(requires="read")
def pipeline(request: OrganisationRequest) -> HttpResponse:
    form = PipelineFilterForm(request.GET or None, organisation=request.organisation)
    tenders = pipeline_tenders(organisation=request.organisation, **form.filters())
    now = today()
    phases, quarters = quarter_counts(tenders)
    dated = any(t.has_dates for t in tenders)
    context = {
        "form": form,
        "on": now,
        "tenders": tenders,
        "timeline": timeline_svg(tenders, today=now) if dated else "",
        "timeline_narrow": (
            timeline_svg(
                tenders, today=now, id_prefix="pipeline-timeline-narrow", width=NARROW_WIDTH
            )
            if dated
            else ""
        ),
        "phases": PHASE_ORDER,  # the timeline's legend
        "undated": [t for t in tenders if not t.has_dates],
        "groups": pipeline_by_phase(tenders),
        "count_phases": phases,
        "count_rows": quarters,
    }
    return render(request, "procurement/pipeline.html", context)
