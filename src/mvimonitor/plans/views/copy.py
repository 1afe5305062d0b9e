"""Copying a plan into the next plan (coordinators)."""

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms.copy import PlanCopyForm, copy_initial
from mvimonitor.plans.models import Action
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan


@organisation_view(requires="manage")
def plan_copy(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    candidates = services.copy_candidates(plan=plan)
    form = PlanCopyForm(
        request.POST or None,
        initial=copy_initial(plan),
        organisation=request.organisation,
        source=plan,
        candidates=candidates,
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = services.plan_copy(
                plan=plan,
                by=request.user,
                action_ids=form.cleaned_data["actions"],
                **form.new_plan(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The new plan has been made from “%(plan)s”.") % {"plan": plan.name},
            )
            return redirect(
                "plans:detail", org_slug=request.organisation.slug, plan_slug=new_plan.slug
            )
    if request.method == "POST":
        checked = set(request.POST.getlist("actions"))
    else:
        checked = {str(a.pk) for a in candidates if services.is_copied_by_default(a)}
    context = {
        "plan": plan,
        "form": form,
        "groups": _per_period(candidates, checked),
        "candidate_count": len(candidates),
    }
    return render(request, "plans/plan_copy.html", context)


def _per_period(candidates: list[Action], checked: set[str]) -> list[dict[str, Any]]:
    """The actions per period, in plan order, each with whether its box is ticked."""
    return [
        {
            "period": period,
            "rows": [(action, str(action.pk) in checked) for action in actions],
        }
        for period, actions in groupby(candidates, key=lambda a: a.period)
    ]
