"""Sending reminders, summaries and nudges, and the user's choice to receive them.

Exactly-once for scheduled reminders (docs/adr/0014-reminders.md):

1. **claim**: INSERT the ReminderDispatch row in its own transaction; the unique
   constraint on (round, recipient, kind, offset_days) lets only one row exist, whoever
   runs. An IntegrityError means the row exists already (another run, or an earlier
   attempt of this one).
2. **deliver**: in one transaction, lock the row if it is unsent (SELECT ... FOR UPDATE
   SKIP LOCKED on PostgreSQL; on SQLite the transaction is IMMEDIATE, so a second run
   waits and then sees `sent_at`), send the e-mail, set `sent_at`, commit. A run that
   finds the row locked or sent skips it.
3. **failure**: the row keeps `failed_at`, `error` and `attempts`; a later run retries it
   while the moment is still due and fewer than MAX_ATTEMPTS attempts were made.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.accounts import services as account_services
from mvimonitor.reminders import selectors
from mvimonitor.reminders.emails import reminder_message
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.selectors import MAX_ATTEMPTS, DueReminder

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.rounds.models import UpdateRound

logger = logging.getLogger(__name__)

Kind = ReminderDispatch.Kind
#: Seconds to wait for the mail server: a scheduled send holds a row lock meanwhile.
SEND_TIMEOUT = 20
#: A second nudge to the same owner for the same round within this time is refused
#: (a double click, or two coordinators at once).
NUDGE_PAUSE = timedelta(minutes=10)


class Outcome(Enum):
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass
class SendReport:
    """What one run of send_due_reminders did."""

    owner_reminders: int = 0
    summaries: int = 0
    failed: int = 0
    skipped: int = 0  # claimed or sent by another run at the same time

    @property
    def sent(self) -> int:
        return self.owner_reminders + self.summaries


def _connection() -> BaseEmailBackend:
    return get_connection(timeout=SEND_TIMEOUT)


def _send(
    dispatch: ReminderDispatch, message: EmailMultiAlternatives, connection: BaseEmailBackend
) -> Outcome:
    """Send and record the outcome on the (locked or new) row."""
    dispatch.attempts += 1
    try:
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning(
            "Reminder %s to %s not sent: %s", dispatch.kind, dispatch.recipient_id, error
        )
        dispatch.failed_at = timezone.now()
        dispatch.error = str(error)[:1000]
        dispatch.save(update_fields=["attempts", "failed_at", "error"])
        with contextlib.suppress(Exception):
            connection.close()  # the next message opens a fresh connection
        return Outcome.FAILED
    dispatch.sent_at = timezone.now()
    dispatch.error = ""
    dispatch.save(update_fields=["attempts", "sent_at", "error"])
    return Outcome.SENT


def _claim(reminder: DueReminder) -> None:
    try:
        with transaction.atomic():
            ReminderDispatch.objects.create(
                round=reminder.round,
                recipient=reminder.recipient,
                kind=reminder.kind,
                offset_days=reminder.offset_days,
                action_count=len(reminder.open_items),
            )
    except IntegrityError:
        pass  # claimed before: by another run, or by an earlier attempt that failed


def _deliver(
    reminder: DueReminder, message: EmailMultiAlternatives, connection: BaseEmailBackend
) -> Outcome:
    with transaction.atomic():
        dispatch = (
            ReminderDispatch.objects.select_for_update(skip_locked=True)
            .filter(
                round=reminder.round,
                recipient=reminder.recipient,
                kind=reminder.kind,
                offset_days=reminder.offset_days,
                sent_at__isnull=True,
                attempts__lt=MAX_ATTEMPTS,
            )
            .first()
        )
        if dispatch is None:
            return Outcome.SKIPPED
        return _send(dispatch, message, connection)


def send_due_reminders(*, now: datetime | None = None) -> SendReport:
    """Send every reminder and summary due at `now` that has not gone out yet.
    Safe to run often and concurrently: each e-mail goes out once."""
    now = now or timezone.now()
    report = SendReport()
    due = selectors.due_reminders(now=now)
    if not due:
        return report
    today = timezone.localdate(now)
    connection = _connection()
    try:
        for reminder in due:
            message = reminder_message(reminder, today=today)
            _claim(reminder)
            outcome = _deliver(reminder, message, connection)
            if outcome is Outcome.SENT and reminder.kind == Kind.OWNER_REMINDER:
                report.owner_reminders += 1
            elif outcome is Outcome.SENT:
                report.summaries += 1
            elif outcome is Outcome.FAILED:
                report.failed += 1
            else:
                report.skipped += 1
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return report


def _check_round_open(round: UpdateRound) -> None:
    if not round.is_open:
        raise ValidationError(_("This round is closed: reminders are no longer sent."))


def _nudge_refusal(round: UpdateRound, owner: User, member_ids: set[int], has_items: bool) -> str:
    name = owner.display_name
    if not has_items:
        return _("%(name)s has no open actions in this round.") % {"name": name}
    if not owner.receives_reminders:
        return _("%(name)s has chosen not to receive reminders by e-mail.") % {"name": name}
    if not selectors.receives_reminders(owner, member_ids=member_ids):
        return _(
            "%(name)s can no longer be reached: the account is not active in this organisation."
        ) % {"name": name}
    last = selectors.last_nudge(round=round, owner=owner)
    if last is not None and last.sent_at and last.sent_at > timezone.now() - NUDGE_PAUSE:
        return _("%(name)s was reminded a few minutes ago already.") % {"name": name}
    return ""


def _nudge(
    round: UpdateRound, owner: User, items: list, by: User | None, connection: BaseEmailBackend
) -> Outcome:
    reminder = DueReminder(round, owner, Kind.NUDGE, None, items)
    message = reminder_message(reminder, today=timezone.localdate(), nudged_by=by)
    with transaction.atomic():
        dispatch = ReminderDispatch.objects.create(
            round=round, recipient=owner, kind=Kind.NUDGE, action_count=len(items), sent_by=by
        )
        return _send(dispatch, message, connection)


def nudge_owner(*, round: UpdateRound, owner: User, by: User | None) -> int:
    """E-mail `owner` their open actions in `round` now, at a coordinator's request.
    Returns 1 when sent; refuses (ValidationError) when there is nothing to send, the
    owner opted out or was nudged minutes ago, or the e-mail could not be sent."""
    _check_round_open(round)
    items = selectors.open_items_per_owner(round=round).get(owner, [])
    refusal = _nudge_refusal(round, owner, selectors.member_ids(round=round), bool(items))
    if refusal:
        raise ValidationError(refusal)
    if _nudge(round, owner, items, by, _connection()) is Outcome.FAILED:
        raise ValidationError(
            _("The e-mail could not be sent. Try again later or ask the platform operator.")
        )
    return 1


def nudge_open_owners(*, round: UpdateRound, by: User | None) -> int:
    """E-mail every owner with open actions in `round` who receives reminders (and was
    not nudged in the last minutes). Returns the number of e-mails sent; raises a
    ValidationError naming the count when some could not be sent."""
    _check_round_open(round)
    member_ids = selectors.member_ids(round=round)
    sent = failed = 0
    connection = _connection()
    try:
        for owner, items in selectors.open_items_per_owner(round=round).items():
            if _nudge_refusal(round, owner, member_ids, bool(items)):
                continue
            if _nudge(round, owner, items, by, connection) is Outcome.SENT:
                sent += 1
            else:
                failed += 1
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    if failed:
        raise ValidationError(
            _(
                "%(sent)d e-mails were sent, %(failed)d could not be sent. Try again later "
                "or ask the platform operator."
            )
            % {"sent": sent, "failed": failed}
        )
    return sent


def reminder_preference_set(
    *, user: User, receives: bool, language: str | None = None, expected_version: int | None = None
) -> User:
    """Whether `user` gets reminders, summaries and nudges by e-mail; optionally also the
    language of their e-mails; if the user is still at `expected_version` (the
    optimistic lock, accounts.services.StalePreferencesError)."""
    return account_services.user_email_preferences_set(
        user=user,
        receives_reminders=receives,
        language=language,
        expected_version=expected_version,
    )
