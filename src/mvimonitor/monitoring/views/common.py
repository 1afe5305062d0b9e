"""What the monitor views share beyond the web kit (mvimonitor.web.kit): finding the
monitor in the URL within the request's organisation (404 otherwise), the addresses of
the report's figures, and who may edit a plan's attention points and communication
moments."""

from datetime import date
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.sections import FigureLink
from mvimonitor.monitoring.variants import DEFAULT_VARIANT, ReportVariant
from mvimonitor.organisations.roles import can_edit_all_actions
from mvimonitor.web.kit import OrganisationRequest

__all__ = [
    "figure_link",
    "get_monitor",
    "may_edit",
    "requested_variant",
    "to_monitor",
    "variant_query",
]


def get_monitor(request: OrganisationRequest, plan_slug: str, day: date) -> Monitor:
    """The plan's monitor of `day`, with its plan, in one query (404 for either)."""
    monitor = get_object_or_404(
        Monitor.objects.select_related("plan"),
        plan__organisation=request.organisation,
        plan__slug=plan_slug,
        date=day,
    )
    monitor.plan.organisation = request.organisation  # the report names it: no second query
    return monitor


def figure_link(request: OrganisationRequest, monitor: Monitor) -> FigureLink:
    """(period id, status code) -> the page listing exactly the actions of that figure;
    with stale=True, the stale actions (of the period, or all)."""
    base = reverse(
        "monitoring:figure",
        kwargs={
            "org_slug": request.organisation.slug,
            "plan_slug": monitor.plan.slug,
            "day": monitor.date,
        },
    )

    def link(period: int | None, status: str | None, /, *, stale: bool = False) -> str:
        query = {"stale": 1 if stale else None, "period": period, "status": status}
        encoded = urlencode({k: v for k, v in query.items() if v is not None})
        return f"{base}?{encoded}" if encoded else base

    return link


def may_edit(request: OrganisationRequest) -> bool:
    """Attention points and communication moments: coordinators and editors."""
    return can_edit_all_actions(request.membership.role)


def to_monitor(request: OrganisationRequest, monitor: Monitor) -> HttpResponse:
    return redirect(
        "monitoring:detail",
        org_slug=request.organisation.slug,
        plan_slug=monitor.plan.slug,
        day=monitor.date,
    )


def requested_variant(request: HttpRequest) -> str:
    """The report variant in the URL (`?variant=council`; the full version without it);
    404 for one that does not exist."""
    value = request.GET.get("variant", DEFAULT_VARIANT)
    if value not in ReportVariant.values:
        raise Http404("No such version of the report.")
    return value


def variant_query(variant: str) -> str:
    """The query string that asks for `variant`."""
    return f"?{urlencode({'variant': variant})}"
