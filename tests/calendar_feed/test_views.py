"""The feed as a calendar client reads it (RFC 5545, parsed with icalendar) and the page
where a user finds and renews the link."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.calendar_feed.services import feed_token_get_or_create, feed_token_renew
from tests.calendar_feed.helpers import both_organisations


@pytest.fixture(autouse=True)
def _english_pages(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def feed_url(token: str) -> str:
    return reverse("calendar_feed:feed", kwargs={"token": token})


def fetch(client, user) -> Calendar:
    response = client.get(feed_url(feed_token_get_or_create(user=user).token))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


@pytest.fixture
def english_viewer(world):
    world.viewer.language = "en"
    world.viewer.save()
    return world.viewer


def test_the_feed_is_a_calendar_without_logging_in(client, world):
    both_organisations(world)
    response = client.get(feed_url(feed_token_get_or_create(user=world.viewer).token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"]
    assert calendar["X-PUBLISHED-TTL"] and calendar["REFRESH-INTERVAL"]


def test_every_event_has_the_required_properties_and_is_all_day(client, world):
    both_organisations(world)
    events = fetch(client, world.viewer).walk("VEVENT")

    assert len(events) == 6
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "URL"):
            assert event.get(name), name
        start = event.decoded("DTSTART")
        assert isinstance(start, date) and not isinstance(start, datetime)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert isinstance(event.decoded("DTSTAMP"), datetime)
        # Absolute, to a page of the plan (a round's deadline: the owner's "Mijn acties").
        assert event["URL"].startswith(
            ("http://testserver/o/helmond/plans/helmond-mvi/", "http://testserver/my-actions/")
        )
        assert str(event["UID"]).endswith("@testserver")


def test_uids_are_the_same_in_every_request(client, world):
    both_organisations(world)
    first = [str(e["UID"]) for e in fetch(client, world.viewer).walk("VEVENT")]
    second = [str(e["UID"]) for e in fetch(client, world.viewer).walk("VEVENT")]

    assert first == second
    assert len(set(first)) == len(first)


def test_summaries_speak_the_users_language(client, world, english_viewer):
    both_organisations(world)
    summaries = {str(e["SUMMARY"]) for e in fetch(client, english_viewer).walk("VEVENT")}

    assert "Monitor MVI-actieplan 2017-2020" in summaries
    assert "Action 2.07 due: Inkoopbeleid herzien" in summaries
    assert "Update round deadline MVI-actieplan 2017-2020" in summaries


def test_the_feed_holds_only_the_users_organisations_plans(client, world):
    mine, theirs = both_organisations(world)
    body = client.get(feed_url(feed_token_get_or_create(user=world.viewer).token)).content

    assert b"/o/anders/" not in body
    uids = {str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert f"monitor-{mine.monitor.pk}@testserver" in uids
    assert f"monitor-{theirs.monitor.pk}@testserver" not in uids


def test_a_wrong_token_is_not_found(client, world):
    feed_token_get_or_create(user=world.viewer)
    assert client.get(feed_url("not-a-token")).status_code == 404


def test_a_renewed_token_is_not_found_and_the_new_one_works(client, world):
    old = feed_token_get_or_create(user=world.viewer).token
    new = feed_token_renew(user=world.viewer).token

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_the_feed_refuses_to_be_posted_to(client, world):
    token = feed_token_get_or_create(user=world.viewer).token
    assert client.post(feed_url(token)).status_code == 405


def test_the_page_shows_the_absolute_link_and_the_instructions(client, world, login):
    page = login(world.viewer).get(reverse("calendar_feed:settings")).content.decode()

    token = FeedToken.objects.get(user=world.viewer).token
    assert f"http://testserver/calendar/{token}.ics" in page
    assert f"webcal://testserver/calendar/{token}.ics" in page
    assert "Outlook" in page and "Google" in page and "Apple" in page
    assert "calendar-feed.js" in page and "data-copy-from" in page
    assert "<script>" not in page
    assert "stops working" in page


def test_the_page_follows_the_requests_scheme(client, world, login):
    login(world.viewer)
    page = client.get(reverse("calendar_feed:settings"), secure=True).content.decode()
    assert "https://testserver/calendar/" in page


def test_making_a_new_link_replaces_the_old_one(client, world, login):
    login(world.viewer)
    client.get(reverse("calendar_feed:settings"))
    old = FeedToken.objects.get(user=world.viewer).token

    response = client.post(reverse("calendar_feed:settings"), follow=True)

    new = FeedToken.objects.get(user=world.viewer).token
    assert new != old
    page = response.content.decode()
    assert new in page and old not in page
    assert "The old link no longer works" in page


def test_the_page_needs_logging_in(client, world):
    response = client.get(reverse("calendar_feed:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_user_menu_links_to_the_page(client, world, login):
    page = (
        login(world.viewer).get(reverse("organisations:detail", args=["helmond"])).content.decode()
    )
    assert reverse("calendar_feed:settings") in page
