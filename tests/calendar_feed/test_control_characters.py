"""Control characters in stored text (typed before the forms refused them, or imported
from an old file) leave the feed valid: RFC 5545 allows no control character but tab in
a text value, and a reader that ends a line at a vertical tab, form feed or NEL would
cut a SUMMARY short. They are dropped; the rest of the text is as it was."""

import re

from django.urls import reverse
from icalendar import Calendar

from mvimonitor.calendar_feed.services import feed_token_get_or_create
from tests.calendar_feed.helpers import dated_records
from tests.hostile import storable_control, without_control

CONTROL = storable_control()
EVERY_CONTROL = " ".join(CONTROL)
# RFC 5545's CONTROL (%x00-08 / %x0A-1F / %x7F) less the CR LF that end each line, and
# the C1 range (NEL ends a line for Unicode-aware readers).
FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\ufffe\uffff]")


def fill(world, dated, *, control: bool) -> None:
    """The control entries in every text the feed shows: one entry each where a summary
    shortens the text (so that it fits whole), all of them in names shown whole."""
    text = (lambda t: t) if control else without_control
    dated.point.text, dated.moment.text, dated.action.title = (text(t) for t in CONTROL[:3])
    dated.moment.channel = text(CONTROL[3])
    for record in (dated.point, dated.moment, dated.action):
        record.save()
    world.plan.name = world.helmond.name = world.viewer.full_name = text(EVERY_CONTROL)
    for record in (world.plan, world.helmond, world.viewer):
        record.save()


def feed(client, world) -> bytes:
    token = feed_token_get_or_create(user=world.viewer).token
    response = client.get(reverse("calendar_feed:feed", kwargs={"token": token}))
    assert response.status_code == 200
    return response.content


def texts(body: bytes) -> list[tuple[str, str]]:
    calendar = Calendar.from_ical(body)
    events = [(str(e["SUMMARY"]), str(e["DESCRIPTION"])) for e in calendar.walk("VEVENT")]
    return [(str(calendar["X-WR-CALDESC"]), ""), *sorted(events)]


def test_control_characters_leave_a_valid_feed_with_the_rest_of_the_text(client, world):
    dated = dated_records(world.plan)
    fill(world, dated, control=False)
    clean = feed(client, world)
    fill(world, dated, control=True)

    body = feed(client, world)

    lines = body.decode().split("\r\n")
    assert [line for line in lines if FORBIDDEN.search(line)] == []
    assert body.decode().splitlines() == lines[:-1]  # no reader finds another line break
    assert texts(body) == texts(clean)
    assert "C0  einde" in body.decode()
