"""Correcting a status change: its date, its status or both, by a coordinator, with a
reason (docs/adr/0027-corrections-undo-and-deletion.md).

History stays a chain: ordered by (effective_on, recorded_at, id), each row's `from` is
the status before it (none before the first), each step is a transition the workflow
allows, and the action's stored status is its latest row's `to`. A correction that
would break the chain is refused with the row and dates it breaks at; other rows are
never rewritten to make it fit. An accepted one changes the row inside
`correcting_history()` (the audit trail keeps the row as it was), keeps a
`StatusCorrection` with the reason, and raises the action's version."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.audit.base import correcting_history
from mvimonitor.kernel.history import check_effective_on
from mvimonitor.kernel.locking import locked_update
from mvimonitor.plans.models import Action, StatusChange, StatusCorrection
from mvimonitor.plans.services.actions import StaleActionError, status_change_dates
from mvimonitor.plans.workflow import Status, TransitionError, check_transition

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User


@dataclass(frozen=True)
class ChainRow:
    """What the chain rule reads of a history row."""

    id: int
    effective_on: date
    recorded_at: datetime
    from_status: str | None
    to_status: str


@dataclass(frozen=True)
class ChainBreak:
    """Where a history stops being a chain, as a sentence for the user."""

    row_id: int
    message: str


def _status_label(value: str | None) -> str:
    return str(Status(value).label) if value else _("no status")


def _in_order(rows: Iterable[ChainRow]) -> list[ChainRow]:
    return sorted(rows, key=lambda row: (row.effective_on, row.recorded_at, row.id))


def chain_break(rows: Iterable[ChainRow], *, reason: str = "") -> ChainBreak | None:
    """The first place where `rows` (one action's history, in any order) are no chain,
    or None when they are one. `reason` stands in for a note where the workflow asks
    for one (a completed action running again): a correction always has one."""
    previous: ChainRow | None = None
    for row in _in_order(rows):
        before = previous.to_status if previous else None
        if row.from_status != before:
            return ChainBreak(row.id, _broken_link(row, previous))
        if before is not None:
            try:
                check_transition(
                    Status(before), Status(row.to_status), note=reason, is_coordinator=True
                )
            except TransitionError:
                return ChainBreak(row.id, _forbidden_step(row))
        previous = row
    return None


def _broken_link(row: ChainRow, previous: ChainRow | None) -> str:
    names = {
        "date": date_format(row.effective_on),
        "from": _status_label(row.from_status),
        "to": _status_label(row.to_status),
    }
    if previous is None:
        return (
            _(
                "After this correction the change of %(date)s (%(from)s → %(to)s) would "
                "come first, but it starts from “%(from)s”: the first change starts from "
                "no status."
            )
            % names
        )
    return _(
        "After this correction the change of %(date)s (%(from)s → %(to)s) would follow "
        "the change of %(before_date)s, which ends in “%(before)s”, but it starts from "
        "“%(from)s”. Correct that change first, or choose another date or status."
    ) % {
        **names,
        "before_date": date_format(previous.effective_on),
        "before": _status_label(previous.to_status),
    }


def _forbidden_step(row: ChainRow) -> str:
    return _(
        "After this correction the change of %(date)s would go from “%(from)s” to "
        "“%(to)s”, which the workflow does not allow."
    ) % {
        "date": date_format(row.effective_on),
        "from": _status_label(row.from_status),
        "to": _status_label(row.to_status),
    }


def _chain_row(change: StatusChange) -> ChainRow:
    return ChainRow(
        id=change.pk,
        effective_on=change.effective_on,
        recorded_at=change.recorded_at,
        from_status=change.from_status,
        to_status=change.to_status,
    )


def _corrected(
    rows: Sequence[ChainRow], old: ChainRow, *, effective_on: date, to_status: str
) -> list[ChainRow]:
    new = replace(old, effective_on=effective_on, to_status=to_status)
    return [new if row.id == old.id else row for row in rows]


def _check_chain(
    rows: Sequence[ChainRow], old: ChainRow, *, effective_on: date, to_status: Status, reason: str
) -> ChainRow:
    """Refuse the correction unless the rows stay a chain; the corrected history's
    latest row otherwise. The refusal goes on the field that breaks it: the date when
    moving the row alone breaks the chain, else the status."""
    corrected = _corrected(rows, old, effective_on=effective_on, to_status=to_status.value)
    found = chain_break(corrected, reason=reason)
    if found is not None:
        moved_only = _corrected(rows, old, effective_on=effective_on, to_status=old.to_status)
        date_breaks = to_status == old.to_status or (
            effective_on != old.effective_on and chain_break(moved_only, reason=reason) is not None
        )
        raise ValidationError({"effective_on" if date_breaks else "to_status": found.message})
    return _in_order(corrected)[-1]


def _check_reason(reason: str) -> None:
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this correction.")})


@transaction.atomic
def status_change_correct(
    *,
    change: StatusChange,
    effective_on: date,
    to_status: Status,
    reason: str,
    by: User | None,
    expected_version: int,
) -> StatusCorrection:
    """Correct `change` to take effect on `effective_on` with `to_status`, for `reason`,
    if the action is still at `expected_version` and its history stays a chain (see
    above); the action's status becomes its latest row's. All or nothing."""
    reason = reason.strip()
    _check_reason(reason)
    action = Action.objects.select_for_update().get(pk=change.action_id)
    if action.version != expected_version:
        raise StaleActionError()
    rows = [_chain_row(row) for row in StatusChange.objects.filter(action=action)]
    old = next(row for row in rows if row.id == change.pk)
    if (effective_on, to_status.value) == (old.effective_on, old.to_status):
        raise ValidationError(
            _("This correction changes nothing: choose another date or another status.")
        )
    correction = StatusCorrection(
        change_id=change.pk,
        old_effective_on=old.effective_on,
        new_effective_on=effective_on,
        old_to_status=old.to_status,
        new_to_status=to_status.value,
        reason=reason,
        corrected_by=by,
    )
    correction.full_clean(exclude=["change", "corrected_by"])
    check_effective_on(
        effective_on, added_on=action.added_on, latest=None, messages=status_change_dates()
    )
    latest = _check_chain(rows, old, effective_on=effective_on, to_status=to_status, reason=reason)
    _apply(change, correction)
    locked_update(
        action,
        expected_version=expected_version,
        values={"status": latest.to_status},
        stale=StaleActionError,
    )
    return correction


def _apply(change: StatusChange, correction: StatusCorrection) -> None:
    """Write the corrected row, the only write to a history row outside an append, and
    keep the correction beside it."""
    change.effective_on = correction.new_effective_on
    change.to_status = correction.new_to_status
    with correcting_history():
        change.save(update_fields=["effective_on", "to_status"])
    correction.save()
