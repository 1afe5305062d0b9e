"""An organisation's page (organisations:detail, /o/<org_slug>/): its plans. In plans,
which sits above organisations, because it lists plans; conf.urls puts it in the
organisations namespace."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.roles import can_manage_organisation
from mvimonitor.plans.selectors import organisation_plans


@require_safe
@organisation_view(requires="read", reviewers=True)
def organisation_detail(request: HttpRequest) -> HttpResponse:
    """The organisation's plans; an outside reviewer sees only theirs, so goes there."""
    organisation = request.organisation  # type: ignore[attr-defined]
    membership = request.membership  # type: ignore[attr-defined]
    if membership.is_reviewer:
        return redirect("plans:detail", org_slug=organisation.slug, plan_slug=membership.plan.slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "plans": organisation_plans(organisation=organisation),
            "can_manage": can_manage_organisation(request.membership.role),  # type: ignore[attr-defined]
        },
    )
