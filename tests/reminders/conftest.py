"""An open update round on world.plan: A1 (world.owner) and A2 (no owner) asked about,
deadline Friday 15 March 2024, reminders 14 and 3 days before and the day after."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from mvimonitor.monitoring.models import Monitor
from mvimonitor.rounds.models import RoundItem, UpdateRound

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEADLINE = date(2024, 3, 15)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in Amsterdam time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def open_round(plan, *, deadline=DEADLINE, offsets=(-14, -3, 1), opened=date(2024, 2, 1)):
    monitor = Monitor.objects.create(plan=plan, date=deadline)
    return UpdateRound.objects.create(
        monitor=monitor,
        deadline=deadline,
        reminder_offsets=list(offsets),
        opened_at=at(opened),
    )


def ask(round, action, owner=None, owner_name: str = "") -> RoundItem:
    return RoundItem.objects.create(round=round, action=action, owner=owner, owner_name=owner_name)


@pytest.fixture
def round(world):
    update_round = open_round(world.plan)
    ask(update_round, world.owned_action, owner=world.owner)
    ask(update_round, world.unowned_action, owner_name="Jan Zonder Account")
    return update_round
