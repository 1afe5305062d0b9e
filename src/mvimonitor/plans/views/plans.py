"""Plan pages: the plan as a dashboard, and setting a plan up (coordinators).

The plan page shows plans' own figures (the counts per period and status, the late
actions, the latest status changes); the panels of the apps above plans (the next monitor
and its round, the open attention points, the open discussions) are their template
tags, which read through their own selectors."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms import PeriodsForm, PlanCreateForm, PlanForm, PlanThemesForm
from mvimonitor.plans.models import ActionPlan
from mvimonitor.plans.selectors import (
    late_action_count,
    late_actions_on,
    recent_status_changes,
    status_counts_per_period,
)
from mvimonitor.plans.workflow import STATUS_ORDER
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, may_edit_all, may_manage

#: How many late actions and latest status changes the plan page names.
LATE_SHOWN = 5
CHANGES_SHOWN = 5


def _to_plan(request: OrganisationRequest, plan: ActionPlan, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("plans:detail", org_slug=request.organisation.slug, plan_slug=plan.slug)


@require_safe
@organisation_view(requires="read", reviewers=True)
def plan_detail(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    on = today()
    periods = status_counts_per_period(plan=plan, on=on)
    totals = [(status, sum(p.counts.get(status, 0) for p in periods)) for status in STATUS_ORDER]
    context: dict[str, Any] = {
        "plan": plan,
        "on": on,
        "periods": periods,
        "totals": totals,
        "grand_total": sum(n for _status, n in totals),
        "statuses": STATUS_ORDER,
        "plan_themes": plan.plan_themes.select_related("theme").order_by(
            "theme__position", "theme__name"
        ),
        "late_count": late_action_count(plan=plan, on=on),
        "late_actions": late_actions_on(plan=plan, on=on, limit=LATE_SHOWN),
        "recent_changes": recent_status_changes(plan=plan, limit=CHANGES_SHOWN),
        "may_edit": may_edit_all(request),
        "may_manage": may_manage(request),
    }
    return render(request, "plans/plan_detail.html", context)


@organisation_view(requires="manage")
def plan_create(request: OrganisationRequest) -> HttpResponse:
    form = PlanCreateForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = services.plan_create(
                    organisation=request.organisation,
                    period_names=form.cleaned_data["period_names"],
                    **form.changes(),
                )
                services.plan_themes_set(plan=plan, ambitions=form.ambitions())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _to_plan(request, plan, _("The plan has been created."))
    return render(request, "plans/plan_create.html", {"form": form})


@organisation_view(requires="manage")
def plan_edit(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    initial = {name: getattr(plan, name) for name in (*services.PLAN_FIELDS, "version")}
    form = PlanForm(
        request.POST or None, initial=initial, organisation=request.organisation, plan=plan
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, expected_version=form.cleaned_data["version"], **form.changes()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            plan.refresh_from_db()
        else:
            return _to_plan(request, plan, _("The plan has been saved."))
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form})


@organisation_view(requires="manage")
def plan_periods(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = PeriodsForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.periods_update(
                    plan=plan,
                    names_and_positions=form.names_and_positions(),
                    expected_version=form.cleaned_data["version"],
                )
                if form.cleaned_data["new_name"].strip():
                    services.period_create(plan=plan, name=form.cleaned_data["new_name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The periods have been saved."))
            return redirect(
                "plans:periods", org_slug=request.organisation.slug, plan_slug=plan.slug
            )
    return render(request, "plans/plan_periods.html", {"plan": plan, "form": form})


@organisation_view(requires="manage")
def plan_themes(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = PlanThemesForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_themes_set(
                plan=plan,
                ambitions=form.ambitions(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _to_plan(request, plan, _("The themes of the plan have been saved."))
    return render(request, "plans/plan_themes.html", {"plan": plan, "form": form})
