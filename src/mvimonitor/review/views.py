"""Review pages: comments on an action (a block on the action page, htmx or plain
POST), the plan's review page with every thread, resolving threads, and inviting an
outside reviewer. Reviewers reach the pages marked `reviewers=True`, for their plan
only (organisations.access)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mvimonitor.organisations import selectors as organisation_selectors
from mvimonitor.organisations import services as organisation_services
from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.roles import Role, can_invite_reviewers, can_resolve_comment
from mvimonitor.review import selectors, services
from mvimonitor.review.forms import CommentForm, ReviewerInvitationForm
from mvimonitor.review.models import COMMENT_MAX_LENGTH, Comment
from mvimonitor.review.selectors import ThreadState
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_action, get_plan

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, ActionPlan

ACTION_BLOCK = "review/_action_comments_block.html"


def _thread_or_none(plan: ActionPlan, comment_id: int | None) -> Comment | None:
    if comment_id is None:
        return None
    return get_object_or_404(Comment, plan=plan, pk=comment_id)


def _reply_to(form: CommentForm | None) -> int | None:
    """The thread a bound form replied to, if any."""
    parent = form.data.get("parent", "") if form is not None else ""
    return int(parent) if str(parent).isdigit() else None


def action_block_context(
    request: OrganisationRequest, action: Action, form: CommentForm | None = None
) -> dict[str, Any]:
    """What the comments block on the action page shows. A bound `form` with errors
    is shown where it was filled in: as a new comment or under its thread."""
    threads = list(selectors.action_threads(action=action))
    reply_to = _reply_to(form)
    return {
        "plan": action.plan,
        "action": action,
        "threads": threads,
        "open_count": sum(1 for t in threads if not t.is_resolved),
        "form": form if form is not None and reply_to is None else CommentForm(),
        "reply_form": form if reply_to is not None else None,
        "reply_to": reply_to,
        "may_resolve": can_resolve_comment(request.membership.role),
        "max_length": COMMENT_MAX_LENGTH,
    }


@organisation_view(requires="read", reviewers=True)
@require_POST
def action_comment_add(request: OrganisationRequest, plan_slug: str, pk: int) -> HttpResponse:
    """A new comment on the action or a reply. htmx swaps the comments block; without
    JavaScript the action page is shown again (or the form with its errors)."""
    plan = get_plan(request, plan_slug)
    action = get_action(plan, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                plan=plan,
                action=action,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=_thread_or_none(plan, form.cleaned_data["parent"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
    saved = form.is_bound and not form.errors
    if request.htmx:
        context = action_block_context(request, action, None if saved else form)
        context["saved"] = saved
        response = render(request, ACTION_BLOCK, context)
        patch_vary_headers(response, ("HX-Request",))
        return response
    if saved:
        messages.success(request, _("Your comment has been added."))
        url = reverse("plans:action_detail", args=(request.organisation.slug, plan.slug, pk))
        return redirect(url + "#comments")
    return render(
        request,
        "review/comment_form.html",
        {"plan": plan, "action": action, "form": form, "back": _action_url(request, action)},
    )


def _action_url(request: OrganisationRequest, action: Action) -> str:
    return (
        reverse(
            "plans:action_detail", args=(request.organisation.slug, action.plan.slug, action.pk)
        )
        + "#comments"
    )


def _state(request: OrganisationRequest) -> ThreadState:
    try:
        return ThreadState(request.GET.get("state", ThreadState.OPEN))
    except ValueError:
        return ThreadState.OPEN


@require_safe
@organisation_view(requires="read", reviewers=True)
def plan_review(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Every thread of the plan (open, resolved or all), a form for a comment on the
    plan as a whole, and for coordinators the reviewers and their access."""
    plan = get_plan(request, plan_slug)
    return render(request, "review/plan.html", _plan_context(request, plan))


