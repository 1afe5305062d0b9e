"""The reads of rounds that the reminders app makes through rounds.selectors."""

import pytest

from mvimonitor.rounds import selectors, services
from mvimonitor.rounds.selectors import OPEN
from tests.rounds.conftest import item_of

pytestmark = pytest.mark.django_db


def test_open_rounds_list_a_round_until_it_is_closed(world, update_round):
    assert list(selectors.open_rounds()) == [update_round]
    services.round_close(round=update_round, by=world.coordinator)
    assert list(selectors.open_rounds()) == []


def test_open_rounds_carry_their_monitor_plan_and_organisation(
    world, update_round, django_assert_num_queries
):
    with django_assert_num_queries(1):
        (found,) = selectors.open_rounds()
        assert found.monitor.plan.organisation == world.helmond


def test_rounds_items_are_every_item_of_the_given_rounds_only(world, update_round):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    items = selectors.rounds_items(round_ids=[update_round.pk])
    assert {item.action for item in items} == {world.owned_action, world.unowned_action}
    assert list(selectors.rounds_items(round_ids=[update_round.pk + 1])) == []


def test_open_owned_items_leave_out_answered_items_and_items_without_an_owner(world, update_round):
    assert [item.action for item in selectors.open_owned_items(round=update_round)] == [
        world.owned_action
    ]
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    assert list(selectors.open_owned_items(round=update_round)) == []


def test_open_owned_items_are_in_the_open_state(world, update_round):
    assert {item.state for item in selectors.open_owned_items(round=update_round)} == {OPEN}


def test_round_item_owner_is_the_user_only_if_they_own_an_item_in_the_round(world, update_round):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    assert selectors.round_item_owner(round=update_round, user_id=world.owner.pk) == world.owner
    assert selectors.round_item_owner(round=update_round, user_id=world.editor.pk) is None
    assert selectors.round_item_owner(round=update_round, user_id=0) is None
