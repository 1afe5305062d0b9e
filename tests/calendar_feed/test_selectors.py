"""What the calendar feed holds: the dated moments of the plans a user may read, and
nothing of another organisation's or of plans the user reads no more."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mvimonitor.calendar_feed.selectors import feed_events, user_by_feed_token
from mvimonitor.calendar_feed.services import feed_token_get_or_create, feed_token_renew
from mvimonitor.monitoring.models import AttentionPoint, Monitor
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.services import action_withdraw
from mvimonitor.rounds.models import UpdateRound
from tests.calendar_feed.helpers import both_organisations, dated_records
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    MembershipFactory,
    PeriodFactory,
    UserFactory,
)

TODAY = date(2018, 1, 15)


def uids(events) -> set[str]:
    return {event.uid for event in events}


def test_a_member_gets_every_kind_of_dated_moment_of_the_plan(world):
    mine, _theirs = both_organisations(world)

    events = feed_events(user=world.viewer, today=TODAY)

    assert uids(events) == {
        f"monitor-{mine.monitor.pk}",
        f"next-monitor-{mine.monitor.pk}",
        f"round-deadline-{mine.round.pk}",
        f"communication-{mine.moment.pk}",
        f"attention-point-{mine.point.pk}",
        f"action-due-{mine.action.pk}",
    }
    by_uid = {event.uid: event for event in events}
    assert by_uid[f"round-deadline-{mine.round.pk}"].day == date(2017, 9, 13)
    assert by_uid[f"next-monitor-{mine.monitor.pk}"].day == date(2017, 11, 22)
    assert by_uid[f"action-due-{mine.action.pk}"].path.endswith(f"/actions/{mine.action.pk}/")


def test_a_round_deadline_leads_a_coordinator_to_the_round_and_others_to_their_actions(world):
    mine = dated_records(world.plan)
    uid = f"round-deadline-{mine.round.pk}"

    def path(user):
        return next(e.path for e in feed_events(user=user, today=TODAY) if e.uid == uid)

    assert path(world.coordinator) == reverse(
        "rounds:detail", args=["helmond", "helmond-mvi", "2017-09-20"]
    )
    assert path(world.owner) == path(world.viewer) == reverse("my_actions:list")


def test_the_other_organisations_plan_is_not_in_the_feed(world):
    _mine, theirs = both_organisations(world)

    helmond = uids(feed_events(user=world.coordinator, today=TODAY))
    anders = uids(feed_events(user=world.outsider, today=TODAY))

    assert f"monitor-{theirs.monitor.pk}" in anders
    assert f"monitor-{theirs.monitor.pk}" not in helmond
    assert not helmond & anders


def test_a_member_of_both_organisations_sees_both(world):
    both_organisations(world)
    MembershipFactory(user=world.viewer, organisation=world.other, role=Role.VIEWER)

    assert len(feed_events(user=world.viewer, today=TODAY)) == 12


def test_events_are_sorted_by_date(world):
    both_organisations(world)
    days = [event.day for event in feed_events(user=world.viewer, today=TODAY)]
    assert days == sorted(days)


def test_withdrawn_actions_undated_points_and_actions_without_due_date_are_left_out(world):
    mine = dated_records(world.plan)
    action_withdraw(
        action=mine.action,
        expected_version=mine.action.version,
        by=None,
        withdrawn_on=date(2017, 6, 1),
    )
    AttentionPoint.objects.create(plan=world.plan, text="Zonder datum")

    kinds = {event.uid.rsplit("-", 1)[0] for event in feed_events(user=world.viewer, today=TODAY)}

    assert "action-due" not in kinds
    assert len([k for k in kinds if k == "attention-point"]) == 1


def test_a_next_monitor_that_exists_already_is_shown_once(world):
    mine = dated_records(world.plan)
    Monitor.objects.create(plan=world.plan, date=mine.monitor.next_monitor_on)

    events = feed_events(user=world.viewer, today=TODAY)

    assert f"next-monitor-{mine.monitor.pk}" not in uids(events)
    assert [e.day for e in events].count(date(2017, 11, 22)) == 1


def test_a_reviewer_sees_only_the_due_dates_of_their_own_plan(world):
    mine = dated_records(world.plan)
    second = ActionPlanFactory(organisation=world.helmond, slug="tweede")
    ActionFactory(period__plan=second, code="Z1", due_date=date(2017, 12, 1))
    reviewer = UserFactory()
    MembershipFactory(
        user=reviewer,
        organisation=world.helmond,
        role=Role.REVIEWER,
        plan=world.plan,
        expires_on=date(2018, 3, 1),
    )

    assert uids(feed_events(user=reviewer, today=TODAY)) == {f"action-due-{mine.action.pk}"}
    # The last day of access included, the day after not.
    assert feed_events(user=reviewer, today=date(2018, 3, 1))
    assert feed_events(user=reviewer, today=date(2018, 3, 2)) == []


def test_a_user_without_memberships_gets_an_empty_feed(world):
    dated_records(world.plan)
    assert feed_events(user=UserFactory(), today=TODAY) == []


def test_the_number_of_queries_does_not_grow_with_the_plans_and_records(world):
    dated_records(world.plan)
    with CaptureQueriesContext(connection) as small:
        feed_events(user=world.viewer, today=TODAY)

    for n in range(3):
        plan = ActionPlanFactory(organisation=world.helmond, slug=f"extra-{n}")
        PeriodFactory(plan=plan)
        records = dated_records(plan, code=f"E{n}")
        for i in range(10):
            ActionFactory(
                period=records.action.period, code=f"E{n}.{i}", due_date=date(2018, 2, i + 1)
            )
        UpdateRound.objects.create(
            monitor=Monitor.objects.create(plan=plan, date=date(2018, 1, 1)),
            deadline=date(2017, 12, 20),
        )
    with CaptureQueriesContext(connection) as large:
        events = feed_events(user=world.viewer, today=TODAY)

    assert len(events) > 50
    assert len(large) == len(small) <= 8


def test_a_token_finds_its_user_until_it_is_renewed(world):
    token = feed_token_get_or_create(user=world.viewer).token
    assert user_by_feed_token(token=token) == world.viewer

    feed_token_renew(user=world.viewer)

    assert user_by_feed_token(token=token) is None
    assert user_by_feed_token(token="") is None


def test_a_deactivated_users_token_opens_nothing(world):
    token = feed_token_get_or_create(user=world.viewer).token
    world.viewer.is_active = False
    world.viewer.save()
    assert user_by_feed_token(token=token) is None
