"""Deleting a plan (coordinators): a confirmation page that says what goes, or why the
plan may not be deleted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms import PlanDeleteForm
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan


@organisation_view(requires="manage")
def plan_delete(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = PlanDeleteForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_delete(
                plan=plan,
                confirmation=form.cleaned_data["confirmation"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The plan “%(name)s” has been deleted.") % {"name": plan.name}
            )
            return redirect("organisations:detail", org_slug=request.organisation.slug)
    context = {
        "plan": plan,
        "form": form,
        "refusals": services.plan_delete_refusals(plan=plan),
    }
    return render(request, "plans/plan_delete.html", context)
