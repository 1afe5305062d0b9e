"""What explains that a finalised monitor's figures, computed now, differ from its
edition: the page the monitor's note "Herberekend met de huidige historie" links to."""

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mvimonitor.monitoring.recomputation import changes_since_edition, figure_changes
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition
from mvimonitor.monitoring.views.common import get_monitor
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.kit import OrganisationRequest


@require_safe
@organisation_view(requires="read")
def monitor_changes(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    edition = current_edition(monitor=monitor) if monitor.is_final else None
    if edition is None:
        raise Http404(_("Only a finalised monitor has changes since it was finalised."))
    periods = Report.from_storage(edition.report).periods
    context = {
        "plan": monitor.plan,
        "monitor": monitor,
        "edition": edition,
        "recomputed": figure_changes(plan=monitor.plan, on=monitor.date, periods=periods),
        "explanation": changes_since_edition(monitor=monitor, edition=edition),
    }
    return render(request, "monitoring/monitor_changes.html", context)
