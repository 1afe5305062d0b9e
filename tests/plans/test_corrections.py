"""Correcting a status change (issue 14, item 5): a coordinator's correction of a row's
date or status, accepted only while the history stays a chain, kept with its reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.audit.base import correcting_history
from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, StatusChange, StatusCorrection
from mvimonitor.plans.services import StaleActionError
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


@pytest.fixture
def action(world) -> Action:
    """Added on 1 April 2017: not started that day, running from 1 May, completed on
    1 July."""
    action = ActionFactory(
        period=world.owned_action.period,
        code="C1",
        status=Status.NOT_STARTED,
        status_since=date(2017, 4, 1),
    )
    for day, status in ((date(2017, 5, 1), Status.RUNNING), (date(2017, 7, 1), Status.COMPLETED)):
        services.action_change_status(
            action=action, to_status=status, by=world.editor, effective_on=day
        )
    action.refresh_from_db()
    return action


def rows(action: Action) -> list[tuple[date, str | None, str]]:
    return [
        (row.effective_on, row.from_status, row.to_status)
        for row in StatusChange.objects.filter(action=action)
    ]


def change_of(action: Action, day: date) -> StatusChange:
    return StatusChange.objects.get(action=action, effective_on=day)


def correct(world, action: Action, change: StatusChange, **kwargs):
    arguments = {
        "change": change,
        "effective_on": change.effective_on,
        "to_status": Status(change.to_status),
        "reason": "Verkeerd overgenomen uit het verslag",
        "by": world.coordinator,
        "expected_version": action.version,
        **kwargs,
    }
    return services.status_change_correct(**arguments)


def refusal(world, action: Action, change: StatusChange, **kwargs) -> dict[str, list[str]]:
    before = rows(action)
    with pytest.raises(ValidationError) as refused:
        correct(world, action, change, **kwargs)
    assert rows(action) == before, "a refused correction changed the history"
    assert not StatusCorrection.objects.exists()
    return (
        refused.value.message_dict
        if hasattr(refused.value, "error_dict")
        else {"__all__": refused.value.messages}
    )


# Accepted corrections


def test_a_corrected_date_moves_the_change_and_keeps_a_record_of_the_correction(world, action):
    correction = correct(
        world, action, change_of(action, date(2017, 7, 1)), effective_on=date(2017, 6, 15)
    )

    assert rows(action) == [
        (date(2017, 4, 1), None, "not_started"),
        (date(2017, 5, 1), "not_started", "running"),
        (date(2017, 6, 15), "running", "completed"),
    ]
    correction.refresh_from_db()
    assert (correction.old_effective_on, correction.new_effective_on) == (
        date(2017, 7, 1),
        date(2017, 6, 15),
    )
    assert (correction.old_to_status, correction.new_to_status) == ("completed", "completed")
    assert correction.reason == "Verkeerd overgenomen uit het verslag"
    assert correction.corrected_by == world.coordinator


def test_a_corrected_status_of_the_latest_change_becomes_the_actions_status(world, action):
    correct(world, action, change_of(action, date(2017, 7, 1)), to_status=Status.POSTPONED)

    action.refresh_from_db()
    assert action.status == Status.POSTPONED
    assert rows(action)[-1] == (date(2017, 7, 1), "running", "postponed")


def test_a_correction_raises_the_actions_version_so_an_open_form_gets_the_conflict(world, action):
    version = action.version
    correct(world, action, change_of(action, date(2017, 5, 1)), effective_on=date(2017, 4, 20))

    assert Action.objects.get(pk=action.pk).version == version + 1
    with pytest.raises(StaleActionError):
        services.action_change_status(
            action=action,
            to_status=Status.RUNNING,
            by=world.editor,
            note="Toch nog niet klaar",
            expected_version=version,
        )


def test_the_audit_trail_keeps_the_change_as_it_was(world, action):
    change = change_of(action, date(2017, 5, 1))
    correct(world, action, change, effective_on=date(2017, 4, 20))

    entry = AuditEntry.objects.filter(
        model="plans.StatusChange", object_id=str(change.pk), operation="update"
    ).get()
    assert entry.changes["effective_on"] == ["2017-05-01", "2017-04-20"]


def test_a_completed_action_may_run_again_in_a_correction_the_reason_explains_it(world, action):
    # running -> completed -> running needs a note; the correction's reason is one.
    services.action_change_status(
        action=action,
        to_status=Status.RUNNING,
        by=world.editor,
        effective_on=date(2017, 8, 1),
        note="Nog een ronde",
    )
    action.refresh_from_db()
    correct(world, action, change_of(action, date(2017, 8, 1)), effective_on=date(2017, 7, 15))

    assert rows(action)[-1] == (date(2017, 7, 15), "completed", "running")


def test_a_coordinator_may_correct_a_change_only_coordinators_may_make(world, action):
    cancelled = ActionFactory(period=world.owned_action.period, code="C2", status=Status.CANCELLED)
    services.action_change_status(
        action=cancelled,
        to_status=Status.NOT_STARTED,
        by=world.coordinator,
        effective_on=date(2017, 6, 1),
        is_coordinator=True,
    )
    cancelled.refresh_from_db()
    correct(world, cancelled, change_of(cancelled, date(2017, 6, 1)), effective_on=date(2017, 5, 1))

    assert rows(cancelled)[-1] == (date(2017, 5, 1), "cancelled", "not_started")


# Refusals, each with its reason on the right field


def test_a_correction_without_a_reason_is_refused(world, action):
    errors = refusal(
        world,
        action,
        change_of(action, date(2017, 7, 1)),
        effective_on=date(2017, 6, 15),
        reason="  ",
    )
    assert errors == {"reason": ["Give the reason for this correction."]}


def test_a_reason_longer_than_a_comment_is_refused(world, action):
    errors = refusal(
        world,
        action,
        change_of(action, date(2017, 7, 1)),
        effective_on=date(2017, 6, 15),
        reason="x" * 4001,
    )
    assert "at most 4000 characters" in errors["reason"][0]


def test_a_reason_with_a_control_character_is_refused(world, action):
    errors = refusal(
        world,
        action,
        change_of(action, date(2017, 7, 1)),
        effective_on=date(2017, 6, 15),
        reason="Verkeerd\x0bovergenomen",
    )
    assert "control character (U+000B)" in errors["reason"][0]


def test_a_correction_that_changes_nothing_is_refused(world, action):
    errors = refusal(world, action, change_of(action, date(2017, 7, 1)))
    assert errors == {
        "__all__": ["This correction changes nothing: choose another date or another status."]
    }


def test_a_date_in_the_future_is_refused(world, action):
    errors = refusal(
        world, action, change_of(action, date(2017, 7, 1)), effective_on=date(2017, 9, 21)
    )
    assert errors == {"effective_on": ["The date of a status change cannot lie in the future."]}


def test_a_date_before_the_action_was_added_is_refused(world, action):
    errors = refusal(
        world, action, change_of(action, date(2017, 4, 1)), effective_on=date(2017, 3, 31)
    )
    assert errors == {
        "effective_on": [
            "The date of a status change cannot lie before the action was added to the plan "
            "(April 1, 2017)."
        ]
    }


def test_moving_a_change_past_the_next_one_is_refused_naming_both(world, action):
    errors = refusal(
        world, action, change_of(action, date(2017, 5, 1)), effective_on=date(2017, 8, 1)
    )
    assert errors == {
        "effective_on": [
            "After this correction the change of July 1, 2017 (running → completed) would "
            "follow the change of April 1, 2017, which ends in “not started”, but it starts "
            "from “running”. Correct that change first, or choose another date or status."
        ]
    }


def test_moving_a_change_before_the_first_one_is_refused(world, action):
    first = change_of(action, date(2017, 4, 1))
    # Both on 1 April: the first row was recorded earlier, so it stays first; move the
    # first row after the second instead.
    errors = refusal(world, action, first, effective_on=date(2017, 5, 2))
    assert errors == {
        "effective_on": [
            "After this correction the change of May 1, 2017 (not started → running) would "
            "come first, but it starts from “not started”: the first change starts from no "
            "status."
        ]
    }


def test_a_status_the_next_change_does_not_start_from_is_refused(world, action):
    errors = refusal(world, action, change_of(action, date(2017, 5, 1)), to_status=Status.POSTPONED)
    assert errors == {
        "to_status": [
            "After this correction the change of July 1, 2017 (running → completed) would "
            "follow the change of May 1, 2017, which ends in “postponed”, but it starts from "
            "“running”. Correct that change first, or choose another date or status."
        ]
    }


def test_a_status_the_workflow_does_not_allow_after_the_one_before_is_refused(world, action):
    errors = refusal(
        world, action, change_of(action, date(2017, 7, 1)), to_status=Status.NOT_STARTED
    )
    assert errors == {
        "to_status": [
            "After this correction the change of July 1, 2017 would go from “running” to "
            "“not started”, which the workflow does not allow."
        ]
    }


def test_the_same_status_as_the_one_before_is_refused(world, action):
    errors = refusal(world, action, change_of(action, date(2017, 7, 1)), to_status=Status.RUNNING)
    assert errors == {
        "to_status": [
            "After this correction the change of July 1, 2017 would go from “running” to "
            "“running”, which the workflow does not allow."
        ]
    }


def test_a_correction_from_a_page_opened_before_another_change_is_refused(world, action):
    change = change_of(action, date(2017, 7, 1))
    errors = refusal(
        world,
        action,
        change,
        effective_on=date(2017, 6, 15),
        expected_version=action.version - 1,
    )
    assert "Someone else changed this action after you opened this page" in errors["__all__"][0]


def test_a_corrected_change_deleted_with_its_action_takes_its_corrections_along(world, action):
    # Undoing an import or deleting a plan deletes status changes (ADR 0027).
    change = change_of(action, date(2017, 7, 1))
    correction = correct(world, action, change, effective_on=date(2017, 6, 15))

    with correcting_history():
        StatusChange.objects.filter(action=action).delete()

    assert not StatusCorrection.objects.filter(pk=correction.pk).exists()
    assert AuditEntry.objects.filter(
        model="plans.StatusCorrection", object_id=str(correction.pk), operation="delete"
    ).exists()


def test_a_correction_is_never_edited_nor_deleted_on_its_own(world, action):
    correction = correct(
        world, action, change_of(action, date(2017, 7, 1)), effective_on=date(2017, 6, 15)
    )

    correction.reason = "Anders"
    with pytest.raises(ValueError, match="never edited"):
        correction.save()
    with pytest.raises(ValueError, match="never deleted"):
        correction.delete()
