"""Changing the status of one action (htmx or plain POST) and withdrawing an action."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ChoiceField
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms import StatusChangeForm, WithdrawForm
from mvimonitor.plans.views.actions import detail_context
from mvimonitor.plans.views.common import status_targets
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_action, get_plan, is_coordinator, may_update


@organisation_view(requires="read")
@require_POST
def action_status(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    """Every status is accepted by the form, so a forbidden change gets the workflow's
    own message from the service; only the allowed targets are offered on the page."""
    plan = get_plan(request, plan_slug)
    action = get_action(plan, pk)
    if not may_update(request, action):
        raise PermissionDenied
    form = StatusChangeForm(request.POST, targets=list(STATUS_ORDER))
    changed = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.action_change_status(
                action=action,
                to_status=Status(data["to_status"]),
                by=request.user,
                effective_on=data["effective_on"],
                note=data["note"],
                is_coordinator=is_coordinator(request),
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            changed = True
    if changed and not request.htmx:
        messages.success(request, _("The status has been changed."))
        return redirect("plans:action_detail", request.organisation.slug, plan.slug, action.pk)
    if not changed:
        # Show the bound form with its errors, offering the allowed targets again.
        cast(ChoiceField, form.fields["to_status"]).choices = [
            (s.value, s.label) for s in status_targets(request, action)
        ]
    context = detail_context(request, action, **({} if changed else {"status_form": form}))
    context["status_changed"] = changed
    template = (
        "plans/includes/action_status_block.html" if request.htmx else "plans/action_detail.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@organisation_view(requires="edit")
@require_POST
def action_withdraw(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    """Take the action out of the plan from a date on; it is never deleted."""
    plan = get_plan(request, plan_slug)
    action = get_action(plan, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.action_withdraw(
                action=action,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action has been withdrawn from the plan."))
            return redirect("plans:action_detail", request.organisation.slug, plan.slug, action.pk)
        action = get_action(plan, pk)
    return render(
        request, "plans/action_detail.html", detail_context(request, action, withdraw_form=form)
    )
