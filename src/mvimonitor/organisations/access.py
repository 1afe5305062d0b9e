"""Who may see what: every organisation-scoped view goes through `organisation_view`.

A user who is not a member of the organisation in the URL gets 404, never 403: the
existence of another organisation's data is not disclosed. A member whose role does not
allow the view gets 403.

Outside reviewers (Role.REVIEWER) are members of one plan until a date: once that date
is over their membership counts as none (404 everywhere). A view is closed to them
(403) unless it opts in with `reviewers=True`; then the plan in the URL must be their
plan (another plan: 404), and member e-mail addresses are hidden while it runs
(accounts.privacy). See docs/adr/0015-outside-reviewers.md.

Site administrators (`User.is_site_admin`, a role of the installation) get nothing
here from that role: only a membership opens an organisation's pages, theirs too. Their
own pages, the organisations' administration, use `site_admin_view`. See
docs/adr/0028-site-administrators.md.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from mvimonitor.accounts.privacy import email_addresses_hidden
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import can_edit_all_actions, can_manage_organisation
from mvimonitor.utils.dates import today

View = Callable[..., HttpResponse]

REQUIREMENTS: dict[str, Callable[[str], bool]] = {
    "read": lambda role: True,
    "edit": can_edit_all_actions,
    "manage": can_manage_organisation,
}


def membership_or_404(user: Any, org_slug: str) -> Membership:
    """The user's membership that gives access today; an expired one is none."""
    membership = (
        Membership.objects.active(on=today())
        .select_related("organisation", "plan")
        .defer("organisation__logo")  # the image is read only by the logo view
        .filter(user=user, organisation__slug=org_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def check_reviewer_plan(membership: Membership, plan_slug: str | None) -> None:
    """A reviewer sees only their own plan: another plan's URL answers 404, as if it
    did not exist. Views without a plan in the URL decide for themselves."""
    if not membership.is_reviewer or plan_slug is None:
        return
    # A reviewer always has a plan (the database's check constraint); None fails closed.
    if membership.plan is None or plan_slug != membership.plan.slug:
        raise Http404


def organisation_view(requires: str = "read", *, reviewers: bool = False) -> Callable[[View], View]:
    """Decorate a view taking `org_slug`: sets request.organisation and
    request.membership, answers 404 to non-members and 403 to members whose role
    does not meet `requires` ("read", "edit" or "manage").

    Reviewers get 403 unless `reviewers` is true; then only for their own plan (the
    view's `plan_slug`), with e-mail addresses hidden."""
    check = REQUIREMENTS[requires]

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_or_404(request.user, org_slug)
            if membership.is_reviewer:
                if not reviewers:
                    raise PermissionDenied
                check_reviewer_plan(membership, kwargs.get("plan_slug"))
            if not check(membership.role):
                raise PermissionDenied
            request.organisation = membership.organisation  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            if membership.is_reviewer:
                with email_addresses_hidden():
                    return view(request, *args, **kwargs)
            return view(request, *args, **kwargs)

        wrapper.requires = requires  # type: ignore[attr-defined]
        wrapper.reviewers = reviewers  # type: ignore[attr-defined]
        return wrapper

    return decorator


def is_site_admin(user: Any) -> bool:
    """Whether `user` (logged in or not) is a site administrator of the installation."""
    return bool(getattr(user, "is_site_admin", False)) and user.is_active


def site_admin_view(view: View) -> View:
    """Decorate a page of the organisations' administration: the login page for
    visitors, 403 for anyone logged in who is not a site administrator (these pages are
    the same for every installation: there is nothing to hide by a 404)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_site_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.requires = "site-admin"  # type: ignore[attr-defined]
    return wrapper
