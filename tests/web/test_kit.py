"""web.kit: what every app's views share, read through the plans' selectors."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.web.kit import (
    OrganisationRequest,
    get_action,
    get_plan,
    is_coordinator,
    may_edit_all,
    may_manage,
    may_update,
    service_error,
)


def page_request(world, user) -> OrganisationRequest:
    """A request as organisations.access.organisation_view leaves it."""
    request = RequestFactory().get("/o/helmond/")
    request.organisation = world.helmond
    request.user = user
    request.membership = Membership.objects.get(user=user, organisation=world.helmond)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_the_plan_in_the_url_is_found_within_the_organisation_with_it_already_set(world):
    request = page_request(world, world.viewer)

    plan = get_plan(request, "helmond-mvi")

    assert plan == world.plan
    with CaptureQueriesContext(connection) as queries:
        assert plan.organisation is world.helmond
    assert len(queries) == 0


def test_another_organisations_plan_is_not_found(world):
    with pytest.raises(Http404):
        get_plan(page_request(world, world.viewer), world.other_plan.slug)


def test_the_action_in_the_url_is_found_within_the_plan(world):
    action = get_action(world.plan, world.owned_action.pk)

    assert action == world.owned_action
    with CaptureQueriesContext(connection) as queries:
        assert (action.plan, action.period.pk, action.owner) == (
            world.plan,
            world.owned_action.period_id,
            world.owner,
        )
    assert len(queries) == 0


def test_an_action_of_another_plan_is_not_found(world):
    with pytest.raises(Http404):
        get_action(world.plan, world.other_action.pk)


@pytest.mark.parametrize(
    ("role", "manage", "edit_all", "coordinator"),
    [
        (Role.COORDINATOR, True, True, True),
        (Role.EDITOR, False, True, False),
        (Role.OWNER, False, False, False),
        (Role.VIEWER, False, False, False),
    ],
)
def test_the_rights_follow_the_members_role(world, role, manage, edit_all, coordinator):
    request = page_request(world, world.user(role))

    assert (may_manage(request), may_edit_all(request), is_coordinator(request)) == (
        manage,
        edit_all,
        coordinator,
    )


def test_an_owner_may_update_their_own_action_only(world):
    request = page_request(world, world.owner)

    assert may_update(request, world.owned_action)
    assert not may_update(request, world.unowned_action)


def test_a_services_refusal_becomes_one_message_per_reason(world):
    request = page_request(world, world.coordinator)

    service_error(request, ValidationError({"date": ["Te vroeg."], "note": ["Te lang."]}))

    assert [str(message) for message in get_messages(request)] == ["Te vroeg.", "Te lang."]
