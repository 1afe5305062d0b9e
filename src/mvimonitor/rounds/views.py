"""Round pages: a coordinator opens a round for a draft monitor, follows its progress
(polled by htmx) and closes it (nudging owners is reminders.views.round_nudge); every
owner answers for their actions on "Mijn acties" (htmx swaps the row; without JavaScript
a POST and a redirect)."""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mvimonitor.monitoring.selectors import monitor_of_plan_on
from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.roles import can_reopen_cancelled
from mvimonitor.organisations.selectors import member_roles
from mvimonitor.plans.selectors import late_actions_among, plan_action
from mvimonitor.plans.workflow import Status, allowed_targets
from mvimonitor.rounds import selectors, services
from mvimonitor.rounds.forms import ItemUpdateForm, OwnerEmailsForm, RoundOpenForm
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, may_update, service_error

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.plans.models import ActionPlan


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _monitor(plan: ActionPlan, day: date) -> Monitor:
    monitor = monitor_of_plan_on(plan=plan, day=day)
    if monitor is None:
        raise Http404("No Monitor matches the given query.")
    return monitor


def _round(plan: ActionPlan, day: date) -> UpdateRound:
    update_round = get_object_or_404(
        UpdateRound.objects.select_related("monitor", "opened_by", "closed_by"),
        monitor__plan=plan,
        monitor__date=day,
    )
    update_round.monitor.plan = plan
    return update_round


def _to_round(request: OrganisationRequest, update_round: UpdateRound) -> HttpResponse:
    return redirect(
        "rounds:detail",
        org_slug=request.organisation.slug,
        plan_slug=update_round.monitor.plan.slug,
        day=update_round.monitor.date,
    )


@organisation_view(requires="manage")
def round_open(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    monitor = _monitor(get_plan(request, plan_slug), day)
    existing = UpdateRound.objects.filter(monitor=monitor).first()
    if existing is not None:
        existing.monitor = monitor
        return _to_round(request, existing)
    candidates = selectors.round_candidates(plan=monitor.plan, on=today())  # as the service
    names = selectors.plan_owner_names_without_account(actions=candidates)
    form = RoundOpenForm(request.POST or None, monitor_date=monitor.date, owner_names=names)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_round = services.round_open(
                monitor=monitor,
                deadline=data["deadline"],
                by=request.user,
                message=data["message"],
                reminder_offsets=data["reminder_days"],
                owner_emails=form.owner_emails(),
                base_url=_base_url(request),
                language=get_language() or "nl",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reminder_offsets" in error.error_dict:
                form.add_error("reminder_days", error.error_dict.pop("reminder_offsets"))
            if not hasattr(error, "error_dict") or error.error_dict:
                add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The round has been opened: %(count)d action is waiting for its owner.",
                    "The round has been opened: %(count)d actions are waiting for their owners.",
                    update_round.items.count(),
                )
                % {"count": update_round.items.count()},
            )
            return _to_round(request, update_round)
    context = {"plan": monitor.plan, "monitor": monitor, "form": form, "count": len(candidates)}
    return render(request, "rounds/round_open.html", context)


def _detail_context(
    request: OrganisationRequest, update_round: UpdateRound, **forms: Any
) -> dict[str, Any]:
    names = selectors.round_owner_names_without_account(round=update_round)
    pending = list(selectors.pending_owners(plan=update_round.monitor.plan))
    invited = {p.owner_name for p in pending if p.invitation.is_usable()}
    to_invite = [name for name in names if name not in invited]
    if "owners_form" not in forms and to_invite and update_round.is_open:
        forms["owners_form"] = OwnerEmailsForm(owner_names=to_invite)
    return {
        "plan": update_round.monitor.plan,
        "monitor": update_round.monitor,
        "round": update_round,
        "progress": selectors.round_progress(round=update_round),
        "poll_seconds": settings.ROUND_POLL_SECONDS,
        "pending": [p for p in pending if p.owner_name in names],
        **forms,
    }


