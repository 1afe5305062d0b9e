"""Rendering the feed as iCalendar (RFC 5545) with the icalendar library: one VCALENDAR
of all-day VEVENTs. Computing the events is the selectors' work; this never queries.

Every text is written without control characters (`utils.text.strip_control`): RFC 5545
allows none but tab in a text value, and stored text may hold them (ADR 0019)."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from mvimonitor.calendar_feed.selectors import FeedEvent
from mvimonitor.utils.text import strip_control

PRODID = "-//MVI Monitor//Agenda-abonnement//NL"
#: How often a client should fetch the feed again (X-PUBLISHED-TTL, REFRESH-INTERVAL).
REFRESH = timedelta(hours=1)


def feed_calendar(
    *,
    events: Iterable[FeedEvent],
    name: str,
    description: str,
    host: str,
    base_url: str,
    stamp: datetime,
    categories: Sequence[str] = ("MVI Monitor",),
) -> bytes:
    """The calendar as bytes (CRLF lines, folded at 75 octets). `host` completes every
    UID ("monitor-12@mvi.example.nl") so that it stays the same between requests;
    `base_url` ("https://mvi.example.nl") makes the events' links absolute; `stamp` (an
    aware datetime) is every event's DTSTAMP, the moment the feed was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", strip_control(name))
    calendar.add("x-wr-caldesc", strip_control(description))
    calendar.add("x-published-ttl", REFRESH)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", strip_control(item.summary))
        event.add("description", strip_control(item.description))
        event.add("url", base_url + item.path)
        event.add("categories", [strip_control(c) for c in (*categories, item.category)])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()
