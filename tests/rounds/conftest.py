"""The rounds tests live on 1 September 2017 (Europe/Amsterdam): the world's plan with
a draft monitor of 20 September 2017, and a round for it with its deadline on the 15th."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from mvimonitor.monitoring.models import Monitor
from mvimonitor.rounds import services
from mvimonitor.rounds.models import RoundItem, UpdateRound

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2017, 9, 1, 12, 0, tzinfo=AMSTERDAM)
MONITOR_DAY = date(2017, 9, 20)
DEADLINE = date(2017, 9, 15)
BASE_URL = "https://mvi.example.nl"


@pytest.fixture(autouse=True)
def clock(frozen_today, time_machine):
    """Today is 1 September 2017 (NOW); tests move the clock with `clock.move_to`."""
    frozen_today(NOW.date())
    return time_machine


@pytest.fixture
def monitor(world) -> Monitor:
    return Monitor.objects.create(plan=world.plan, date=MONITOR_DAY)


@pytest.fixture
def update_round(world, monitor) -> UpdateRound:
    return services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)


def item_of(update_round: UpdateRound, action) -> RoundItem:
    return RoundItem.objects.get(round=update_round, action=action)
