"""The council version ("raadsversie") of a plan's finalised monitors: the list of them,
each one's council version as it was frozen, and the PDF frozen with it. The pages that
a plan's outside reviewers may see of its monitors, as every member may
(docs/adr/0034-demo-dates-and-council-version.md, amending ADR 0015): what the
organisation itself publishes. Nothing else of a monitor opens to a reviewer: no draft,
no full version, no round, no list behind a figure, no Excel, Word or JSON."""

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mvimonitor.monitoring.models import MonitorEdition
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.rendering.context import report_context
from mvimonitor.monitoring.selectors import (
    finalised_edition,
    finalised_editions,
    frozen_pdf,
    frozen_report,
)
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.monitoring.views.report import attachment, file_name
from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.selectors import organisation_logo
from mvimonitor.web.kit import OrganisationRequest, get_plan

COUNCIL = ReportVariant.COUNCIL.value


def _edition(request: OrganisationRequest, plan_slug: str, day: date) -> MonitorEdition:
    """The current edition of the plan's finalised monitor of `day`; 404 for a draft,
    as for a monitor that does not exist (a draft is not published)."""
    plan = get_plan(request, plan_slug)
    edition = finalised_edition(plan=plan, day=day)
    if edition is None:
        raise Http404("No finalised monitor on this date.")
    edition.monitor.plan = plan
    plan.organisation = request.organisation
    return edition


@require_safe
@organisation_view(requires="read", reviewers=True)
def council_list(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    context = {"plan": plan, "editions": list(finalised_editions(plan=plan))}
    return render(request, "monitoring/council_list.html", context)


@require_safe
@organisation_view(requires="read", reviewers=True)
def council_detail(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    edition = _edition(request, plan_slug, day)
    report = frozen_report(edition=edition, variant=COUNCIL)
    context = {
        # Without links: the lists behind the figures are the organisation's own pages.
        **report_context(report),
        # Carried inside, as the standalone document does: the logo's own address is a
        # page of the organisation, which a reviewer does not open.
        "logo": organisation_logo(organisation=request.organisation),
        "plan": edition.monitor.plan,
        "monitor": edition.monitor,
        "edition": edition,
    }
    return render(request, "monitoring/council_detail.html", context)


@require_safe
@organisation_view(requires="read", reviewers=True)
def council_pdf(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    """The council version's PDF as frozen (of an edition frozen before variants had
    their own PDF: rendered from its frozen data, as edition_pdf does)."""
    edition = _edition(request, plan_slug, day)
    content = frozen_pdf(edition=edition, variant=COUNCIL)
    if content is None:
        report = frozen_report(edition=edition, variant=COUNCIL)
        content = report_file(report=report, fmt="pdf", organisation=request.organisation)
    name = file_name(edition.monitor, "pdf", edition.number, variant=COUNCIL)
    return attachment(content, "pdf", name)