def _plan_context(request: OrganisationRequest, plan: ActionPlan) -> dict[str, Any]:
    role = request.membership.role
    context: dict[str, Any] = {
        "plan": plan,
        "state": _state(request),
        "states": [
            (ThreadState.OPEN, _("Open")),
            (ThreadState.RESOLVED, _("Resolved")),
            (ThreadState.ALL, _("All")),
        ],
        "threads": list(selectors.plan_threads(plan=plan, state=_state(request))),
        "counts": selectors.open_thread_counts(plan=plan),
        "form": CommentForm(),
        "may_resolve": can_resolve_comment(role),
        "may_invite": can_invite_reviewers(role),
        "max_length": COMMENT_MAX_LENGTH,
    }
    if can_invite_reviewers(role):
        context["reviewers"] = organisation_selectors.plan_reviewers(plan=plan)
        context["invitations"] = organisation_selectors.plan_reviewer_invitations(plan=plan)
    return context


@organisation_view(requires="read", reviewers=True)
@require_POST
def comment_add(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """A comment on the plan as a whole, or a reply from the review page."""
    plan = get_plan(request, plan_slug)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                plan=plan,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=_thread_or_none(plan, form.cleaned_data["parent"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(_review_url(request, plan))
    return render(
        request,
        "review/comment_form.html",
        {"plan": plan, "action": None, "form": form, "back": _review_url(request, plan)},
    )


def _review_url(request: OrganisationRequest, plan: ActionPlan) -> str:
    return reverse("review:plan", args=(request.organisation.slug, plan.slug))


def _change_thread(
    request: OrganisationRequest, plan_slug: str, comment_id: int, *, resolve: bool
) -> HttpResponse:
    """Resolve or reopen; htmx (from the action page) gets the comments block back, a
    plain POST goes back to `next` (a page of this site) or the review page."""
    plan = get_plan(request, plan_slug)
    comment = get_object_or_404(Comment.objects.select_related("action"), plan=plan, pk=comment_id)
    change = services.comment_resolve if resolve else services.comment_reopen
    try:
        change(comment=comment, by=request.user)
    except ValidationError as error:
        notice, level = " ".join(error.messages), messages.ERROR
    else:
        done = _("The discussion has been resolved.")
        notice, level = (done if resolve else _("The discussion is open again.")), messages.SUCCESS
    if request.htmx and comment.action is not None:
        context = action_block_context(request, comment.action)
        context["notice"] = notice
        response = render(request, ACTION_BLOCK, context)
        patch_vary_headers(response, ("HX-Request",))
        return response
    messages.add_message(request, level, notice)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(_review_url(request, plan))


@organisation_view(requires="manage")
@require_POST
def comment_resolve(request: OrganisationRequest, plan_slug: str, comment_id: int) -> HttpResponse:
    return _change_thread(request, plan_slug, comment_id, resolve=True)


@organisation_view(requires="manage")
@require_POST
def comment_reopen(request: OrganisationRequest, plan_slug: str, comment_id: int) -> HttpResponse:
    return _change_thread(request, plan_slug, comment_id, resolve=False)


@organisation_view(requires="manage")
@require_http_methods(["GET", "POST"])
def reviewer_invite(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Invite an outside reviewer for this plan until a date, by the usual e-mail."""
    plan = get_plan(request, plan_slug)
    form = ReviewerInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction: an invitation whose e-mail could not be sent is not kept.
            with transaction.atomic():
                invitation = organisation_services.invitation_create(
                    organisation=request.organisation,
                    invited_by=request.user,
                    email=form.cleaned_data["email"],
                    role=Role.REVIEWER,
                    plan=plan,
                    expires_on=form.cleaned_data["expires_on"],
                )
                organisation_services.invitation_send(
                    invitation=invitation,
                    base_url=request.build_absolute_uri("/"),
                    language=get_language() or "nl",
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect(_review_url(request, plan))
    return render(request, "review/invite.html", {"plan": plan, "form": form})
