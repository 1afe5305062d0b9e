"""What the plan views share: the typed request, finding the plan and action in the
URL within the request's organisation (404 otherwise), and the member's rights."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from mvimonitor.accounts.models import User
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.organisations.roles import (
    can_edit_all_actions,
    can_manage_organisation,
    can_reopen_cancelled,
    can_update_action,
)
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.plans.workflow import Status, allowed_targets


class OrganisationRequest(HttpRequest):
    """A request that went through organisations.access.organisation_view."""

    organisation: Organisation
    membership: Membership
    user: User
    htmx: HtmxDetails


def get_plan(request: OrganisationRequest, plan_slug: str) -> ActionPlan:
    return get_object_or_404(ActionPlan, organisation=request.organisation, slug=plan_slug)


def get_action(plan: ActionPlan, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("plan", "period", "owner"), plan=plan, pk=pk
    )


def may_update(request: OrganisationRequest, action: Action) -> bool:
    """Status, result and note: editors everywhere, owners on their own actions."""
    return can_update_action(
        request.membership.role, is_own_action=action.owner_id == request.user.pk
    )


def may_edit_all(request: OrganisationRequest) -> bool:
    return can_edit_all_actions(request.membership.role)


def may_manage(request: OrganisationRequest) -> bool:
    return can_manage_organisation(request.membership.role)


def is_coordinator(request: OrganisationRequest) -> bool:
    return can_reopen_cancelled(request.membership.role)


def status_targets(request: OrganisationRequest, action: Action) -> list[Status]:
    return allowed_targets(Status(action.status), is_coordinator=is_coordinator(request))
