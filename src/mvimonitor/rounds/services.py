"""Writes to update rounds: open a round for a monitor, owners confirm or update their
actions in it, a coordinator closes it; owners without an account are invited by
e-mail and get their actions when they accept. Every function runs in one transaction:
all or nothing. See docs/adr/0013-update-rounds.md."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.organisations import selectors as organisation_selectors
from mvimonitor.organisations import services as organisation_services
from mvimonitor.organisations.roles import (
    Role,
    can_manage_organisation,
    can_reopen_cancelled,
    can_update_action,
)
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.workflow import DONE_STATUSES, Status
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound
from mvimonitor.rounds.selectors import round_candidates
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.organisations.models import Invitation
    from mvimonitor.plans.models import Action, ActionPlan

#: Reminder days a coordinator may choose, relative to the deadline.
REMINDER_RANGE = (-60, 30)


def _role(user: User | None, plan: ActionPlan) -> str | None:
    if user is None:
        return None
    return organisation_selectors.member_role(user=user, organisation_id=plan.organisation_id)


def _require_coordinator(user: User | None, plan: ActionPlan) -> None:
    role = _role(user, plan)
    if role is None or not can_manage_organisation(role):
        raise ValidationError(_("Only a coordinator can open or close an update round."))


def _check_reminder_offsets(offsets: Iterable[int]) -> list[int]:
    cleaned = sorted({int(day) for day in offsets})
    low, high = REMINDER_RANGE
    if any(day < low or day > high for day in cleaned):
        raise ValidationError(
            {
                "reminder_offsets": _(
                    "Reminder days lie between %(low)d (before the deadline) and %(high)d "
                    "(after it)."
                )
                % {"low": low, "high": high}
            }
        )
    return cleaned


def _check_open(monitor: Monitor, deadline: date) -> None:
    if monitor.is_final:
        raise ValidationError(_("A round can only be opened for a draft monitor."))
    if UpdateRound.objects.filter(monitor=monitor).exists():
        raise ValidationError(_("This monitor already has an update round."))
    other = UpdateRound.objects.filter(
        monitor__plan_id=monitor.plan_id, closed_at__isnull=True
    ).first()
    if other is not None:
        raise ValidationError(
            _("The round for the monitor of %(date)s is still open. Close it first.")
            % {"date": date_format(other.monitor.date)}
        )
    if deadline < today():
        raise ValidationError({"deadline": _("The deadline cannot lie in the past.")})
    if deadline > monitor.date:
        raise ValidationError(
            {
                "deadline": _("The deadline must lie on or before the monitor date (%(date)s).")
                % {"date": date_format(monitor.date)}
            }
        )


@transaction.atomic
def round_open(
    *,
    monitor: Monitor,
    deadline: date,
    by: User | None,
    message: str = "",
    reminder_offsets: Iterable[int] | None = None,
    owner_emails: Mapping[str, str] | None = None,
    base_url: str = "",
    language: str = "nl",
) -> UpdateRound:
    """Open the round for a draft monitor: one open item per action in the plan today
    that is not done, asked of its owner. `owner_emails` maps owners known only by name
    to an e-mail address; each gets an invitation (e-mailed, with links to `base_url`,
    default settings.BASE_URL) and, on accepting it, their actions."""
    plan = plan_services.plan_lock(plan_id=monitor.plan_id)  # one at a time
    _require_coordinator(by, plan)
    _check_open(monitor, deadline)
    offsets = _check_reminder_offsets(
        reminder_offsets if reminder_offsets is not None else settings.REMINDER_OFFSETS_DAYS
    )
    update_round = UpdateRound.objects.create(
        monitor=monitor,
        deadline=deadline,
        message=message.strip(),
        reminder_offsets=offsets,
        opened_by=by,
    )
    _ask(update_round, round_candidates(plan=plan, on=today()))
    for name, email in (owner_emails or {}).items():
        if email.strip():
            round_invite_owner(
                round=update_round,
                owner_name=name,
                email=email,
                by=by,
                base_url=base_url,
                language=language,
            )
    return update_round


def _check_still_open(update_round: UpdateRound) -> None:
    if not update_round.is_open:
        raise ValidationError(_("This update round has been closed; nothing can change in it."))


@transaction.atomic
def round_invite_owner(
    *,
    round: UpdateRound,
    owner_name: str,
    email: str,
    by: User | None,
    base_url: str = "",
    language: str = "nl",
) -> PendingOwner | None:
    """Give an owner known only by name an account: invite `email` as an action owner
    (the organisation's invitation and its e-mail) and remember the name, so that
    accepting makes them the owner of the plan's actions with that name. An address
    that already belongs to a member makes that member the owner at once (returns
    None)."""
    plan = round.monitor.plan
    _require_coordinator(by, plan)
    _check_still_open(round)
    owner_name = owner_name.strip()
    if not round.items.filter(owner__isnull=True, owner_name=owner_name).exists():
        raise ValidationError(
            _("No action in this round is waiting for an owner called “%(name)s”.")
            % {"name": owner_name}
        )
    member = organisation_selectors.member_with_email(
        organisation_id=plan.organisation_id, email=email
    )
    if member is not None:
        owner_assign(plan=plan, owner_name=owner_name, user=member, by=by)
        return None
    invitation = organisation_services.invitation_create(
        organisation=plan.organisation, email=email, role=Role.OWNER, invited_by=by
    )
    pending = PendingOwner.objects.create(plan=plan, owner_name=owner_name, invitation=invitation)
    organisation_services.invitation_send(
        invitation=invitation, base_url=base_url or settings.BASE_URL, language=language
    )
    return pending


@transaction.atomic
def owner_assign(*, plan: ActionPlan, owner_name: str, user: User, by: User | None) -> int:
    """Make `user` the owner of the plan's actions that have no member as owner and the
    name `owner_name`, and of their items in the plan's open rounds. Returns the number
    of actions."""
    assigned = plan_services.actions_assign_owner(
        plan=plan, owner_name=owner_name, user=user, by=by
    )
    RoundItem.objects.filter(
        round__monitor__plan=plan, round__closed_at__isnull=True, owner__isnull=True
    ).filter(owner_name=owner_name).update(owner=user)
    return assigned


@transaction.atomic
def invitation_accepted_assign(*, invitation: Invitation, user: User) -> int:
    """After `invitation` was accepted by `user`: the actions of the owner names it was
    sent for become theirs. Returns the number of actions."""
    assigned = 0
    pending_owners = PendingOwner.objects.select_related("plan").filter(
        invitation=invitation, assigned_at__isnull=True
    )
    for pending in pending_owners:
        assigned += owner_assign(
            plan=pending.plan, owner_name=pending.owner_name, user=user, by=user
        )
        pending.assigned_to = user
        pending.assigned_at = timezone.now()
        pending.save(update_fields=["assigned_to", "assigned_at"])
    return assigned


def _locked_item(item: RoundItem, by: User | None) -> tuple[RoundItem, str]:
    """The item, locked, with its round and action; refused when the round is closed
    or `by` may not update the action. Returns the item and `by`'s role."""
    locked = (
        RoundItem.objects.select_for_update()
        .select_related("round", "action", "action__plan")
        .get(pk=item.pk)
    )
    _check_still_open(locked.round)
    role = _role(by, locked.action.plan)
    is_own = by is not None and locked.action.owner_id == by.pk
    if role is None or not can_update_action(role, is_own_action=is_own):
        raise ValidationError(
            _("Only the action's owner, an editor or a coordinator can answer for it.")
        )
    return locked, role


def _respond(item: RoundItem, locked: RoundItem, by: User | None, **fields: object) -> RoundItem:
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.responded_at = timezone.now()
    locked.responded_by = by
    locked.save(update_fields=[*fields, "responded_at", "responded_by"])
    for name in (*fields, "responded_at", "responded_by"):
        setattr(item, name, getattr(locked, name))
    return item


@transaction.atomic
def round_confirm(*, item: RoundItem, by: User | None) -> RoundItem:
    """ "Unchanged": the owner confirms the action is as it stands. An item already
    confirmed stays so; an updated one is not turned back."""
    locked, _role_name = _locked_item(item, by)
    if locked.state == RoundItem.State.UPDATED:
        raise ValidationError(_("This action has already been updated in this round."))
    if locked.state == RoundItem.State.CONFIRMED:
        return item
    return _respond(item, locked, by, state=RoundItem.State.CONFIRMED)


@transaction.atomic
def round_update(
    *,
    item: RoundItem,
    by: User | None,
    version: int,
    status: Status | None = None,
    effective_on: date | None = None,
    result: str | None = None,
    note: str = "",
) -> RoundItem:
    """Update the action in the round: a new status (through the plan's status rules,
    with the note), the result, and a progress note on the item. `version` is the
    action's version the user saw: if someone else saved the action since, nothing is
    saved (plans.services.StaleActionError)."""
    locked, role = _locked_item(item, by)
    action = locked.action
    note = note.strip()
    new_result = None if result is None or result.strip() == action.result.strip() else result
    changes_status = status is not None and status != action.status
    if not (changes_status or new_result is not None or note):
        raise ValidationError(
            _(
                "Nothing to save: change the status or the result, or write a progress note. "
                "If nothing changed, choose “Unchanged”."
            )
        )
    if action.version != version:
        raise plan_services.StaleActionError()
    if new_result is not None:
        plan_services.action_update(
            action=action, expected_version=version, by=by, result=new_result.strip()
        )
    if changes_status and status is not None:
        plan_services.action_change_status(
            action=action,
            to_status=status,
            by=by,
            effective_on=effective_on,
            note=note,
            is_coordinator=can_reopen_cancelled(role),
            expected_version=action.version,
        )
    updated = _respond(item, locked, by, state=RoundItem.State.UPDATED, note=note)
    updated.action = action
    return updated


@transaction.atomic
def round_close(*, round: UpdateRound, by: User | None, at: datetime | None = None) -> UpdateRound:
    """Close the round: its items no longer change; what stayed open is the round's
    result (selectors.round_result). `at` is when it was closed, if not now: only for
    loading history (the demo's round of 2017, ADR 0034); not before the round opened
    nor in the future."""
    locked = (
        UpdateRound.objects.select_for_update().select_related("monitor__plan").get(pk=round.pk)
    )
    _require_coordinator(by, locked.monitor.plan)
    _check_still_open(locked)
    closed_at = at or timezone.now()
    if closed_at < locked.opened_at or closed_at > timezone.now():
        raise ValueError(f"A round opened at {locked.opened_at} cannot close at {closed_at}.")
    locked.closed_at = closed_at
    locked.closed_by = by
    locked.save(update_fields=["closed_at", "closed_by"])
    round.closed_at, round.closed_by = locked.closed_at, by
    return round


def _ask(update_round: UpdateRound, actions: Iterable[Action]) -> None:
    """One open item per action, asked of its owner (an account, or a name only)."""
    RoundItem.objects.bulk_create(
        RoundItem(
            round=update_round,
            action=action,
            owner_id=action.owner_id,
            owner_name="" if action.owner_id else action.owner_name,
        )
        for action in actions
    )


@transaction.atomic
def round_open_as_of(
    *,
    monitor: Monitor,
    deadline: date,
    message: str,
    opened_on: date,
    opened_at: datetime,
    by: User,
) -> UpdateRound:
    """A round as it was opened at `opened_at` in the past (the demo's history): one
    open item per action in the plan and not done *on `opened_on`*, no checks and no
    e-mails."""
    update_round = UpdateRound.objects.create(
        monitor=monitor, deadline=deadline, message=message, opened_at=opened_at, opened_by=by
    )
    statuses = plan_selectors.action_statuses_on(plan=monitor.plan, on=opened_on)
    asked = [pk for pk, status in statuses.items() if status not in DONE_STATUSES]
    _ask(
        update_round,
        plan_selectors.actions_of_plan(plan=monitor.plan)
        .filter(pk__in=asked)
        .order_by("period__position", "code_sort_key"),
    )
    return update_round


def round_item_answered_at(*, item: RoundItem, at: datetime) -> None:
    """Date an answer back to `at` (the demo's history: answers given on past days)."""
    RoundItem.objects.filter(pk=item.pk).update(responded_at=at)
