"""Accepting an invitation: the page an invitation e-mail links to, /accounts/invitation/<token>/
(named accounts:invitation_accept: conf.urls puts it among the account pages). Here in
organisations, which owns invitations and memberships, so that accounts needs nothing
from the apps above it."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mvimonitor.accounts.selectors import user_with_email
from mvimonitor.organisations import services
from mvimonitor.organisations.forms import NewAccountForm
from mvimonitor.organisations.models import Invitation, Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.organisations.selectors import invitation_by_token, invitation_refusal


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "accounts/invitation_refused.html", {"message": message}, status=status)


def _joined(request: HttpRequest, membership: Membership) -> HttpResponse:
    messages.success(
        request,
        _("Welcome! You are now a member of %(organisation)s.")
        % {"organisation": membership.organisation.name},
    )
    return redirect("organisations:detail", org_slug=membership.organisation.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. Only the token in the URL leads here; what
    happens next depends on who follows it (see the three helpers below)."""
    invitation = invitation_by_token(token=token)
    if invitation is None:
        return _refused(
            request,
            _(
                "This invitation link is not valid. Check that you opened the whole link from "
                "the e-mail, or ask for a new invitation."
            ),
            status=404,
        )
    refusal = invitation_refusal(invitation=invitation)
    if refusal:
        return _refused(request, refusal, status=410)
    if request.user.is_authenticated:
        return _accept_as_member(request, invitation)
    if user_with_email(email=invitation.email) is not None:
        return render(request, "accounts/invitation_login.html", _context(invitation))
    return _accept_as_new_user(request, invitation)


def _context(invitation: Invitation, **extra: object) -> dict[str, object]:
    return {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": Role(invitation.role).label,
        **extra,
    }


def _accept_as_member(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    user = request.user
    if user.email.lower() != invitation.email.lower():  # type: ignore[union-attr]
        return render(
            request, "accounts/invitation_other_account.html", _context(invitation), status=403
        )
    if request.method == "POST":
        try:
            membership = services.invitation_accept(invitation=invitation, user=user)  # type: ignore[arg-type]
        except ValidationError as error:
            return _refused(request, " ".join(error.messages), status=410)
        return _joined(request, membership)
    return render(request, "accounts/invitation_confirm.html", _context(invitation))


def _accept_as_new_user(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                language=get_language() or "nl",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, membership.user)
            return _joined(request, membership)
    return render(request, "accounts/invitation_new_account.html", _context(invitation, form=form))
