"""The workflow table of issue 2, item 4, checked pair by pair.

The expected table is written out here again on purpose, from the issue's words, so a
change to plans/workflow.py that the issue does not allow makes these tests fail.
"""

from datetime import date
from itertools import product

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.plans import services
from mvimonitor.plans.models import StatusChange
from mvimonitor.plans.workflow import (
    STATUS_ORDER,
    STATUS_STYLE,
    Status,
    TransitionError,
    allowed_targets,
    check_transition,
)

S = Status
ALLOWED: dict[Status, set[Status]] = {
    S.NOT_STARTED: {S.RUNNING, S.POSTPONED, S.CANCELLED, S.COMPLETED},
    S.RUNNING: {S.COMPLETED, S.POSTPONED, S.CANCELLED},
    S.POSTPONED: {S.RUNNING, S.NOT_STARTED, S.CANCELLED},
    S.COMPLETED: {S.RUNNING},
    S.CANCELLED: {S.NOT_STARTED},
}
EVERY_PAIR = list(product(Status, Status))


pytestmark = pytest.mark.usefixtures("english")


def test_the_table_covers_every_status():
    assert set(ALLOWED) == set(Status)
    assert len(EVERY_PAIR) == 25


@pytest.mark.parametrize(("current", "target"), EVERY_PAIR, ids=lambda s: s.value)
def test_a_transition_is_allowed_exactly_when_the_issue_lists_it(current, target):
    """With a note and as coordinator, only the table itself decides."""
    if target in ALLOWED[current]:
        check_transition(current, target, note="Reden", is_coordinator=True)
    else:
        with pytest.raises(TransitionError, match="cannot change"):
            check_transition(current, target, note="Reden", is_coordinator=True)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (c, t)
        for c, targets in ALLOWED.items()
        for t in targets
        if (c, t) not in {(S.COMPLETED, S.RUNNING), (S.CANCELLED, S.NOT_STARTED)}
    ],
    ids=lambda s: s.value,
)
def test_ordinary_transitions_need_no_note_and_no_coordinator(current, target):
    check_transition(current, target)


@pytest.mark.parametrize("note", ["", "   ", "\n\t"])
def test_reopening_a_completed_action_requires_a_note(note):
    with pytest.raises(TransitionError, match="note"):
        check_transition(S.COMPLETED, S.RUNNING, note=note, is_coordinator=True)


def test_reopening_a_completed_action_with_a_note_is_allowed_for_anyone():
    check_transition(S.COMPLETED, S.RUNNING, note="Nieuwe aanbesteding", is_coordinator=False)


def test_only_a_coordinator_can_restart_a_cancelled_action():
    with pytest.raises(TransitionError, match="coordinator"):
        check_transition(S.CANCELLED, S.NOT_STARTED, note="Toch doen")
    check_transition(S.CANCELLED, S.NOT_STARTED, is_coordinator=True)


@pytest.mark.parametrize("first", list(Status), ids=lambda s: s.value)
def test_the_first_status_of_a_new_action_is_free(first):
    check_transition(None, first)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_a_change_to_the_same_status_is_refused(status):
    with pytest.raises(TransitionError):
        check_transition(status, status, note="Reden", is_coordinator=True)


@pytest.mark.parametrize("current", list(Status), ids=lambda s: s.value)
def test_allowed_targets_follow_the_table_and_hide_coordinator_only_targets(current):
    assert set(allowed_targets(current, is_coordinator=True)) == ALLOWED[current]
    expected = ALLOWED[current] - ({S.NOT_STARTED} if current == S.CANCELLED else set())
    assert set(allowed_targets(current)) == expected


def test_every_status_has_a_place_in_the_order_and_a_style():
    assert sorted(STATUS_ORDER) == sorted(Status)
    assert set(STATUS_STYLE) == set(Status)
    assert {s for s, style in STATUS_STYLE.items() if style.is_done} == {
        S.COMPLETED,
        S.CANCELLED,
    }


# The service applies the same table to the stored status.


@pytest.mark.parametrize(("current", "target"), EVERY_PAIR, ids=lambda s: s.value)
def test_the_status_service_applies_the_table(world, current, target):
    action = _action_with_status(world, current)
    rows_before = StatusChange.objects.filter(action=action).count()

    def change() -> None:
        services.action_change_status(
            action=action,
            to_status=target,
            by=world.coordinator,
            note="Reden",
            is_coordinator=True,
            effective_on=date(2017, 9, 20),
        )

    if target in ALLOWED[current]:
        change()
        action.refresh_from_db()
        assert action.status == target
        assert StatusChange.objects.filter(action=action).count() == rows_before + 1
    else:
        with pytest.raises(ValidationError) as error:
            change()
        assert "to_status" in error.value.message_dict
        action.refresh_from_db()
        assert action.status == current
        assert StatusChange.objects.filter(action=action).count() == rows_before


def test_the_status_service_names_the_current_status_when_it_would_not_change(world):
    action = world.owned_action  # running
    with pytest.raises(ValidationError, match="already has the status"):
        services.action_change_status(action=action, to_status=S.RUNNING, by=world.editor)


def test_the_status_service_refuses_a_restart_by_a_non_coordinator(world):
    action = _action_with_status(world, S.CANCELLED)
    with pytest.raises(ValidationError, match="coordinator"):
        services.action_change_status(
            action=action, to_status=S.NOT_STARTED, by=world.editor, note="Toch doen"
        )
    action.refresh_from_db()
    assert action.status == S.CANCELLED


def _action_with_status(world, status: Status):
    period = world.owned_action.period
    return services.action_create(
        plan=world.plan,
        code=f"W-{status.value}",
        title="Actie",
        period=period,
        by=world.coordinator,
        status=status,
        status_since=date(2017, 5, 1),
        added_on=date(2017, 4, 1),
    )
