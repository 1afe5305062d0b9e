"""Stale actions as a report of a date sees them (selectors.stale_actions_on): only
touches on or before that date count, a status change counts from the day it took
effect, and done is done on that date."""

from datetime import date, datetime, timedelta

import pytest

from mvimonitor.plans import services as plan_services
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import selectors, services
from mvimonitor.rounds.models import RoundItem
from tests.factories import ActionFactory, PeriodFactory
from tests.rounds.conftest import AMSTERDAM, DEADLINE, item_of

pytestmark = pytest.mark.django_db

D = date(2017, 9, 1)  # 90 days after 3 June 2017


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def quiet(world, clock, settings):
    """S1, in the plan since its adoption (1 April 2017), entered that day and to start
    that day; nothing else happened to it. STALE_AFTER_DAYS is 90."""
    settings.STALE_AFTER_DAYS = 90
    clock.move_to(at(date(2017, 4, 1)))
    period = PeriodFactory(plan=world.plan, name="Stil", position=5)
    return ActionFactory(period=period, code="S1", owner=world.owner, start_date=date(2017, 4, 1))


def stale_codes(world, on: date = D) -> list[str]:
    return [a.code for a in selectors.stale_actions_on(plan=world.plan, on=on) if a.code == "S1"]


def test_a_stale_action_is_listed_with_its_owner_period_and_last_touch(world, quiet):
    (stale,) = [a for a in selectors.stale_actions_on(plan=world.plan, on=D) if a.code == "S1"]
    assert stale.action_id == quiet.pk
    assert (stale.owner, stale.period) == (world.owner.display_name, "Stil")
    assert stale.last_touched == date(2017, 4, 1)


def test_it_is_stale_the_day_after_the_limit_not_on_it(world, quiet):
    day_90 = date(2017, 4, 1) + timedelta(days=90)
    assert stale_codes(world, day_90) == []
    assert stale_codes(world, day_90 + timedelta(days=1)) == ["S1"]


def test_a_touch_after_the_date_does_not_make_it_fresh_on_that_date(world, quiet, clock):
    clock.move_to(at(date(2017, 9, 5)))
    plan_services.action_update(
        action=quiet, expected_version=quiet.version, by=None, result="Iets gedaan"
    )
    plan_services.action_change_status(action=quiet, to_status=Status.RUNNING, by=None)

    assert stale_codes(world) == ["S1"]  # the report of 1 September
    assert quiet.pk in selectors.stale_action_ids(plan=world.plan, on=D)  # one rule: the list's
    assert stale_codes(world, date(2017, 9, 5)) == []
    assert quiet.pk not in selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 5))


def test_an_edit_on_or_before_the_date_makes_it_fresh(world, quiet, clock):
    clock.move_to(at(date(2017, 8, 31), hour=23))
    plan_services.action_update(
        action=quiet, expected_version=quiet.version, by=None, result="Iets gedaan"
    )
    assert stale_codes(world) == []
    (touched,) = [
        a
        for a in selectors.stale_actions_on(plan=world.plan, on=date(2017, 12, 1))
        if a.code == "S1"
    ]
    assert touched.last_touched == date(2017, 8, 31)


def test_a_back_dated_status_change_counts_from_the_day_it_took_effect(world, quiet, clock):
    clock.move_to(at(date(2017, 10, 2)))
    plan_services.action_change_status(
        action=quiet, to_status=Status.RUNNING, by=None, effective_on=date(2017, 7, 10)
    )
    assert stale_codes(world) == []  # running since 10 July, as the report of D shows
    assert stale_codes(world, date(2017, 7, 5)) == ["S1"]


def test_an_answer_in_a_round_counts_only_from_when_it_was_given(world, quiet, clock, monitor):
    clock.move_to(at(date(2017, 8, 20)))
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    clock.move_to(at(date(2017, 9, 2)))
    services.round_confirm(item=item_of(update_round, quiet), by=world.owner)
    assert RoundItem.objects.get(action=quiet).state == RoundItem.State.CONFIRMED

    assert stale_codes(world) == ["S1"]
    assert stale_codes(world, date(2017, 9, 2)) == []


def test_done_is_done_on_the_date(world, quiet, clock):
    clock.move_to(at(date(2017, 9, 10)))
    plan_services.action_change_status(
        action=quiet, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 9, 10)
    )
    assert stale_codes(world) == ["S1"]  # not started on 1 September, untouched since April
    assert stale_codes(world, date(2017, 12, 1)) == []  # completed by then


def test_actions_not_yet_or_no_longer_in_the_plan_are_never_stale(world, quiet, clock):
    clock.move_to(at(date(2017, 10, 2)))
    later = ActionFactory(
        period=quiet.period, code="S3", added_on=date(2017, 10, 1), status_since=date(2017, 10, 1)
    )
    plan_services.action_withdraw(
        action=quiet, expected_version=quiet.version, by=None, withdrawn_on=date(2017, 8, 1)
    )
    ids = {a.action_id for a in selectors.stale_actions_on(plan=world.plan, on=D)}
    assert quiet.pk not in ids and later.pk not in ids
    assert quiet.pk in {
        a.action_id for a in selectors.stale_actions_on(plan=world.plan, on=date(2017, 7, 31))
    }


@pytest.mark.parametrize("extra", [0, 30])
def test_stale_actions_on_a_date_take_one_query(world, quiet, django_assert_num_queries, extra):
    for n in range(extra):
        ActionFactory(period=quiet.period, code=f"T{n:02d}", status=Status.RUNNING)
    with django_assert_num_queries(1):
        stale = selectors.stale_actions_on(plan=world.plan, on=D)
    assert len(stale) >= 1 + extra
