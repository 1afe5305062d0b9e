"""The late rule (plans.lateness, ADR 0030) at each of its edges, in memory and in the
database, and the database agreeing with the pure rule on random actions."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from mvimonitor.organisations.models import Organisation
from mvimonitor.plans import selectors, services
from mvimonitor.plans.lateness import BY_DUE_DATE, BY_START_DATE, late_reason, late_text
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

pytestmark = pytest.mark.usefixtures("english")

D = date(2017, 9, 20)


def _reason(status, *, start=None, due=None, continuous=False, on=D):
    return late_reason(
        status=status, start_date=start, due_date=due, is_continuous=continuous, on=on
    )


# -- the rule in memory -----------------------------------------------------------------


def test_not_started_with_its_start_date_the_day_before_is_late():
    assert _reason(Status.NOT_STARTED, start=D - timedelta(days=1)) == BY_START_DATE


def test_not_started_with_its_start_date_on_the_day_is_not_late():
    assert _reason(Status.NOT_STARTED, start=D) is None


def test_running_with_its_start_date_passed_is_not_late_by_its_start():
    assert _reason(Status.RUNNING, start=D - timedelta(days=30)) is None


def test_a_due_date_the_day_before_makes_an_open_action_late():
    for status in (Status.NOT_STARTED, Status.RUNNING, Status.POSTPONED):
        assert _reason(status, due=D - timedelta(days=1)) == BY_DUE_DATE


def test_a_due_date_on_the_day_is_not_late():
    assert _reason(Status.RUNNING, due=D) is None


def test_completed_and_cancelled_actions_are_never_late():
    for status in (Status.COMPLETED, Status.CANCELLED):
        assert _reason(status, start=D - timedelta(days=90), due=D - timedelta(days=9)) is None


def test_not_started_past_both_dates_is_late_by_its_due_date():
    assert (
        _reason(Status.NOT_STARTED, start=D - timedelta(days=90), due=D - timedelta(days=9))
        == BY_DUE_DATE
    )


def test_a_continuous_action_is_late_only_by_its_start_date():
    assert _reason(Status.RUNNING, due=D - timedelta(days=1), continuous=True) is None
    assert (
        _reason(Status.NOT_STARTED, start=D - timedelta(days=1), continuous=True) == BY_START_DATE
    )


def test_without_dates_nothing_is_late():
    assert _reason(Status.NOT_STARTED) is None
    assert _reason(Status.POSTPONED) is None


def test_the_reason_in_words():
    assert late_text(BY_START_DATE, date(2017, 3, 1)) == "start date March 1, 2017 passed"
    assert late_text(BY_DUE_DATE, date(2017, 9, 1)) == "due date Sept. 1, 2017 passed"
    assert late_text(None, None) == ""


# -- the rule in the database, with the status on D from the history ---------------------


def _late_ids(plan, on=D):
    return {
        late.action_id: late.lateness.reason for late in selectors.late_actions_on(plan=plan, on=on)
    }


def test_the_database_takes_the_status_on_the_day_from_the_history(world, frozen_today):
    frozen_today(date(2017, 10, 15))
    action = ActionFactory(
        period=world.owned_action.period,
        code="L1",
        due_date=date(2017, 9, 1),
        status=Status.RUNNING,
        status_since=date(2017, 4, 1),
    )
    services.action_change_status(
        action=action, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 10, 1)
    )
    # completed after D: still late on D, and no longer on the day it was completed
    assert _late_ids(world.plan)[action.pk] == BY_DUE_DATE
    assert action.pk not in _late_ids(world.plan, on=date(2017, 10, 1))
    assert action.pk in _late_ids(world.plan, on=date(2017, 9, 30))


def test_postponed_is_late_by_its_due_date_in_the_database(world, frozen_today):
    action = ActionFactory(
        period=world.owned_action.period,
        code="L2",
        start_date=date(2017, 5, 1),
        due_date=date(2017, 9, 19),
        status=Status.POSTPONED,
    )
    assert _late_ids(world.plan)[action.pk] == BY_DUE_DATE
    assert action.pk not in _late_ids(world.plan, on=date(2017, 9, 19))


def test_a_withdrawn_action_is_not_late_from_its_withdrawal(world):
    action = ActionFactory(period=world.owned_action.period, code="L3", start_date=date(2017, 5, 1))
    Action.objects.filter(pk=action.pk).update(withdrawn_on=D)
    assert action.pk not in _late_ids(world.plan)
    assert action.pk in _late_ids(world.plan, on=D - timedelta(days=1))


def test_an_action_added_after_the_day_is_not_late_on_it(world):
    action = ActionFactory(
        period=world.owned_action.period,
        code="L4",
        start_date=date(2017, 5, 1),
        added_on=date(2017, 9, 21),
        status_since=date(2017, 9, 21),
    )
    assert action.pk not in _late_ids(world.plan)
    assert action.pk in _late_ids(world.plan, on=date(2017, 9, 22))


def test_the_reads_take_one_query_each(world, django_assert_num_queries):
    for n in range(5):
        ActionFactory(
            period=world.owned_action.period, code=f"Q{n}", start_date=date(2017, 5, n + 1)
        )
    with django_assert_num_queries(1):
        late = selectors.late_actions_on(plan=world.plan, on=D, limit=3)
    assert [a.code for a in late] == ["Q0", "Q1", "Q2"]
    with django_assert_num_queries(1):
        assert selectors.late_action_count(plan=world.plan, on=D) == 5
    ids = [a.pk for a in Action.objects.filter(plan=world.plan)]
    with django_assert_num_queries(1):
        among = selectors.late_actions_among(action_ids=ids, on=D)
    assert len(among) == 5
    assert {late.day for late in among.values()} == {date(2017, 5, n + 1) for n in range(5)}


# -- the database agrees with the pure rule on random actions ---------------------------

START = date(2017, 1, 1)
days = st.integers(min_value=0, max_value=30).map(lambda n: START + timedelta(days=n))


class LateInTheDatabaseTests(TestCase):
    @settings(max_examples=60, deadline=None)
    @given(
        actions=st.lists(
            st.tuples(
                st.none() | days,  # start
                st.none() | st.integers(0, 10),  # due, days after the start (or START)
                st.booleans(),  # continuous
                st.lists(st.tuples(days, st.sampled_from(list(Status))), max_size=3),
                st.none() | days,  # withdrawn on
            ),
            max_size=6,
        ),
        on=days,
    )
    def test_the_database_agrees_with_the_pure_rule(self, actions, on):
        org = Organisation.objects.create(name="Gemeente Proef", slug="proef")
        plan = ActionPlan.objects.create(
            organisation=org,
            name="Plan",
            slug="plan",
            adopted_on=START,
            starts_on=START,
            ends_on=date(2020, 12, 31),
        )
        period = Period.objects.create(plan=plan, name="P", position=0)
        expected = {}
        for number, (start, due_after, continuous, history, withdrawn) in enumerate(actions):
            due = (
                None if continuous or due_after is None else (start or START) + timedelta(due_after)
            )
            action = Action.objects.create(
                plan=plan,
                code=f"A{number}",
                title="Actie",
                period=period,
                added_on=START,
                start_date=start,
                due_date=due,
                is_continuous=continuous,
                withdrawn_on=withdrawn,
            )
            for effective_on, status in history:
                StatusChange.objects.create(
                    action=action, to_status=status, effective_on=effective_on
                )
            if withdrawn is not None and withdrawn <= on:
                continue
            status = selectors.status_on(action.status_changes.all(), on)
            reason = late_reason(
                status=status, start_date=start, due_date=due, is_continuous=continuous, on=on
            )
            if reason:
                expected[action.pk] = reason
        assert {
            a.action_id: a.lateness.reason for a in selectors.late_actions_on(plan=plan, on=on)
        } == expected
        assert selectors.late_action_count(plan=plan, on=on) == len(expected)
