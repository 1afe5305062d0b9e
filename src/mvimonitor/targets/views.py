"""Target pages: the plan's targets with their value today, a target's value on a chosen
date with its chart, and adding, changing and removing targets (coordinators)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mvimonitor.organisations.access import organisation_view
from mvimonitor.targets import services
from mvimonitor.targets.forms import DateChoiceForm, DeleteForm, TargetForm
from mvimonitor.targets.models import Target
from mvimonitor.targets.rendering import WIDTH, target_chart_svg
from mvimonitor.targets.selectors import (
    kpi_label,
    plan_targets,
    target_series,
    target_value_on,
    target_values_on,
)
from mvimonitor.targets.states import STATE_CLASS, TargetState
from mvimonitor.utils.dates import today
from mvimonitor.utils.numbers import whole_percentage
from mvimonitor.utils.svg import NARROW_WIDTH
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, may_manage

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def _get_target(plan: ActionPlan, pk: int) -> Target:
    target = get_object_or_404(plan_targets(plan=plan), pk=pk)
    target.plan = plan
    return target


def _to_list(request: OrganisationRequest, plan: ActionPlan, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("targets:list", org_slug=request.organisation.slug, plan_slug=plan.slug)


def _row(value: Any) -> dict[str, Any]:
    state = TargetState(value.state)
    percent = None if value.value is None else whole_percentage(value.value, value.target)
    return {
        "value": value,
        "state_label": state.label,
        "state_class": STATE_CLASS[state],
        "percent": percent,
        "bar": None if percent is None else min(percent, 100),
    }


@require_safe
@organisation_view(requires="read")
def target_list(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    on = today()
    rows = [_row(value) for value in target_values_on(plan=plan, on=on)]
    context = {"plan": plan, "on": on, "rows": rows, "may_manage": may_manage(request)}
    return render(request, "targets/target_list.html", context)


@require_safe
@organisation_view(requires="read")
def target_detail(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    target = _get_target(plan, pk)
    now = today()
    date_form = DateChoiceForm(request.GET or None, initial={"on": now})
    on = date_form.day(default=now)
    value = target_value_on(target=target, on=on)
    series = target_series(target=target, until=now)
    unit = value.unit
    title = _("%(kpi)s: value over time against the line to the target") % {
        "kpi": kpi_label(target)
    }
    chart = {
        name: target_chart_svg(
            series,
            title=title,
            target=target.target_value,
            unit=unit,
            today=now,
            id_prefix=f"target-chart{suffix}",
            width=width,
        )
        for name, suffix, width in (("wide", "", WIDTH), ("narrow", "-narrow", NARROW_WIDTH))
    }
    context = {
        "plan": plan,
        "target": target,
        "on": on,
        "now": now,
        "row": _row(value),
        "date_form": date_form,
        "series": series,
        "unit": unit,
        "chart": chart,
        "may_manage": may_manage(request),
    }
    return render(request, "targets/target_detail.html", context)


def _saved(request: OrganisationRequest, form: TargetForm, save: Any) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(by=request.user, **form.changes())
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@organisation_view(requires="manage")
def target_create(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = TargetForm(request.POST or None, organisation=request.organisation)

    def save(**fields: Any) -> Target:
        return services.target_create(plan=plan, **fields)

    if _saved(request, form, save):
        return _to_list(request, plan, _("The target has been added."))
    return render(request, "targets/target_form.html", {"plan": plan, "form": form})


@organisation_view(requires="manage")
def target_edit(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    target = _get_target(plan, pk)
    form = TargetForm(
        request.POST or None,
        organisation=request.organisation,
        initial=TargetForm.initial_of(target),
    )

    def save(**fields: Any) -> Target:
        version = form.cleaned_data["version"] or target.version
        return services.target_update(target=target, expected_version=version, **fields)

    if _saved(request, form, save):
        return _to_list(request, plan, _("The target has been saved."))
    context = {"plan": plan, "form": form, "target": target}
    return render(request, "targets/target_form.html", context)


@organisation_view(requires="manage")
def target_delete(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    """GET asks to confirm; POST removes the target at the version shown."""
    plan = get_plan(request, plan_slug)
    target = _get_target(plan, pk)
    form = DeleteForm(request.POST or None, initial={"version": target.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_delete(
                target=target, expected_version=form.cleaned_data["version"], by=request.user
            )
        except services.StaleTargetError as error:
            form.add_error(None, str(error))
        else:
            return _to_list(request, plan, _("The target has been removed."))
    return render(
        request, "targets/target_delete.html", {"plan": plan, "target": target, "form": form}
    )
