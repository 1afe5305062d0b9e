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


ROLE_HELP = {
    Role.COORDINATOR: _("Manages the plan, the members and the reference data."),
    Role.EDITOR: _("Edits all actions of the plan."),
    Role.OWNER: _("Updates status, result and notes of their own actions."),
    Role.VIEWER: _("Reads and downloads."),
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
