"""Who may see what: every organisation-scoped view goes through `organisation_view`.

A user who is not a member of the organisation in the URL gets 404, never 403: the
existence of another organisation's data is not disclosed. A member whose role does not
allow the view gets 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import can_edit_all_actions, can_manage_organisation

View = Callable[..., HttpResponse]

REQUIREMENTS: dict[str, Callable[[str], bool]] = {
    "read": lambda role: True,
    "edit": can_edit_all_actions,
    "manage": can_manage_organisation,
}


def membership_or_404(user: Any, org_slug: str) -> Membership:
    membership = (
        Membership.objects.select_related("organisation")
        .defer("organisation__logo")  # the image is read only by the logo view
        .filter(user=user, organisation__slug=org_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def organisation_view(requires: str = "read") -> Callable[[View], View]:
    """Decorate a view taking `org_slug`: sets request.organisation and
    request.membership, answers 404 to non-members and 403 to members whose role
    does not meet `requires` ("read", "edit" or "manage")."""
    check = REQUIREMENTS[requires]

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_or_404(request.user, org_slug)
            if not check(membership.role):
                raise PermissionDenied
            request.organisation = membership.organisation  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.requires = requires  # type: ignore[attr-defined]
        return wrapper

    return decorator
