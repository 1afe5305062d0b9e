"""What the plan forms share beyond the web kit (mvimonitor.web.forms): the choices'
special values and the members who can own an action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.organisations.selectors import member_users

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

ADDED_INITIAL, ADDED_NEW = "initial", "new"
NOT_IN_PLAN, NO_LEVEL = "", "0"


def organisation_members(plan: ActionPlan) -> QuerySet[User]:
    """Colleagues who can own an action: outside reviewers cannot."""
    return member_users(organisation=plan.organisation, roles=MEMBER_ROLES)
