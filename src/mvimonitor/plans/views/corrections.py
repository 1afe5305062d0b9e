"""Correcting a status change in an action's history (coordinators)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms import StatusCorrectionForm
from mvimonitor.plans.selectors import action_status_change
from mvimonitor.plans.workflow import Status
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_action, get_plan


@organisation_view(requires="manage")
def status_correct(
    request: OrganisationRequest, plan_slug: str, pk: int, change_pk: int
) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    action = get_action(plan, pk)
    change = action_status_change(action=action, pk=change_pk)
    if change is None:
        raise Http404(_("This action has no such status change."))
    form = StatusCorrectionForm(request.POST or None, action=action, change=change)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.status_change_correct(
                change=change,
                effective_on=data["effective_on"],
                to_status=Status(data["to_status"]),
                reason=data["reason"],
                by=request.user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status change has been corrected."))
            return redirect("plans:action_detail", request.organisation.slug, plan.slug, action.pk)
    context = {"plan": plan, "action": action, "change": change, "form": form}
    return render(request, "plans/status_correct.html", context)
