"""Views of the action plan register; every one goes through organisation_view."""

from mvimonitor.plans.views.actions import (
    action_bulk_status,
    action_create,
    action_detail,
    action_edit,
    action_list,
)
from mvimonitor.plans.views.plans import (
    plan_create,
    plan_detail,
    plan_edit,
    plan_periods,
    plan_themes,
)
from mvimonitor.plans.views.status import action_status, action_withdraw
from mvimonitor.plans.views.themes import org_themes

__all__ = [
    "action_bulk_status",
    "action_create",
    "action_detail",
    "action_edit",
    "action_list",
    "action_status",
    "action_withdraw",
    "org_themes",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_periods",
    "plan_themes",
]
