"""The services other apps write plans through (ADR 0017)."""

import pytest
from django.db import transaction

from mvimonitor.plans import services
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_assigning_an_owner_gives_the_member_the_actions_with_that_name_and_no_member(world):
    named = ActionFactory(period=world.owned_action.period, code="B1", owner_name="Piet Jansen")
    ActionFactory(period=world.owned_action.period, code="B2", owner_name="Klaas Vaak")
    assigned = services.actions_assign_owner(
        plan=world.plan, owner_name="Piet Jansen", user=world.owner, by=world.coordinator
    )
    named.refresh_from_db()
    assert assigned == 1
    assert (named.owner, named.owner_name, named.version) == (world.owner, "", 2)


def test_assigning_an_owner_leaves_the_actions_of_other_plans_alone(world):
    other = ActionFactory(period=world.other_action.period, code="Y1", owner_name="Piet Jansen")
    assigned = services.actions_assign_owner(
        plan=world.plan, owner_name="Piet Jansen", user=world.owner, by=None
    )
    other.refresh_from_db()
    assert (assigned, other.owner) == (0, None)


def test_locking_a_plan_gives_the_plan_by_its_id(world):
    with transaction.atomic():
        assert services.plan_lock(plan_id=world.plan.pk) == world.plan
