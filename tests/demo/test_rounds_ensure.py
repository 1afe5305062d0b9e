"""The demo's round and comments when "today" is set back: a round opening later is not
opened and comments written later are not added (without the rest of the demo)."""

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from mvimonitor.demo.data.helmond import HELMOND
from mvimonitor.demo.rounds import demo_comments_ensure, demo_round_ensure
from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations.roles import Role
from mvimonitor.review.models import Comment
from mvimonitor.rounds.models import UpdateRound

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_round_and_comments_still_to_come_are_not_written(world, time_machine):
    time_machine.move_to(date(2017, 10, 1), tick=False)
    users = {Role.COORDINATOR: world.coordinator, Role.REVIEWER: world.reviewer}

    assert demo_round_ensure(spec=HELMOND, plan=world.plan, users=users) is None
    assert demo_comments_ensure(spec=HELMOND, plan=world.plan, users=users) == []
    assert not UpdateRound.objects.exists() and not Comment.objects.exists()
    assert not Monitor.objects.filter(date=date(2017, 11, 22)).exists()


def test_a_final_monitor_on_the_rounds_date_gets_no_round(world, time_machine):
    Monitor.objects.create(plan=world.plan, date=date(2017, 11, 22), state=Monitor.State.FINAL)
    users = {Role.COORDINATOR: world.coordinator}

    assert demo_round_ensure(spec=HELMOND, plan=world.plan, users=users) is None
    assert not UpdateRound.objects.exists()


def test_a_demo_round_left_open_is_closed_once_its_closing_day_has_come(world, time_machine):
    """A demo loaded before its closing day (or before the round was closed at all)
    gets the round closed by a later load, as of 16 November 2017, and no second one."""
    spec = replace(HELMOND, update_round=replace(HELMOND.update_round, answers=()))
    users = {Role.COORDINATOR: world.coordinator}
    time_machine.move_to(datetime(2017, 11, 10, 12, 0, tzinfo=AMSTERDAM), tick=False)
    opened = demo_round_ensure(spec=spec, plan=world.plan, users=users)
    assert opened is not None and opened.is_open

    time_machine.move_to(datetime(2017, 12, 1, 12, 0, tzinfo=AMSTERDAM), tick=False)
    assert demo_round_ensure(spec=spec, plan=world.plan, users=users) is None

    closed = UpdateRound.objects.get()
    assert closed.pk == opened.pk and closed.closed_by == world.coordinator
    assert closed.closed_at == datetime(2017, 11, 16, 9, 0, tzinfo=AMSTERDAM)
