"""When reminders are due: on each moment (deadline + offset) from 07:00 Amsterdam time,
up to two days late, once per moment, only to those who should get them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from mvimonitor.organisations.roles import Role
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.selectors import due_reminders, round_owner
from mvimonitor.rounds.models import RoundItem
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from tests.reminders.conftest import DEADLINE, ask, at, open_round

Kind = ReminderDispatch.Kind


def due(now) -> set[tuple[str, str, int | None]]:
    return {(r.recipient.email, r.kind, r.offset_days) for r in due_reminders(now=now)}


def both(world, offset: int) -> set[tuple[str, str, int | None]]:
    return {
        (world.owner.email, Kind.OWNER_REMINDER, offset),
        (world.coordinator.email, Kind.COORDINATOR_SUMMARY, offset),
    }


@pytest.mark.parametrize(("offset", "day"), [(-14, 1), (-3, 12), (1, 16)])
def test_on_each_reminder_day_the_owner_and_the_coordinator_are_due(world, round, offset, day):
    assert due(at(date(2024, 3, day))) == both(world, offset)


@pytest.mark.parametrize("day", [date(2024, 2, 29), date(2024, 3, 11), DEADLINE])
def test_on_the_day_before_a_reminder_day_nothing_is_due(world, round, day):
    assert due(at(day, 23, 59)) == set()


def test_on_a_reminder_day_nothing_goes_out_before_seven_in_amsterdam(world, round):
    assert due(at(date(2024, 3, 12), 6, 59)) == set()
    assert due(at(date(2024, 3, 12), 7, 0)) == both(world, -3)


def test_a_moment_missed_while_the_scheduler_was_down_is_due_up_to_two_days_late(world, round):
    assert due(at(date(2024, 3, 13), 0, 5)) == both(world, -3)
    assert due(at(date(2024, 3, 14), 23, 0)) == both(world, -3)
    assert due(at(date(2024, 3, 4))) == set()  # the moment of 1 March: three days late


def test_when_two_moments_are_due_only_the_latest_goes_out(world):
    update_round = open_round(world.plan, offsets=(-1, 0))
    ask(update_round, world.owned_action, owner=world.owner)
    assert due(at(DEADLINE)) == both(world, 0)


def test_a_moment_before_the_round_opened_is_skipped(world):
    update_round = open_round(world.plan, opened=date(2024, 3, 10))
    ask(update_round, world.owned_action, owner=world.owner)
    assert due(at(date(2024, 3, 1))) == set()
    assert due(at(date(2024, 3, 12))) == both(world, -3)


def test_a_closed_round_sends_nothing(world, round):
    round.closed_at = timezone.now()
    round.save()
    assert due(at(date(2024, 3, 12))) == set()


def test_an_owner_who_opted_out_gets_nothing_and_the_coordinator_still_a_summary(world, round):
    world.owner.receives_reminders = False
    world.owner.save()
    assert due(at(date(2024, 3, 12))) == {(world.coordinator.email, Kind.COORDINATOR_SUMMARY, -3)}


def test_a_coordinator_who_opted_out_gets_no_summary(world, round):
    world.coordinator.receives_reminders = False
    world.coordinator.save()
    assert due(at(date(2024, 3, 12))) == {(world.owner.email, Kind.OWNER_REMINDER, -3)}


def test_an_inactive_owner_or_one_who_left_the_organisation_gets_nothing(world, round):
    world.owner.is_active = False
    world.owner.save()
    assert (world.owner.email, Kind.OWNER_REMINDER, -3) not in due(at(date(2024, 3, 12)))
    world.owner.is_active = True
    world.owner.save()
    world.owner.memberships.all().delete()
    assert (world.owner.email, Kind.OWNER_REMINDER, -3) not in due(at(date(2024, 3, 12)))


def test_an_owner_who_confirmed_or_updated_everything_gets_nothing(world, round):
    round.items.filter(owner=world.owner).update(
        state=RoundItem.State.CONFIRMED, responded_at=timezone.now()
    )
    assert due(at(date(2024, 3, 12))) == {(world.coordinator.email, Kind.COORDINATOR_SUMMARY, -3)}
    round.items.update(state=RoundItem.State.UPDATED, responded_at=timezone.now())
    assert due(at(date(2024, 3, 12))) == set()  # nothing open: no summary either


def test_an_owner_gets_one_reminder_listing_all_open_actions(world, round):
    second = ActionFactory(period=world.owned_action.period, owner=world.owner)
    ask(round, second, owner=world.owner)
    done = ActionFactory(period=world.owned_action.period, owner=world.owner)
    item = ask(round, done, owner=world.owner)
    item.state, item.responded_at = RoundItem.State.UPDATED, timezone.now()
    item.save()
    [reminder] = [r for r in due_reminders(now=at(date(2024, 3, 12))) if r.recipient == world.owner]
    assert {i.action for i in reminder.open_items} == {world.owned_action, second}


def test_the_summary_counts_open_actions_per_owner_including_owners_without_account(world, round):
    [summary] = [
        r for r in due_reminders(now=at(date(2024, 3, 12))) if r.kind == Kind.COORDINATOR_SUMMARY
    ]
    counts = {row.name: row.open for row in summary.owner_counts()}
    assert counts == {world.owner.display_name: 1, "Jan Zonder Account": 1}


def test_coordinators_of_another_organisation_get_no_summary(world, round):
    assert world.outsider.email not in {email for email, _kind, _o in due(at(date(2024, 3, 12)))}


def test_a_reminder_sent_before_is_no_longer_due_and_one_given_up_neither(world, round):
    now = at(date(2024, 3, 12))
    ReminderDispatch.objects.create(
        round=round, recipient=world.owner, kind=Kind.OWNER_REMINDER, offset_days=-3, sent_at=now
    )
    ReminderDispatch.objects.create(
        round=round,
        recipient=world.coordinator,
        kind=Kind.COORDINATOR_SUMMARY,
        offset_days=-3,
        attempts=3,
    )
    assert due(now) == set()
    assert due(at(date(2024, 3, 16))) == both(world, 1)


def test_finding_due_reminders_takes_the_same_queries_for_one_or_many_rounds(
    world, round, django_assert_num_queries
):
    now = at(date(2024, 3, 12))
    with django_assert_num_queries(4):
        due_reminders(now=now)
    other = open_round(world.other_plan, deadline=DEADLINE + timedelta(days=0))
    for _ in range(5):
        user = UserFactory()
        MembershipFactory(user=user, organisation=world.other, role=Role.OWNER)
        ask(other, ActionFactory(period=world.other_action.period, owner=user), owner=user)
    with django_assert_num_queries(4):
        assert len(due_reminders(now=now)) == 2 + 5 + 1


def test_a_rounds_owner_is_found_by_id_and_anyone_else_is_not(world, round):
    assert round_owner(round=round, user_id=world.owner.pk) == world.owner
    assert round_owner(round=round, user_id=world.viewer.pk) is None
    assert round_owner(round=round, user_id=0) is None
