"""Writes to action plans (the app's public write interface): how a plan is set up in
`setup`, its actions and their status history in `actions`, many actions at once (an
import) in `batch`, corrections of the history in `corrections`, copying a plan into the
next one in `copy`. Import from here."""

from mvimonitor.plans.services.actions import (
    EDITABLE_FIELDS,
    OWNER_FIELDS,
    StaleActionError,
    action_change_status,
    action_create,
    action_update,
    action_withdraw,
    actions_assign_owner,
    actions_bulk_change_status,
    initial_added_on,
)
from mvimonitor.plans.services.batch import (
    ActionEdit,
    NewAction,
    Refusal,
    Written,
    actions_save_many,
)
from mvimonitor.plans.services.copy import copy_candidates, is_copied_by_default, plan_copy
from mvimonitor.plans.services.corrections import status_change_correct
from mvimonitor.plans.services.removal import plan_delete, plan_delete_refusals
from mvimonitor.plans.services.setup import (
    PLAN_FIELDS,
    RESERVED_PLAN_SLUGS,
    StalePlanError,
    StaleThemeError,
    period_create,
    period_names_clean,
    periods_update,
    plan_create,
    plan_lock,
    plan_slug_check,
    plan_slug_suggest,
    plan_themes_set,
    plan_update,
    slug_from_name,
    theme_create,
    theme_update,
)
from mvimonitor.plans.services.undo import (
    ImportUndo,
    actions_import_undo,
    plan_setup_remove_unused,
)

__all__ = [
    "EDITABLE_FIELDS",
    "OWNER_FIELDS",
    "PLAN_FIELDS",
    "RESERVED_PLAN_SLUGS",
    "ActionEdit",
    "ImportUndo",
    "NewAction",
    "Refusal",
    "StaleActionError",
    "StalePlanError",
    "StaleThemeError",
    "Written",
    "action_change_status",
    "action_create",
    "action_update",
    "action_withdraw",
    "actions_assign_owner",
    "actions_bulk_change_status",
    "actions_import_undo",
    "actions_save_many",
    "copy_candidates",
    "initial_added_on",
    "is_copied_by_default",
    "period_create",
    "period_names_clean",
    "periods_update",
    "plan_copy",
    "plan_create",
    "plan_delete",
    "plan_delete_refusals",
    "plan_lock",
    "plan_setup_remove_unused",
    "plan_slug_check",
    "plan_slug_suggest",
    "plan_themes_set",
    "plan_update",
    "slug_from_name",
    "status_change_correct",
    "theme_create",
    "theme_update",
]
