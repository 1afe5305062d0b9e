"""The e-mails, rendered in Dutch and English: plain text and HTML, with absolute links
that lead to the right pages."""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from mvimonitor.reminders.emails import reminder_message
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.selectors import DueReminder, due_reminders
from tests.reminders.conftest import at

Kind = ReminderDispatch.Kind
BASE = "https://mvi.example.nl"
URL = re.compile(r"https?://[^\s\"<>]+")
WORDS = {"nl": ("vrijdag 15 maart 2024",), "en": ("Friday 15 March 2024",)}


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.BASE_URL = BASE


def render(world, round, kind: str, language: str, day: date = date(2024, 3, 12)):
    due = {r.kind: r for r in due_reminders(now=at(day))}
    if kind == Kind.NUDGE:
        owner_reminder = due[Kind.OWNER_REMINDER]
        reminder = DueReminder(
            round, owner_reminder.recipient, Kind.NUDGE, None, owner_reminder.items
        )
    else:
        reminder = due[kind]
    reminder.recipient.language = language
    return reminder_message(reminder, today=day, nudged_by=world.coordinator)


def links(message) -> tuple[set[str], set[str]]:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    text_links = set(URL.findall(message.body))
    html_links = {href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)}
    return text_links, html_links


def views_of(urls: set[str]) -> set[str]:
    assert all(url.startswith(BASE + "/") for url in urls), urls
    return {resolve(urlsplit(url).path).view_name for url in urls}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", [Kind.OWNER_REMINDER, Kind.NUDGE])
def test_the_owner_email_lists_the_open_actions_with_links_to_them(world, round, kind, language):
    message = render(world, round, kind, language)

    assert message.to == [world.owner.email]
    assert message.subject and "\n" not in message.subject
    text_links, html_links = links(message)
    assert text_links == html_links
    assert views_of(text_links) == {
        "my_actions:list",
        "plans:action_detail",
        "reminders:preferences",
    }
    resolved = {url: resolve(urlsplit(url).path) for url in text_links}
    [action] = [m for m in resolved.values() if m.view_name == "plans:action_detail"]
    assert action.kwargs == {
        "org_slug": "helmond",
        "plan_slug": "helmond-mvi",
        "pk": world.owned_action.pk,
    }
    [mine] = [url for url, m in resolved.items() if m.view_name == "my_actions:list"]
    assert urlsplit(mine).fragment == f"plan-{world.plan.pk}"
    assert world.owned_action.title in message.body
    assert world.unowned_action.title not in message.body
    for words in WORDS[language]:
        assert words in message.body
        assert words in message.alternatives[0][0]
    assert (world.coordinator.display_name in message.body) == (kind == Kind.NUDGE)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_coordinator_summary_counts_per_owner_and_links_to_the_round(world, round, language):
    message = render(world, round, Kind.COORDINATOR_SUMMARY, language)

    assert message.to == [world.coordinator.email]
    text_links, html_links = links(message)
    assert text_links == html_links
    assert views_of(text_links) == {"rounds:detail", "reminders:preferences"}
    [round_link] = [url for url in text_links if "/rounds/" in url]
    assert resolve(urlsplit(round_link).path).kwargs["day"] == round.monitor.date
    html = message.alternatives[0][0]
    assert "Jan Zonder Account" in message.body and "Jan Zonder Account" in html
    assert '<th scope="row">' in html
    for words in WORDS[language]:
        assert words in message.body


def test_the_english_email_says_in_plain_words_when_the_deadline_is(world, round):
    before = render(world, round, Kind.OWNER_REMINDER, "en", date(2024, 3, 12))
    assert "Please do so by Friday 15 March 2024, in 3 days." in before.body
    after = render(world, round, Kind.OWNER_REMINDER, "en", date(2024, 3, 16))
    assert "The deadline was yesterday, Friday 15 March 2024." in after.body
    assert "Turn them off here:" in after.body


def test_text_is_escaped_in_html_but_not_in_plain_text(world, round):
    world.owned_action.title = 'Inkoop <b>"groen"</b> & eerlijk'
    world.owned_action.save()
    message = render(world, round, Kind.OWNER_REMINDER, "en")
    assert 'Inkoop <b>"groen"</b> & eerlijk' in message.body
    assert "Inkoop &lt;b&gt;&quot;groen&quot;&lt;/b&gt; &amp; eerlijk" in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ("TE LAAT: einddatum 1 maart 2024 verstreken", "1 van deze acties is te laat")),
        ("en", ("LATE: due date March 1, 2024 passed", "1 of these actions is late")),
    ],
)
def test_the_owner_email_says_which_actions_are_late_and_why(world, round, language, words):
    from mvimonitor.plans.models import Action

    # the e-mail of 12 March 2024: A1 (running) was due on 1 March
    Action.objects.filter(pk=world.owned_action.pk).update(due_date=date(2024, 3, 1))
    message = render(world, round, Kind.OWNER_REMINDER, language)
    html = message.alternatives[0][0]
    for text in words:
        assert text in message.body
    assert words[0].split(": ", 1)[1] in html


def test_the_owner_email_says_nothing_late_when_nothing_is(world, round):
    message = render(world, round, Kind.OWNER_REMINDER, "en")
    assert "LATE" not in message.body and "late" not in message.alternatives[0][0]
