from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.services import nudge_open_owners, nudge_owner
from mvimonitor.rounds.models import RoundItem
from tests.factories import ActionFactory
from tests.reminders.conftest import ask

pytestmark = pytest.mark.usefixtures("english")


def test_nudging_an_owner_emails_their_open_actions_and_records_it(world, round):
    assert nudge_owner(round=round, owner=world.owner, by=world.coordinator) == 1

    [message] = mail.outbox
    assert message.to == [world.owner.email]
    assert world.owned_action.title in message.body
    assert world.unowned_action.title not in message.body
    assert world.coordinator.display_name in message.body
    dispatch = ReminderDispatch.objects.get()
    assert dispatch.kind == ReminderDispatch.Kind.NUDGE
    assert dispatch.offset_days is None
    assert dispatch.sent_by == world.coordinator
    assert dispatch.sent_at is not None
    assert dispatch.action_count == 1


def test_a_nudge_to_an_owner_without_open_actions_is_refused(world, round):
    round.items.filter(owner=world.owner).update(
        state=RoundItem.State.CONFIRMED, responded_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="no open actions"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    assert mail.outbox == []
    assert not ReminderDispatch.objects.exists()


def test_a_nudge_to_an_owner_who_opted_out_is_refused(world, round):
    world.owner.receives_reminders = False
    world.owner.save()
    with pytest.raises(ValidationError, match="chosen not to receive"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    assert mail.outbox == []


def test_a_nudge_in_a_closed_round_is_refused(world, round):
    round.closed_at = timezone.now()
    round.save()
    with pytest.raises(ValidationError, match="closed"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    with pytest.raises(ValidationError, match="closed"):
        nudge_open_owners(round=round, by=world.coordinator)
    assert mail.outbox == []


def test_a_second_nudge_within_minutes_is_refused_and_later_allowed(world, round):
    nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    with pytest.raises(ValidationError, match="a few minutes ago"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert nudge_owner(round=round, owner=world.owner, by=world.coordinator) == 1
    assert len(mail.outbox) == 2


def test_nudging_all_open_owners_sends_one_email_each_to_those_who_receive_reminders(world, round):
    ask(round, ActionFactory(period=world.owned_action.period, owner=world.editor), world.editor)
    second = ActionFactory(period=world.owned_action.period, owner=world.owner)
    ask(round, second, world.owner)
    opted_out = ActionFactory(period=world.owned_action.period, owner=world.viewer)
    ask(round, opted_out, world.viewer)
    world.viewer.receives_reminders = False
    world.viewer.save()

    assert nudge_open_owners(round=round, by=world.coordinator) == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.editor.email])
    owner_mail = next(m for m in mail.outbox if m.to == [world.owner.email])
    assert world.owned_action.title in owner_mail.body and second.title in owner_mail.body
    assert ReminderDispatch.objects.filter(kind="nudge").count() == 2


def test_an_owner_who_is_no_longer_a_member_is_not_nudged(world, round):
    world.owner.memberships.all().delete()
    assert nudge_open_owners(round=round, by=world.coordinator) == 0
    with pytest.raises(ValidationError, match="no longer be reached"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)


def test_a_failed_nudge_is_recorded_and_reported(world, round, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, the connection is refused
    with pytest.raises(ValidationError, match="could not be sent"):
        nudge_owner(round=round, owner=world.owner, by=world.coordinator)
    dispatch = ReminderDispatch.objects.get()
    assert dispatch.sent_at is None
    assert dispatch.failed_at is not None
    assert dispatch.error
    with pytest.raises(ValidationError, match="0 e-mails were sent, 1 could not be sent"):
        nudge_open_owners(round=round, by=world.coordinator)
