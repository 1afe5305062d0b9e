"""Roles a member has in an organisation, and what each role may do.

The one place that answers "may this role do X"; views and services ask here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    EDITOR = "editor", _("editor")
    OWNER = "owner", _("action owner")
    VIEWER = "viewer", _("viewer")
    # Not a colleague: an outside expert who comments on one plan until a date
    # (Membership.plan and Membership.expires_on). See docs/adr/0015-outside-reviewers.md.
    REVIEWER = "reviewer", _("outside reviewer")


#: The roles of colleagues; a reviewer is invited for a plan, from its review page.
MEMBER_ROLES = (Role.COORDINATOR, Role.EDITOR, Role.OWNER, Role.VIEWER)


ROLE_HELP = {
    Role.COORDINATOR: _("Manages the plan, the members and the reference data."),
    Role.EDITOR: _("Edits all actions of the plan."),
    Role.OWNER: _("Updates status, result and notes of their own actions."),
    Role.VIEWER: _("Reads and downloads."),
    Role.REVIEWER: _(
        "Reads one plan and comments on it until a set date; sees no members, other plans "
        "or reports."
    ),
}


def can_manage_organisation(role: str) -> bool:
    """Members, invitations, reference data, plans and periods."""
    return role == Role.COORDINATOR


def can_edit_all_actions(role: str) -> bool:
    return role in (Role.COORDINATOR, Role.EDITOR)


def can_update_action(role: str, *, is_own_action: bool) -> bool:
    """Status, result and notes: editors on every action, owners on their own."""
    return can_edit_all_actions(role) or (role == Role.OWNER and is_own_action)


def can_reopen_cancelled(role: str) -> bool:
    return role == Role.COORDINATOR


def is_reviewer(role: str) -> bool:
    return role == Role.REVIEWER


def can_comment(role: str) -> bool:
    """Every member and the plan's reviewers (organisations.access keeps reviewers to
    their own plan)."""
    return role in Role.values


def can_resolve_comment(role: str) -> bool:
    """Resolve and reopen a comment thread."""
    return role == Role.COORDINATOR


def can_invite_reviewers(role: str) -> bool:
    return role == Role.COORDINATOR
