"""The selectors other apps narrow and join with their own rows (ADR 0017)."""

from datetime import date

import pytest
from django.db.models import Count, Subquery

from mvimonitor.plans import selectors, services
from mvimonitor.plans.workflow import Status

pytestmark = pytest.mark.django_db


def test_the_actions_of_a_plan_are_all_its_actions_withdrawn_ones_too_and_no_others(world):
    action = world.unowned_action
    services.action_withdraw(
        action=action, expected_version=action.version, by=None, withdrawn_on=date(2017, 6, 1)
    )
    assert set(selectors.actions_of_plan(plan=world.plan)) == {
        world.owned_action,
        world.unowned_action,
    }


def test_the_history_of_the_outer_action_is_the_history_of_each_action_in_the_query(world):
    services.action_change_status(
        action=world.unowned_action,
        to_status=Status.RUNNING,
        by=None,
        effective_on=date(2017, 6, 1),
    )
    changes = (
        selectors.history_of_outer_action().order_by().values("action").annotate(n=Count("pk"))
    )
    counted = selectors.actions_of_plan(plan=world.plan).annotate(
        changes=Subquery(changes.values("n"))
    )
    assert {a.code: a.changes for a in counted} == {"A1": 1, "A2": 2}
