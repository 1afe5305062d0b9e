"""A login lasts as long as the browser and ends after a working day without use
(MVI_SESSION_IDLE_HOURS, 8 by default): a laptop left at home on Friday is logged out
by Monday, while someone at work all day is not sent to the login page (issue 12, item 9)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

MORNING = datetime(2026, 3, 2, 8, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def log_in(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": world.viewer.email, "password": world.password}
    )
    assert response.status_code == 302
    return response


def is_logged_in(client) -> bool:
    """Whether the home page is shown (or leads on to the user's organisation) rather
    than sending the browser to the login page."""
    response = client.get(reverse("organisations:home"))
    return response.status_code == 200 or (
        response.status_code == 302 and not response.url.startswith(reverse("accounts:login"))
    )


def test_the_session_cookie_ends_with_the_browser(client, world):
    with time_machine.travel(MORNING, tick=False):
        cookie = log_in(client, world).cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]


def test_the_idle_time_is_eight_hours_by_default():
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE) == timedelta(hours=8)


def test_a_session_unused_for_longer_than_the_idle_time_is_logged_out(client, world):
    with time_machine.travel(MORNING, tick=False) as clock:
        log_in(client, world)
        clock.shift(timedelta(hours=8, minutes=1))
        assert not is_logged_in(client)


def test_a_session_in_use_stays_logged_in_all_day(client, world):
    with time_machine.travel(MORNING, tick=False) as clock:
        log_in(client, world)
        for _ in range(5):  # a page every three hours: fifteen hours in all
            clock.shift(timedelta(hours=3))
            assert is_logged_in(client)


def session_end(client) -> datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_session_in_use_is_written_at_most_every_five_minutes(client, world):
    with time_machine.travel(MORNING, tick=False) as clock:
        log_in(client, world)
        end = session_end(client)
        clock.shift(timedelta(minutes=4))
        assert is_logged_in(client)
        assert session_end(client) == end  # no write for a page four minutes later
        clock.shift(timedelta(minutes=2))
        assert is_logged_in(client)
        assert session_end(client) == end + timedelta(minutes=6)


def test_the_idle_time_is_set_in_hours_and_at_least_one():
    from tests.conf.test_settings import start

    assert start({"MVI_SESSION_IDLE_HOURS": "24"}).returncode == 0
    refused = start({"MVI_SESSION_IDLE_HOURS": "0"})
    assert "MVI_SESSION_IDLE_HOURS must be 1 or more." in refused.stderr
