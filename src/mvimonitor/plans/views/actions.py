"""Action pages: the filtered list with bulk status change, create, detail and edit."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.filters import SORT_COLUMNS, ActionFilterSet
from mvimonitor.plans.forms import (
    ActionCreateForm,
    ActionForm,
    BulkStatusForm,
    OwnerActionForm,
    StatusChangeForm,
    WithdrawForm,
)
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.plans.selectors import action_history, plan_actions
from mvimonitor.plans.views.common import status_targets
from mvimonitor.plans.workflow import Status
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import (
    OrganisationRequest,
    get_action,
    get_plan,
    is_coordinator,
    may_edit_all,
    may_manage,
    may_update,
)

PAGE_SIZE = 50
_COLUMN_LABELS = {
    "code": gettext_lazy("Code"),
    "title": gettext_lazy("Title"),
    "period": gettext_lazy("Period"),
    "status": gettext_lazy("Status"),
    "owner": gettext_lazy("Owner"),
    "due_date": gettext_lazy("Due date"),
}


def _list_page(
    request: OrganisationRequest,
    plan: ActionPlan,
    query: QueryDict,
    bulk_form: BulkStatusForm | None = None,
) -> HttpResponse:
    filterset = ActionFilterSet(query, queryset=plan_actions(plan=plan), plan=plan)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(query.get("page"))
    may_bulk = may_edit_all(request)
    selected: set[str] = set()
    if bulk_form is None:
        bulk_form = BulkStatusForm(action_ids=[], prefix="bulk")
    elif bulk_form.is_bound:
        selected = set(request.POST.getlist("bulk-actions"))
    context: dict[str, Any] = {
        "plan": plan,
        "filter": filterset,
        "page": page,
        "query": query,
        "query_string": query.urlencode(),
        "sort": filterset.sort_value,
        "columns": [(c, _COLUMN_LABELS[c]) for c in SORT_COLUMNS],
        "bulk_form": bulk_form if may_bulk else None,
        "selected": selected,
        "may_edit": may_bulk,
        # An empty page says why: the filters, or a plan without actions (asked only then).
        "plan_has_actions": bool(page.object_list) or plan_actions(plan=plan).exists(),
    }
    return render(request, "plans/action_list.html", context)


@require_safe
@organisation_view(requires="read", reviewers=True)
def action_list(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    return _list_page(request, get_plan(request, plan_slug), request.GET)


@organisation_view(requires="edit")
@require_POST
def action_bulk_status(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Change the status of the selected actions: all of them, or none with every error."""
    plan = get_plan(request, plan_slug)
    query = QueryDict(request.POST.get("query", ""))
    ids = list(plan.actions.values_list("pk", flat=True))
    form = BulkStatusForm(request.POST, action_ids=ids, prefix="bulk")
    if form.is_valid():
        data = form.cleaned_data
        actions = list(
            Action.objects.filter(plan=plan, pk__in=data["actions"]).order_by("code_sort_key")
        )
        try:
            services.actions_bulk_change_status(
                actions=actions,
                to_status=Status(data["to_status"]),
                by=request.user,
                effective_on=data["effective_on"],
                note=data["note"],
                is_coordinator=is_coordinator(request),
                versions=form.versions(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The status of %(count)d action has been changed.",
                    "The status of %(count)d actions has been changed.",
                    len(actions),
                )
                % {"count": len(actions)},
            )
            url = reverse("plans:action_list", args=[request.organisation.slug, plan.slug])
            return redirect(f"{url}?{query.urlencode()}" if query else url)
    return _list_page(request, plan, query, bulk_form=form)


@organisation_view(requires="edit")
def action_create(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = ActionCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data, fields = form.cleaned_data, form.changes()
        try:
            action = services.action_create(
                plan=plan,
                by=request.user,
                status=Status(data["to_status"]),
                status_since=data["effective_on"],
                themes=data["themes"],
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action has been added."))
            return redirect("plans:action_detail", request.organisation.slug, plan.slug, action.pk)
    return render(request, "plans/action_create.html", {"plan": plan, "form": form})


def _locked(action: Action) -> dict[str, Any]:
    """A form's initial values for the optimistic lock: the version shown."""
    return {"version": action.version}


def detail_context(request: OrganisationRequest, action: Action, **forms: Any) -> dict[str, Any]:
    """What the action page and its status block (the htmx partial) show."""
    may_change = may_update(request, action)
    targets = status_targets(request, action) if may_change else []
    if may_change and targets and "status_form" not in forms:
        forms["status_form"] = StatusChangeForm(targets=targets, initial=_locked(action))
    if may_edit_all(request) and action.withdrawn_on is None and "withdraw_form" not in forms:
        forms["withdraw_form"] = WithdrawForm(initial=_locked(action))
    history = list(action_history(action=action))
    return {
        "plan": action.plan,
        "action": action,
        "history": history,
        "status_since": history[-1].effective_on if history else None,
        "may_change": may_change,
        "may_edit": may_edit_all(request),
        # The same rule as the correction page's (organisation_view "manage").
        "may_correct": may_manage(request),
        "targets": targets,
        "themes": list(action.themes.all()),
        **forms,
    }


@require_safe
@organisation_view(requires="read", reviewers=True)
def action_detail(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    action = get_action(get_plan(request, plan_slug), pk)
    return render(request, "plans/action_detail.html", detail_context(request, action))


def _save_edit(request: OrganisationRequest, action: Action, form: OwnerActionForm) -> None:
    """Save the fields with the optimistic lock, then the status change if one was asked;
    both or neither."""
    data = form.cleaned_data
    themes = data["themes"] if isinstance(form, ActionForm) else None
    with transaction.atomic():
        services.action_update(
            action=action,
            expected_version=data["version"],
            by=request.user,
            themes=themes,
            **form.changes(),
        )
        if data["to_status"]:
            services.action_change_status(
                action=action,
                to_status=Status(data["to_status"]),
                by=request.user,
                effective_on=data["effective_on"],
                note=data["note"],
                is_coordinator=is_coordinator(request),
                expected_version=action.version,
            )


@organisation_view(requires="read")
def action_edit(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    action = get_action(plan, pk)
    if not may_update(request, action):
        raise PermissionDenied
    targets = status_targets(request, action)
    data = request.POST or None
    form: OwnerActionForm
    if may_edit_all(request):
        form = ActionForm(data, plan=plan, action=action, targets=targets)
    else:
        form = OwnerActionForm(data, action=action, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(request, action, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect("plans:action_detail", request.organisation.slug, plan.slug, action.pk)
        action = get_action(plan, pk)  # the failed save may have changed the instance
    context = {"plan": plan, "action": action, "form": form, "full": isinstance(form, ActionForm)}
    return render(request, "plans/action_edit.html", context)
