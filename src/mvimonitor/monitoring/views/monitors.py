"""Monitors of a plan: the list, and what coordinators do with them (create, edit a
draft, finalise, reopen)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mvimonitor.monitoring import services
from mvimonitor.monitoring.forms import (
    COMMENTARY_PREFIX,
    MonitorCreateForm,
    MonitorEditForm,
    ReopenForm,
)
from mvimonitor.monitoring.selectors import commentary_sections, monitor_commentary, plan_monitors
from mvimonitor.monitoring.views.common import get_monitor, may_edit, to_monitor
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, may_manage, service_error


@require_safe
@organisation_view(requires="read")
def monitor_list(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    context = {
        "plan": plan,
        "monitors": plan_monitors(plan=plan),
        "may_manage": may_manage(request),
        "may_edit": may_edit(request),
    }
    return render(request, "monitoring/monitor_list.html", context)


@organisation_view(requires="manage")
def monitor_create(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = MonitorCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            monitor = services.monitor_create(plan=plan, by=request.user, **form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitor has been created as a draft."))
            return to_monitor(request, monitor)
    return render(request, "monitoring/monitor_create.html", {"plan": plan, "form": form})


@organisation_view(requires="manage")
def monitor_edit(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    if monitor.is_final:
        messages.error(
            request, _("A finalised monitor cannot be changed; reopen it first to change it.")
        )
        return to_monitor(request, monitor)
    commentary = monitor_commentary(monitor=monitor)
    initial = {
        "summary": monitor.summary,
        "next_monitor_on": monitor.next_monitor_on,
        "version": monitor.version,
        **{f"{COMMENTARY_PREFIX}{key}": text for key, text in commentary.items()},
    }
    sections = commentary_sections(plan=monitor.plan)
    form = MonitorEditForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            services.monitor_update(
                monitor=monitor,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                commentary=form.commentary(),
                **form.changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The monitor has been saved."))
            return to_monitor(request, monitor)
    context = {"plan": monitor.plan, "monitor": monitor, "form": form}
    return render(request, "monitoring/monitor_edit.html", context)


@organisation_view(requires="manage")
@require_POST
def monitor_finalise(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    try:
        edition = services.monitor_finalise(monitor=monitor, by=request.user)
    except ValidationError as error:
        service_error(request, error)
    else:
        messages.success(
            request,
            _("The monitor of %(date)s has been finalised (version %(number)s).")
            % {"date": date_format(monitor.date), "number": edition.number},
        )
    return to_monitor(request, monitor)


@organisation_view(requires="manage")
def monitor_reopen(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = get_monitor(request, plan_slug, day)
    if not monitor.is_final:
        messages.error(request, _("Only a finalised monitor can be reopened."))
        return to_monitor(request, monitor)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.monitor_reopen(
                monitor=monitor, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The monitor is a draft again; the finalised version stays available."),
            )
            return to_monitor(request, monitor)
    context = {"plan": monitor.plan, "monitor": monitor, "form": form}
    return render(request, "monitoring/monitor_reopen.html", context)
