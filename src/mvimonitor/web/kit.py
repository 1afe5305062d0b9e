"""What the views of every app share: the typed request of an organisation page, finding
the plan and action in the URL within the request's organisation (404 otherwise), the
member's rights, and a service's refusal shown as messages.

The kit reads plans through plans.selectors and the rights through organisations.roles;
the models are named in annotations only (ADR 0017)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from mvimonitor.organisations.roles import (
    can_edit_all_actions,
    can_manage_organisation,
    can_reopen_cancelled,
    can_update_action,
)
from mvimonitor.plans import selectors as plan_selectors

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Membership, Organisation
    from mvimonitor.plans.models import Action, ActionPlan


class OrganisationRequest(HttpRequest):
    """A request that went through organisations.access.organisation_view."""

    organisation: Organisation
    membership: Membership
    user: User
    htmx: HtmxDetails


def get_plan(request: OrganisationRequest, plan_slug: str) -> ActionPlan:
    """The request's organisation's plan in the URL (404 for another organisation's)."""
    plan = plan_selectors.organisation_plan(organisation=request.organisation, slug=plan_slug)
    if plan is None:
        raise Http404("No ActionPlan matches the given query.")
    return plan


def get_action(plan: ActionPlan, pk: int) -> Action:
    """The plan's action in the URL, with its plan, period and owner (404 otherwise)."""
    action = plan_selectors.plan_action(plan=plan, pk=pk)
    if action is None:
        raise Http404("No Action matches the given query.")
    return action


def may_update(request: OrganisationRequest, action: Action) -> bool:
    """Status, result and note: editors everywhere, owners on their own actions."""
    return can_update_action(
        request.membership.role, is_own_action=action.owner_id == request.user.pk
    )


def may_edit_all(request: OrganisationRequest) -> bool:
    return can_edit_all_actions(request.membership.role)


def may_manage(request: OrganisationRequest) -> bool:
    """Plans, monitors, targets and members: coordinators."""
    return can_manage_organisation(request.membership.role)


def is_coordinator(request: OrganisationRequest) -> bool:
    return can_reopen_cancelled(request.membership.role)


def service_error(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal as messages on the next page (for actions without a form)."""
    for message in error.messages:
        messages.error(request, message)
