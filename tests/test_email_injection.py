"""Every e-mail the app sends (invitations, password resets, owner reminders, nudges,
coordinator summaries, a new site administrator's link to choose a password), rendered
with hostile text in every variable a user can fill: its HTML part has exactly the
elements it has with plain text. Nothing a user typed becomes a link, an image or a
title in someone's mailbox."""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from mvimonitor.accounts.services import site_admin_welcome_send
from mvimonitor.organisations.models import Invitation
from mvimonitor.organisations.roles import Role
from mvimonitor.organisations.services import invitation_create, invitation_send
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.utils.dates import today
from tests.hostile import MARKUP
from tests.reminders.conftest import ask, open_round
from tests.reminders.test_emails import render

Kind = ReminderDispatch.Kind
BENIGN = "Gewone tekst"


class _Elements(HTMLParser):
    """The start tags of a document with their attribute names, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def elements(message) -> list[tuple[str, tuple[str, ...]]]:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def fill(world, text: str) -> None:
    """`text` in every name, title and message a user can type that the e-mails show."""
    world.helmond.name = text
    world.helmond.save()
    world.plan.name = text
    world.plan.save()
    for user in (world.owner, world.coordinator, world.editor):
        user.full_name = text
        user.save()
    for action in (world.owned_action, world.unowned_action):
        action.title = text
        action.save()


def reminders(world, kind: str):
    """The round's e-mail of `kind`, the round opened once per test; its message and
    the name of the owner without an account are the plan's name."""
    update_round = UpdateRound.objects.filter(monitor__plan=world.plan).first()
    if update_round is None:
        update_round = open_round(world.plan)
        ask(update_round, world.owned_action, owner=world.owner)
        ask(update_round, world.unowned_action, owner_name="Eigenaar")
    update_round.message = world.plan.name
    update_round.save()
    RoundItem.objects.filter(round=update_round, owner=None).update(owner_name=world.plan.name)
    return render(world, update_round, kind, "nl", day=date(2024, 3, 12))


def invitation(world):
    mail.outbox.clear()
    invited = invitation_create(
        organisation=world.helmond,
        email=f"nieuw{Invitation.objects.count()}@example.nl",
        role=Role.REVIEWER,
        invited_by=world.coordinator,
        plan=world.plan,
        expires_on=today() + timedelta(days=30),
    )
    invitation_send(invitation=invited, base_url="https://mvi.example.nl", language="nl")
    return mail.outbox[-1]


def password_reset(world, client):
    mail.outbox.clear()
    client.post(reverse("accounts:password_reset"), {"email": world.owner.email})
    return mail.outbox[-1]


def site_admin_welcome(world):
    mail.outbox.clear()
    site_admin_welcome_send(
        user=world.coordinator, base_url="https://mvi.example.nl", language="nl"
    )
    return mail.outbox[-1]


SENDERS = {
    "owner reminder": lambda world, client: reminders(world, Kind.OWNER_REMINDER),
    "nudge": lambda world, client: reminders(world, Kind.NUDGE),
    "coordinator summary": lambda world, client: reminders(world, Kind.COORDINATOR_SUMMARY),
    "invitation": lambda world, client: invitation(world),
    "password reset": password_reset,
    "site administrator welcome": lambda world, client: site_admin_welcome(world),
}


CASES = [
    pytest.param(email, hostile, id=f"{email}-{index}")
    for email in SENDERS
    for index, hostile in enumerate(MARKUP)
]


@pytest.mark.parametrize(("email", "hostile"), CASES)
def test_hostile_text_adds_no_element_to_an_email(world, client, email, hostile, settings):
    settings.BASE_URL = "https://mvi.example.nl"
    fill(world, BENIGN)
    expected = elements(SENDERS[email](world, client))
    fill(world, hostile)
    message = SENDERS[email](world, client)

    assert elements(message) == expected
    assert "\n" not in message.subject
