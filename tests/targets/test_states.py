"""Each target state at its edges: exactly on the line, the deadline day itself and the
day after, before the start, and a value that cannot be computed.

The line runs from 0 on 1 January 2018 to 10 on 11 January 2018: one per day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from mvimonitor.targets.states import TargetState, line_value, target_state

START, DEADLINE, TARGET = date(2018, 1, 1), date(2018, 1, 11), Decimal(10)


def state(value, on, *, start_value=Decimal(0)):
    return target_state(
        value=None if value is None else Decimal(value),
        target=TARGET,
        starts_on=START,
        deadline=DEADLINE,
        start_value=start_value,
        on=on,
    )


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_the_line_runs_straight_from_the_start_value_to_the_target():
    values = [
        line_value(starts_on=START, deadline=DEADLINE, start_value=Decimal(0), target=TARGET, on=d)
        for d in (day(-3), day(0), day(4), day(10), day(12))
    ]
    assert values == [0, 0, 4, 10, 10]
    assert line_value(
        starts_on=START, deadline=DEADLINE, start_value=Decimal(5), target=TARGET, on=day(5)
    ) == Decimal("7.5")


def test_a_value_exactly_on_the_line_is_on_track():
    assert state("4", day(4)) == TargetState.ON_TRACK


def test_a_value_just_below_the_line_is_behind():
    assert state("3.99", day(4)) == TargetState.BEHIND


def test_a_value_above_the_line_is_on_track():
    assert state("9", day(4)) == TargetState.ON_TRACK


def test_the_line_starts_at_the_start_value():
    assert state("4", day(4), start_value=Decimal(5)) == TargetState.BEHIND  # line at 7
    assert state("7", day(4), start_value=Decimal(5)) == TargetState.ON_TRACK


def test_on_the_deadline_a_target_is_met_or_behind():
    assert state("10", DEADLINE) == TargetState.MET
    assert state("9.99", DEADLINE) == TargetState.BEHIND


def test_the_day_after_the_deadline_a_target_not_met_is_missed():
    assert state("9.99", DEADLINE + timedelta(days=1)) == TargetState.MISSED
    assert state(None, DEADLINE + timedelta(days=1)) == TargetState.MISSED


def test_a_target_met_stays_met_after_the_deadline_and_is_met_before_the_start():
    assert state("10", DEADLINE + timedelta(days=400)) == TargetState.MET
    assert state("11", day(-1)) == TargetState.MET
    assert state("10", day(3)) == TargetState.MET


def test_before_the_start_a_target_not_met_is_on_track():
    assert state("0", day(-1)) == TargetState.ON_TRACK
    assert state(None, day(-1)) == TargetState.ON_TRACK


def test_on_the_start_day_the_start_value_is_on_the_line():
    assert state("3", START, start_value=Decimal(3)) == TargetState.ON_TRACK
    assert state("2", START, start_value=Decimal(3)) == TargetState.BEHIND


@pytest.mark.parametrize("on", [START, day(5), DEADLINE])
def test_a_value_that_cannot_be_computed_is_behind_during_the_target(on):
    assert state(None, on) == TargetState.BEHIND
