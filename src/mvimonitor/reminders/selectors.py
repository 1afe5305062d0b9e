"""What should be e-mailed now: the reminders due at a moment of an open update round.

A round's moments are its deadline plus each of its `reminder_offsets` (days). A moment
is due from SEND_FROM_HOUR on its own day (Europe/Amsterdam) until LATE_DAYS days after
it, so moments missed while the scheduler was down go out once, late; older ones are
skipped. When several moments of a round are due at once, only the latest counts: an
owner gets one e-mail, not a burst. Moments before the day the round opened are skipped.
See docs/adr/0014-reminders.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from mvimonitor.organisations import selectors as organisation_selectors
from mvimonitor.organisations.roles import Role
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.rounds import selectors as round_selectors
from mvimonitor.rounds.selectors import CONFIRMED, OPEN, UPDATED

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Membership
    from mvimonitor.rounds.models import RoundItem, UpdateRound

#: On a moment's own day, reminders go out from this hour (local time), not at midnight.
SEND_FROM_HOUR = 7
#: A moment missed while the scheduler was down is still sent up to this many days late.
LATE_DAYS = 2
#: A scheduled reminder whose sending failed this many times is given up.
MAX_ATTEMPTS = 3

Kind = ReminderDispatch.Kind


@dataclass(frozen=True)
class OwnerCount:
    """One line of a coordinator's summary: an owner and their items by state."""

    name: str
    open: int
    confirmed: int
    updated: int


@dataclass
class DueReminder:
    """One e-mail to send: to `recipient`, for `round` at moment `offset_days`.

    `items` are the recipient's open items (owner reminders and nudges) or all the
    round's items (coordinator summaries)."""

    round: UpdateRound
    recipient: User
    kind: str
    offset_days: int | None
    items: list[RoundItem] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int, str, int | None]:
        return (self.round.pk, self.recipient.pk, self.kind, self.offset_days)

    @property
    def open_items(self) -> list[RoundItem]:
        return [item for item in self.items if item.state == OPEN]

    def owner_counts(self) -> list[OwnerCount]:
        """Per owner (most open first), for the summary."""
        counts: dict[str, Counter[str]] = {}
        for item in self.items:
            counts.setdefault(_owner_label(item), Counter())[item.state] += 1
        rows = [
            OwnerCount(
                name=name,
                open=c[OPEN],
                confirmed=c[CONFIRMED],
                updated=c[UPDATED],
            )
            for name, c in counts.items()
        ]
        return sorted(rows, key=lambda row: (-row.open, row.name.lower()))


def _owner_label(item: RoundItem) -> str:
    if item.owner is not None:
        return item.owner.display_name
    return item.owner_name or "-"


def moment_day(round: UpdateRound, offset_days: int) -> date:
    return round.deadline + timedelta(days=offset_days)


def current_moment(round: UpdateRound, *, now: datetime) -> int | None:
    """The offset of the round's latest due moment at `now`, or None."""
    local = timezone.localtime(now)
    today = local.date()
    opened_on = timezone.localdate(round.opened_at)
    due = []
    for offset in {int(day) for day in round.reminder_offsets}:
        day = moment_day(round, offset)
        started = day < today or (day == today and local.hour >= SEND_FROM_HOUR)
        if started and day >= today - timedelta(days=LATE_DAYS) and day >= opened_on:
            due.append(offset)
    return max(due, key=lambda offset: moment_day(round, offset)) if due else None


def receives_reminders(user: User | None, *, member_ids: set[int]) -> bool:
    """Whether `user` gets reminder e-mails at all: an active member who did not opt out."""
    return (
        user is not None
        and user.is_active
        and user.receives_reminders
        and bool(user.email)
        and user.pk in member_ids
    )


def due_reminders(*, now: datetime) -> list[DueReminder]:
    """Every e-mail due at `now` and not yet sent (nor given up after MAX_ATTEMPTS).
    Four queries whatever the number of rounds, items and members."""
    rounds = round_selectors.open_rounds()
    moments = {
        r.pk: (r, offset) for r in rounds if (offset := current_moment(r, now=now)) is not None
    }
    if not moments:
        return []
    items = list(round_selectors.rounds_items(round_ids=moments.keys()))
    organisation_ids = {r.monitor.plan.organisation_id for r, _offset in moments.values()}
    memberships = list(
        organisation_selectors.memberships_with_users(organisation_ids=organisation_ids)
    )
    done = set(
        ReminderDispatch.objects.filter(round_id__in=moments)
        .exclude(kind=Kind.NUDGE)
        .filter(Q(sent_at__isnull=False) | Q(attempts__gte=MAX_ATTEMPTS))
        .values_list("round_id", "recipient_id", "kind", "offset_days")
    )
    due = []
    for round, offset in moments.values():
        round_items = [item for item in items if item.round_id == round.pk]
        members = [
            m for m in memberships if m.organisation_id == round.monitor.plan.organisation_id
        ]
        due += _due_for_round(round, offset, round_items, members)
    return [reminder for reminder in due if reminder.key not in done]


def _due_for_round(
    round: UpdateRound, offset: int, items: list[RoundItem], members: list[Membership]
) -> list[DueReminder]:
    member_ids = {m.user_id for m in members}
    open_items = [item for item in items if item.state == OPEN]
    if not open_items:
        return []
    per_owner: dict[int, DueReminder] = {}
    for item in open_items:
        owner = item.owner
        if owner is None or not receives_reminders(owner, member_ids=member_ids):
            continue
        reminder = per_owner.setdefault(
            owner.pk, DueReminder(round, owner, Kind.OWNER_REMINDER, offset)
        )
        reminder.items.append(item)
    summaries = [
        DueReminder(round, m.user, Kind.COORDINATOR_SUMMARY, offset, items)
        for m in members
        if m.role == Role.COORDINATOR and receives_reminders(m.user, member_ids=member_ids)
    ]
    return list(per_owner.values()) + summaries


def open_items_per_owner(*, round: UpdateRound) -> dict[User, list[RoundItem]]:
    """The round's open items of owners with an account, per owner (for nudges)."""
    items = round_selectors.open_owned_items(round=round)
    per_owner: dict[User, list[RoundItem]] = {}
    for item in items:
        if item.owner is not None:
            per_owner.setdefault(item.owner, []).append(item)
    return per_owner


def member_ids(*, round: UpdateRound) -> set[int]:
    return organisation_selectors.member_user_ids(
        organisation_id=round.monitor.plan.organisation_id
    )


def last_nudge(*, round: UpdateRound, owner: User) -> ReminderDispatch | None:
    return (
        ReminderDispatch.objects.filter(
            round=round, recipient=owner, kind=Kind.NUDGE, sent_at__isnull=False
        )
        .order_by("-sent_at")
        .first()
    )


def round_owner(*, round: UpdateRound, user_id: int) -> User | None:
    """The user with this id if they own an item in `round` (whatever its state)."""
    return round_selectors.round_item_owner(round=round, user_id=user_id)
