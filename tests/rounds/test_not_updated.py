"""The rule of "not updated" (Niet bijgewerkt; "stale" in the code) at its edges: an
action counts on D only when it should have moved by then (running or postponed on D, or
not started on D with a start date on or before D) and nobody updated or confirmed it in
the STALE_AFTER_DAYS days before D. One rule serves the action list (stale_action_ids)
and the report (stale_actions_on, with the ids the report has read)."""

from datetime import date, datetime, timedelta

import pytest

from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action
from mvimonitor.plans.selectors import should_have_moved, should_have_moved_q
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import selectors, services
from tests.factories import ActionFactory, PeriodFactory
from tests.rounds.conftest import AMSTERDAM, DEADLINE, item_of

pytestmark = pytest.mark.django_db

D = date(2017, 9, 20)
ADDED = date(2017, 4, 1)
#: With STALE_AFTER_DAYS 90, a touch from this moment on (midnight in Amsterdam) is
#: inside the window of D, a touch before it outside.
WINDOW_OPENS = datetime(2017, 6, 22, 0, 0, tzinfo=AMSTERDAM)
JUST_BEFORE = WINDOW_OPENS - timedelta(minutes=1)


@pytest.fixture
def period(world, clock, settings):
    """A period of the world's plan, entered on 1 April 2017; STALE_AFTER_DAYS is 90."""
    settings.STALE_AFTER_DAYS = 90
    clock.move_to(datetime(2017, 4, 1, 12, tzinfo=AMSTERDAM))
    return PeriodFactory(plan=world.plan, name="Randgevallen", position=5)


def entered(world, period, code: str, **fields) -> Action:
    """An action entered on 1 April 2017 and untouched since, owned by the world's owner."""
    return ActionFactory(period=period, code=code, owner=world.owner, **fields)


def not_updated_on(world, on: date = D) -> set[str]:
    """The codes of this module's actions (period "Randgevallen") the action list marks
    on `on`; the report of `on` lists the same actions, the world's own too."""
    listed = selectors.stale_action_ids(plan=world.plan, on=on)
    reported = report_for_date(plan=world.plan, on=on).section("not_updated").actions
    assert {a.action_id for a in reported} == listed
    ours = Action.objects.filter(pk__in=listed, period__name="Randgevallen")
    return set(ours.values_list("code", flat=True))


# -- should it have moved? ---------------------------------------------------------------


def test_a_not_started_action_counts_from_its_start_date_on(world, period):
    entered(world, period, "ON", start_date=D)
    entered(world, period, "AFTER", start_date=D + timedelta(days=1))
    entered(world, period, "BEFORE", start_date=D - timedelta(days=1))

    assert not_updated_on(world) == {"ON", "BEFORE"}
    assert not_updated_on(world, D + timedelta(days=1)) == {"ON", "BEFORE", "AFTER"}


def test_a_not_started_action_without_a_start_date_never_counts(world, period):
    entered(world, period, "NONE")
    assert not_updated_on(world) == set()
    assert not_updated_on(world, date(2019, 1, 1)) == set()


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        (Status.RUNNING, True),
        (Status.POSTPONED, True),
        (Status.COMPLETED, False),
        (Status.CANCELLED, False),
    ],
)
def test_running_and_postponed_actions_count_completed_and_cancelled_ones_do_not(
    world, period, status, counts
):
    entered(world, period, "S", status=status)  # without a start date: the status decides
    assert not_updated_on(world) == ({"S"} if counts else set())


def test_the_status_on_the_date_decides_not_todays(world, period, clock):
    action = entered(world, period, "LATER", start_date=date(2017, 5, 1))
    clock.move_to(datetime(2017, 10, 2, 12, tzinfo=AMSTERDAM))
    plan_services.action_change_status(
        action=action, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 10, 2)
    )
    assert "LATER" in {a.code for a in selectors.stale_actions_on(plan=world.plan, on=D)}


# -- was it updated or confirmed in time? --------------------------------------------------


@pytest.mark.parametrize(("moment", "counts"), [(WINDOW_OPENS, False), (JUST_BEFORE, True)])
def test_an_edit_just_inside_the_window_keeps_it_off_and_just_outside_does_not(
    world, period, clock, moment, counts
):
    action = entered(world, period, "E", status=Status.RUNNING)
    clock.move_to(moment)
    plan_services.action_update(
        action=action, expected_version=action.version, by=None, result="Loopt"
    )
    assert not_updated_on(world) == ({"E"} if counts else set())


@pytest.mark.parametrize(("moment", "counts"), [(WINDOW_OPENS, False), (JUST_BEFORE, True)])
def test_a_confirmation_just_inside_the_window_keeps_it_off_and_just_outside_does_not(
    world, period, clock, monitor, moment, counts
):
    action = entered(world, period, "C", status=Status.POSTPONED)
    clock.move_to(moment - timedelta(hours=1))
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    clock.move_to(moment)
    services.round_confirm(item=item_of(update_round, action), by=world.owner)
    assert not_updated_on(world) == ({"C"} if counts else set())


def test_an_update_in_a_round_counts_as_a_touch(world, period, clock, monitor):
    action = entered(world, period, "U", start_date=date(2017, 5, 1))
    clock.move_to(WINDOW_OPENS)
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    services.round_update(
        item=item_of(update_round, action), by=world.owner, version=action.version, note="Bezig"
    )
    assert not_updated_on(world) == set()


# -- the rule in memory and in SQL --------------------------------------------------------


def test_the_rule_in_sql_agrees_with_the_rule_in_memory_for_every_status_and_start(world, period):
    starts = [None, D - timedelta(days=1), D, D + timedelta(days=1)]
    actions = [
        entered(world, period, f"{status.value}-{n}", status=status, start_date=start)
        for status in Status
        for n, start in enumerate(starts)
    ]
    moving = set(
        Action.objects.filter(should_have_moved_q(D, status="status"), period=period).values_list(
            "pk", flat=True
        )
    )
    expected = {
        a.pk for a in actions if should_have_moved(status=a.status, start_date=a.start_date, on=D)
    }
    assert moving == expected
    assert len(expected) == 2 * len(starts) + 2  # running, postponed; not started on or before D
