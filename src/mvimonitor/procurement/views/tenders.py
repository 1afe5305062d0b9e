"""Tender register pages: the filtered list, create, detail, edit, phase change, the
MVI themes applied and the actions served. Thin: the rules are in services.tenders,
the reads in selectors.tenders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mvimonitor.organisations.access import organisation_view
from mvimonitor.procurement.cpv import cpv_names
from mvimonitor.procurement.filters import TenderFilterSet
from mvimonitor.procurement.forms.tenders import (
    AppliedThemeForm,
    LinkActionsForm,
    PhaseChangeForm,
    TenderForm,
)
from mvimonitor.procurement.models import AppliedTheme, Tender
from mvimonitor.procurement.phases import Phase, allowed_phase_targets
from mvimonitor.procurement.selectors import tenders as selectors
from mvimonitor.procurement.services import tenders as services
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, may_edit_all

if TYPE_CHECKING:
    from mvimonitor.plans.models import Theme

PAGE_SIZE = 50


def _tender(request: OrganisationRequest, pk: int) -> Tender:
    try:
        return selectors.tender_for_organisation(organisation=request.organisation, pk=pk)
    except Tender.DoesNotExist as error:
        raise Http404 from error


def _to_detail(request: OrganisationRequest, tender: Tender) -> HttpResponse:
    return redirect("procurement:tender_detail", request.organisation.slug, tender.pk)


@require_http_methods(["GET"])
@organisation_view(requires="read")
def tender_list(request: OrganisationRequest) -> HttpResponse:
    filterset = TenderFilterSet(
        request.GET,
        queryset=selectors.organisation_tenders(organisation=request.organisation),
        organisation=request.organisation,
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filterset": filterset,
        "page": page,
        "query_string": query.urlencode(),
        "may_edit": may_edit_all(request),
    }
    return render(request, "procurement/tender_list.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_create(request: OrganisationRequest) -> HttpResponse:
    form = TenderForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            tender = services.tender_create(
                organisation=request.organisation,
                by=request.user,
                phase=Phase(form.cleaned_data["phase"]),
                **form.values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The tender has been registered."))
            return _to_detail(request, tender)
    return render(request, "procurement/tender_form.html", {"form": form, "tender": None})


@require_http_methods(["GET"])
@organisation_view(requires="read")
def tender_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    tender = _tender(request, pk)
    may_edit = may_edit_all(request)
    targets = allowed_phase_targets(Phase(tender.phase))
    context: dict[str, Any] = {
        "tender": tender,
        "history": list(tender.phase_changes.all()),
        "applied_themes": list(tender.applied_themes.all()),
        "actions": list(tender.actions.all()),
        "cpv": list(cpv_names(tender.cpv_codes).items()),
        "may_edit": may_edit,
    }
    if may_edit and targets:
        context["phase_form"] = PhaseChangeForm(tender=tender, targets=targets)
    return render(request, "procurement/tender_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    tender = _tender(request, pk)
    form = TenderForm(request.POST or None, organisation=request.organisation, tender=tender)
    if request.method == "POST" and form.is_valid():
        try:
            services.tender_update(
                tender=tender,
                by=request.user,
                version=form.cleaned_data["version"] or 0,
                **form.values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The tender has been saved."))
            return _to_detail(request, tender)
        tender = _tender(request, pk)
    return render(request, "procurement/tender_form.html", {"form": form, "tender": tender})


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_phase(request: OrganisationRequest, pk: int) -> HttpResponse:
    tender = _tender(request, pk)
    targets = allowed_phase_targets(Phase(tender.phase))
    form = PhaseChangeForm(request.POST or None, tender=tender, targets=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.tender_change_phase(
                tender=tender,
                to_phase=Phase(data["to_phase"]),
                effective_on=data["effective_on"],
                by=request.user,
                version=data["version"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The tender is now in the phase “%(phase)s”.")
                % {"phase": Phase(data["to_phase"]).label},
            )
            return _to_detail(request, tender)
    return render(request, "procurement/tender_phase.html", {"tender": tender, "form": form})


def _applied(tender: Tender, theme_id: Any) -> AppliedTheme | None:
    try:
        return next(a for a in tender.applied_themes.all() if a.theme_id == int(theme_id))
    except (StopIteration, TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_theme(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Apply a theme in the tender, or change how (`?theme=<id>` of a theme applied)."""
    tender = _tender(request, pk)
    applied = _applied(tender, request.GET.get("theme"))
    form = AppliedThemeForm(request.POST or None, tender=tender, applied=applied)
    if request.method == "POST" and form.is_valid():
        theme: Theme = form.cleaned_data["theme"]
        try:
            services.applied_theme_save(
                tender=tender,
                theme=theme,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The theme “%(theme)s” has been saved.") % {"theme": theme.label}
            )
            return _to_detail(request, tender)
    context = {"tender": tender, "form": form, "applied": applied}
    return render(request, "procurement/tender_theme.html", context)


@require_POST
@organisation_view(requires="edit")
def tender_theme_remove(request: OrganisationRequest, pk: int, theme_pk: int) -> HttpResponse:
    tender = _tender(request, pk)
    applied = _applied(tender, theme_pk)
    if applied is None:
        raise Http404
    services.applied_theme_remove(tender=tender, theme=applied.theme, by=request.user)
    messages.success(
        request, _("The theme “%(theme)s” has been removed.") % {"theme": applied.theme.label}
    )
    return _to_detail(request, tender)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_actions(request: OrganisationRequest, pk: int) -> HttpResponse:
    tender = _tender(request, pk)
    form = LinkActionsForm(request.POST or None, tender=tender)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.tender_link_actions(
                    tender=tender,
                    actions=form.chosen(),
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The actions this tender serves have been saved."))
            return _to_detail(request, tender)
    return render(request, "procurement/tender_actions.html", {"tender": tender, "form": form})
