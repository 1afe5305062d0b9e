"""What a plan's monitors show besides the figures, entered once per plan: attention
points and communication moments. Every member reads them; coordinators and editors
add, change and close them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mvimonitor.kernel.locking import OUT_OF_DATE
from mvimonitor.monitoring import services
from mvimonitor.monitoring.forms import (
    AttentionPointCloseForm,
    AttentionPointForm,
    CommunicationMomentForm,
)
from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment
from mvimonitor.monitoring.views.common import may_edit
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, service_error

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def _to(request: OrganisationRequest, name: str, plan: ActionPlan) -> HttpResponse:
    return redirect(name, org_slug=request.organisation.slug, plan_slug=plan.slug)


def _bound_if_allowed(request: OrganisationRequest, form_class: type[Any]) -> Any:
    """The add form for those who may edit (403 when someone else posts), else None."""
    if not may_edit(request):
        if request.method == "POST":
            raise PermissionDenied
        return None
    form = form_class(request.POST or None)
    del form.fields["version"]  # a new item has none
    return form


def _saved(request: OrganisationRequest, form: Any, save: Callable[..., Any], message: str) -> bool:
    """On a valid post, `save(by=user, **changes)`: True and a success message when it
    is saved, False with the service's refusals on the form otherwise."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(by=request.user, **form.changes())
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, message)
    return True


def _close_form(point: AttentionPoint, data: Any = None) -> AttentionPointCloseForm:
    initial = {"version": point.version}
    return AttentionPointCloseForm(data, prefix=f"close-{point.pk}", initial=initial)


@organisation_view(requires="read")
def attention_points(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = _bound_if_allowed(request, AttentionPointForm)
    if form is not None and _saved(
        request,
        form,
        partial(services.attention_point_create, plan=plan),
        _("The attention point has been added."),
    ):
        return _to(request, "monitoring:attention_points", plan)
    # Open ones first, on PostgreSQL too (which sorts NULL last by default).
    points = plan.attention_points.order_by(
        F("closed_on").desc(nulls_first=True), "-raised_on", "-id"
    )
    rows = [(p, _close_form(p) if form and p.closed_on is None else None) for p in points]
    context = {"plan": plan, "form": form, "rows": rows}
    return render(request, "monitoring/attention_points.html", context)


def _edit_item(
    request: OrganisationRequest,
    plan: ActionPlan,
    item: AttentionPoint | CommunicationMoment,
    form_class: type[AttentionPointForm] | type[CommunicationMomentForm],
    save: Callable[..., Any],
    *,
    saved: str,
    back_to: str,
    template: str,
) -> HttpResponse:
    """The edit page of an attention point or communication moment: the form filled
    with the item, `save(**changes)` on a valid post with the version the page showed
    (the optimistic lock), back to the list when saved."""
    initial = {name: getattr(item, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)

    def locked(*, version: int, **changes: Any) -> Any:
        return save(expected_version=version, **changes)

    if _saved(request, form, locked, saved):
        return _to(request, back_to, plan)
    return render(request, template, {"plan": plan, "item": item, "form": form})


@organisation_view(requires="edit")
def attention_point_edit(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    point = get_object_or_404(AttentionPoint, plan=plan, pk=pk)
    return _edit_item(
        request,
        plan,
        point,
        AttentionPointForm,
        partial(services.attention_point_update, point=point),
        saved=_("The attention point has been saved."),
        back_to="monitoring:attention_points",
        template="monitoring/attention_point_edit.html",
    )


@organisation_view(requires="edit")
@require_POST
def attention_point_close(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    point = get_object_or_404(AttentionPoint, plan=plan, pk=pk)
    form = _close_form(point, request.POST)
    if not form.is_valid():
        give_date = _("Give the date on which the attention point was closed.")
        messages.error(request, OUT_OF_DATE if "version" in form.errors else give_date)
        return _to(request, "monitoring:attention_points", plan)
    try:
        services.attention_point_close(
            point=point,
            closed_on=form.closing_date(),
            by=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        service_error(request, error)
    else:
        messages.success(request, _("The attention point has been closed."))
    return _to(request, "monitoring:attention_points", plan)


@organisation_view(requires="read")
def communication(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = _bound_if_allowed(request, CommunicationMomentForm)
    if form is not None and _saved(
        request,
        form,
        partial(services.communication_moment_create, plan=plan),
        _("The communication moment has been added."),
    ):
        return _to(request, "monitoring:communication", plan)
    moments = plan.communication_moments.order_by("-date", "-id")
    context = {"plan": plan, "form": form, "moments": moments}
    return render(request, "monitoring/communication.html", context)


@organisation_view(requires="edit")
def communication_edit(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    moment = get_object_or_404(CommunicationMoment, plan=plan, pk=pk)
    return _edit_item(
        request,
        plan,
        moment,
        CommunicationMomentForm,
        partial(services.communication_moment_update, moment=moment),
        saved=_("The communication moment has been saved."),
        back_to="monitoring:communication",
        template="monitoring/communication_edit.html",
    )
