"""Sending what is due: once per moment and recipient, retried after a failure."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from mvimonitor.audit.models import AuditEntry
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.selectors import MAX_ATTEMPTS
from mvimonitor.reminders.services import reminder_preference_set, send_due_reminders
from tests.reminders.conftest import at

Kind = ReminderDispatch.Kind


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def smtp_down(settings):
    """An SMTP server that refuses connections (nothing listens on port 9)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9


def test_sending_what_is_due_emails_the_owner_and_the_coordinator(world, round):
    report = send_due_reminders(now=at(date(2024, 3, 12)))

    assert (report.owner_reminders, report.summaries, report.failed) == (1, 1, 0)
    assert recipients() == sorted([world.owner.email, world.coordinator.email])
    rows = ReminderDispatch.objects.order_by("kind")
    assert [(r.kind, r.offset_days, r.attempts, r.sent_at is not None) for r in rows] == [
        (Kind.COORDINATOR_SUMMARY, -3, 1, True),
        (Kind.OWNER_REMINDER, -3, 1, True),
    ]


def test_running_twice_sends_each_email_once(world, round):
    send_due_reminders(now=at(date(2024, 3, 12), 7, 0))
    report = send_due_reminders(now=at(date(2024, 3, 12), 7, 5))

    assert report.sent == 0
    assert len(mail.outbox) == 2
    assert ReminderDispatch.objects.count() == 2


def test_each_moment_goes_out_once_and_a_late_run_sends_it_once(world, round):
    for day in (1, 2, 3, 12, 13, 14, 15, 16, 17, 18, 19):
        send_due_reminders(now=at(date(2024, 3, day)))
    moments = sorted(ReminderDispatch.objects.values_list("kind", "offset_days"))
    assert moments == [
        (Kind.COORDINATOR_SUMMARY, -14),
        (Kind.COORDINATOR_SUMMARY, -3),
        (Kind.COORDINATOR_SUMMARY, 1),
        (Kind.OWNER_REMINDER, -14),
        (Kind.OWNER_REMINDER, -3),
        (Kind.OWNER_REMINDER, 1),
    ]
    assert len(mail.outbox) == 6


def test_a_failed_email_is_recorded_and_retried_by_the_next_run(world, round, smtp_down, settings):
    report = send_due_reminders(now=at(date(2024, 3, 12)))
    assert (report.sent, report.failed) == (0, 2)
    failed = ReminderDispatch.objects.get(kind=Kind.OWNER_REMINDER)
    assert failed.sent_at is None and failed.failed_at is not None and failed.attempts == 1
    assert failed.error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = send_due_reminders(now=at(date(2024, 3, 12), 9, 5))
    assert (report.sent, report.failed) == (2, 0)
    assert recipients() == sorted([world.owner.email, world.coordinator.email])
    sent = ReminderDispatch.objects.get(kind=Kind.OWNER_REMINDER)
    assert sent.sent_at is not None and sent.attempts == 2 and sent.error == ""


def test_after_three_failures_a_reminder_is_given_up(world, round, smtp_down, settings):
    for minute in range(MAX_ATTEMPTS + 1):
        send_due_reminders(now=at(date(2024, 3, 12), 9, minute))
    assert set(ReminderDispatch.objects.values_list("attempts", flat=True)) == {MAX_ATTEMPTS}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(now=at(date(2024, 3, 12), 10)).sent == 0
    assert mail.outbox == []


def test_the_command_sends_what_is_due_and_prints_a_summary(world, round):
    out = StringIO()
    with time_machine.travel(at(date(2024, 3, 12)), tick=False):
        call_command("send-reminders", stdout=out)
        call_command("send-reminders", stdout=out)
    assert len(mail.outbox) == 2
    first, second = out.getvalue().splitlines()
    assert [int(word) for word in first.split() if word.isdigit()] == [1, 1]
    assert not any(word.isdigit() for word in second.split())  # "nothing due"


def test_the_command_records_itself_as_the_actor_in_the_audit_trail(world, round):
    with time_machine.travel(at(date(2024, 3, 12)), tick=False):
        call_command("send-reminders", stdout=StringIO())
    labels = set(
        AuditEntry.objects.filter(model__icontains="reminderdispatch").values_list(
            "actor_label", flat=True
        )
    )
    assert labels == {"command send-reminders"}


def test_a_user_can_stop_and_restart_reminders_and_choose_the_language(world):
    reminder_preference_set(user=world.owner, receives=False, language="en")
    world.owner.refresh_from_db()
    assert (world.owner.receives_reminders, world.owner.language) == (False, "en")
    reminder_preference_set(user=world.owner, receives=True)
    world.owner.refresh_from_db()
    assert (world.owner.receives_reminders, world.owner.language) == (True, "en")


def test_an_unknown_language_is_refused(world):
    with pytest.raises(ValidationError):
        reminder_preference_set(user=world.owner, receives=True, language="de")