@require_safe
@organisation_view(requires="manage")
def round_detail(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    update_round = _round(get_plan(request, plan_slug), day)
    return render(request, "rounds/round_detail.html", _detail_context(request, update_round))


@require_safe
@organisation_view(requires="manage")
def round_progress(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    """The progress block alone, for htmx to poll: 204 (no swap) while nothing changed
    since the `seen` digest, so that the focus on the page stays where it is."""
    update_round = _round(get_plan(request, plan_slug), day)
    progress = selectors.round_progress(round=update_round)
    if request.GET.get("seen") == progress.digest():
        return HttpResponse(status=204)
    context = {
        "plan": update_round.monitor.plan,
        "round": update_round,
        "progress": progress,
        "poll_seconds": settings.ROUND_POLL_SECONDS,
    }
    return render(request, "rounds/_progress.html", context)


@organisation_view(requires="manage")
@require_POST
def round_owners(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    """Invite owners without an account by e-mail, from the round page."""
    update_round = _round(get_plan(request, plan_slug), day)
    context = _detail_context(request, update_round)
    names = list(context["owners_form"].owner_names.values()) if "owners_form" in context else []
    form = OwnerEmailsForm(request.POST, owner_names=names)
    if form.is_valid():
        try:
            for name, email in form.owner_emails().items():
                services.round_invite_owner(
                    round=update_round,
                    owner_name=name,
                    email=email,
                    by=request.user,
                    base_url=_base_url(request),
                    language=get_language() or "nl",
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The owners have been invited."))
            return _to_round(request, update_round)
    context["owners_form"] = form
    return render(request, "rounds/round_detail.html", context)


@organisation_view(requires="manage")
def round_close(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    """GET asks for confirmation, POST closes."""
    update_round = _round(get_plan(request, plan_slug), day)
    if request.method == "POST":
        try:
            services.round_close(round=update_round, by=request.user)
        except ValidationError as error:
            service_error(request, error)
        else:
            messages.success(request, _("The round has been closed."))
        return _to_round(request, update_round)
    context = {
        "plan": update_round.monitor.plan,
        "round": update_round,
        "progress": selectors.round_progress(round=update_round),
    }
    return render(request, "rounds/round_close.html", context)


# "Mijn acties": the owner's side.


def _targets(item: RoundItem, roles: dict[int, str]) -> list[Status]:
    role = roles.get(item.action.plan.organisation_id, "")
    return allowed_targets(Status(item.action.status), is_coordinator=can_reopen_cancelled(role))


def _mark_late(items: list[RoundItem]) -> None:
    """Give each item `late`: why its action is late today (plans.lateness), or None.
    One query for the whole page."""
    late = late_actions_among(action_ids=[item.action_id for item in items], on=today())
    for item in items:
        item.late = late.get(item.action_id)  # type: ignore[attr-defined]


def _item_form(item: RoundItem, roles: dict[int, str], data: Any = None) -> ItemUpdateForm:
    return ItemUpdateForm(
        data, action=item.action, targets=_targets(item, roles), prefix=f"item-{item.pk}"
    )


def _my_actions_page(
    request: HttpRequest, bound: dict[int, ItemUpdateForm] | None = None
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    items = list(selectors.my_round_items(user=user))
    _mark_late(items)
    roles = member_roles(user=user)
    bound = bound or {}
    rows = [(item, bound.get(item.pk) or _item_form(item, roles)) for item in items]
    plans = [
        {
            "plan": plan_items[0][0].action.plan,
            "round": plan_items[0][0].round,
            "deadline_passed": plan_items[0][0].round.deadline_passed(on=today()),
            "periods": [
                (period, list(period_rows))
                for period, period_rows in groupby(plan_items, key=lambda r: r[0].action.period)
            ],
        }
        for plan_items in (
            list(group) for _plan, group in groupby(rows, key=lambda r: r[0].action.plan_id)
        )
    ]
    open_count = sum(1 for item in items if item.state == RoundItem.State.OPEN)
    context = {"plans": plans, "open_count": open_count, "total": len(items)}
    return render(request, "rounds/my_actions.html", context)


@require_safe
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    return _my_actions_page(request)


def _item(request: OrganisationRequest, plan_slug: str, pk: int) -> RoundItem:
    """The action's item in the plan's latest round (a closed round's item too: the
    service then says the round is closed). 403 for an action the member may not
    update, 404 for an action no round asked about."""
    action = plan_action(plan=get_plan(request, plan_slug), pk=pk)
    if action is None:
        raise Http404("No Action matches the given query.")
    if not may_update(request, action):
        raise PermissionDenied
    item = (
        RoundItem.objects.select_related("round", "round__monitor")
        .filter(action=action)
        .order_by("-round__opened_at", "-pk")
        .first()
    )
    if item is None:
        raise Http404
    action.plan.organisation = request.organisation
    item.action = action
    return item


def _item_answer(
    request: OrganisationRequest, item: RoundItem, form: ItemUpdateForm | None, saved: str
) -> HttpResponse:
    """After an answer: the row (htmx) or back to the page (plain POST), with errors
    shown in place either way."""
    if form is not None and not request.htmx:
        return _my_actions_page(request, bound={item.pk: form})
    if not request.htmx:
        messages.success(request, saved)
        return redirect(reverse("my_actions:list") + f"#item-{item.pk}")
    roles = {request.organisation.pk: request.membership.role}
    _mark_late([item])
    context = {
        "item": item,
        "form": form or _item_form(item, roles),
        "saved": saved if form is None else "",
        "swapped": True,
    }
    response = render(request, "rounds/_my_item.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@organisation_view(requires="read")
@require_POST
def item_confirm(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    item = _item(request, plan_slug, pk)
    roles = {request.organisation.pk: request.membership.role}
    form: ItemUpdateForm | None = None
    try:
        services.round_confirm(item=item, by=request.user)
    except ValidationError as error:
        form = _item_form(item, roles, request.POST)
        form.is_valid()
        form.add_error(None, error)
    return _item_answer(request, item, form, _("Confirmed as unchanged."))


@organisation_view(requires="read")
@require_POST
def item_update(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    item = _item(request, plan_slug, pk)
    roles = {request.organisation.pk: request.membership.role}
    form = _item_form(item, roles, request.POST)
    if form.is_valid():
        try:
            item = services.round_update(item=item, by=request.user, **form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _item_answer(request, item, None, _("Your update has been saved."))
    item.action.refresh_from_db()  # a refused save may have changed the instance
    return _item_answer(request, item, form, _("Your update has been saved."))
