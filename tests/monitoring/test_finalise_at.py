"""Finalising as of a given moment (only for loading history, the demo's 2017 monitors,
ADR 0034): the edition and its audit entry carry that moment; a moment before the
monitor's date or in the future is a loader's mistake, refused before anything is saved."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mvimonitor.monitoring import services
from tests.monitoring.factories import MonitorFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = date(2017, 9, 20)


def test_a_monitor_finalised_at_a_moment_keeps_it(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    at = datetime(2017, 9, 20, 16, 0, tzinfo=AMSTERDAM)

    edition = services.monitor_finalise(monitor=monitor, by=world.coordinator, at=at)

    assert edition.frozen_at == at
    monitor.refresh_from_db()
    assert monitor.is_final


def test_without_a_moment_it_is_finalised_now(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    assert services.monitor_finalise(monitor=monitor, by=None).frozen_at == timezone.now()


@pytest.mark.parametrize(
    "at",
    [
        datetime(2017, 9, 19, 23, 0, tzinfo=AMSTERDAM),  # the day before its date
        datetime(2017, 12, 2, 9, 0, tzinfo=AMSTERDAM),  # tomorrow (today is 1 December)
    ],
)
def test_a_moment_before_its_date_or_in_the_future_is_refused(world, at):
    monitor = MonitorFactory(plan=world.plan, date=D)
    with pytest.raises(ValueError):
        services.monitor_finalise(monitor=monitor, by=None, at=at)
    monitor.refresh_from_db()
    assert not monitor.is_final and not monitor.editions.exists()
