"""The demo's round and comments when "today" is set back: a round opening later is not
opened and comments written later are not added (without the rest of the demo)."""

from datetime import date

from mvimonitor.demo.data.helmond import HELMOND
from mvimonitor.demo.rounds import demo_comments_ensure, demo_round_ensure
from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations.roles import Role
from mvimonitor.review.models import Comment
from mvimonitor.rounds.models import UpdateRound


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
