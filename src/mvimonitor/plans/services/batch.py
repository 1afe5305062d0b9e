"""Many actions at once: what an import of a plan's spreadsheet writes.

`actions_save_many` creates and changes thousands of actions in one transaction with a
few hundred queries instead of some twenty a row, so that on SQLite the write lock is
held for seconds, not half a minute (issue 12, item 2). It refuses and writes exactly
what `action_create`, `action_update` and `action_change_status` would for each item in
turn, with the same messages, the same history rows, versions and audit entries: the
rules are theirs (`actions.py`), checked against what is stored, read once and locked,
instead of one query per rule and row. See docs/adr/0021-fast-import-and-job-lease.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from mvimonitor.audit.base import audited
from mvimonitor.kernel.history import HistoryMessages, check_effective_on
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange, Theme
from mvimonitor.plans.services.actions import (
    EDITABLE_FIELDS,
    StaleActionError,
    check_action,
    check_added_on_before_history,
    period_of_another_plan,
    same_status_message,
    status_change_dates,
)
from mvimonitor.plans.workflow import Status, TransitionError, check_transition
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User

#: Actions read per query: within any database's limit of parameters per statement.
_CHUNK = 500


@dataclass(frozen=True)
class NewAction:
    """What `action_create` takes."""

    code: str
    title: str
    period: Period
    status: Status = Status.NOT_STARTED
    status_since: date | None = None
    added_on: date | None = None
    themes: Sequence[Theme] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionEdit:
    """What `action_update` (when `changes` or `themes` are given) and then
    `action_change_status` (when `to_status` is) take for one action."""

    action: Action
    expected_version: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    themes: Sequence[Theme] | None = None
    to_status: Status | None = None
    effective_on: date | None = None
    note: str = ""


Refusal = ValidationError | StaleActionError


@dataclass
class Written:
    """What `actions_save_many` wrote, for undoing it later (exchange's import
    records): the actions it created, every status change it appended (the first rows
    of the new actions too), the values and themes the edits replaced, and each action's
    version before and right after. Filled from what the write had in hand: no query of
    its own. Values are the stored ones (`Field.value_from_object`: an id for a
    foreign key)."""

    created: list[int] = field(default_factory=list)
    status_changes: list[int] = field(default_factory=list)
    earlier: dict[int, dict[str, Any]] = field(default_factory=dict)
    earlier_themes: dict[int, list[int]] = field(default_factory=dict)
    versions: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Stored:
    """An action as stored now (read under lock), and the dates of its history."""

    version: int
    status: Status
    first_change: date | None
    latest_change: date | None


@dataclass
class _Plan:
    """What the checks found to write; the versions are those each write leaves. The
    messages of the history's dates are translated once, not for every row."""

    messages: HistoryMessages
    new: list[tuple[Action, Sequence[Theme], date]] = field(default_factory=list)
    updates: list[tuple[Action, tuple[str, ...], int]] = field(default_factory=list)
    themes: list[tuple[Action, Sequence[Theme]]] = field(default_factory=list)
    statuses: list[tuple[StatusChange, int]] = field(default_factory=list)
    earlier: dict[int, dict[str, Any]] = field(default_factory=dict)
    versions: dict[int, tuple[int, int]] = field(default_factory=dict)


@transaction.atomic
def actions_save_many(
    *,
    plan: ActionPlan,
    items: Sequence[NewAction | ActionEdit],
    by: User | None,
    is_coordinator: bool = False,
    check_only: bool = False,
    written: Written | None = None,
) -> dict[int, Refusal]:
    """Check every item as the single-action services would and, when none is refused
    (and not `check_only`), write them all; otherwise write nothing. Returns the
    refusals by the item's index; `written`, when given, is filled with what was
    written. Edits change the given Action objects in memory, as the single-action
    services do."""
    edits = [item.action.pk for item in items if isinstance(item, ActionEdit)]
    stored = _stored(edits)
    taken = set(Action.objects.filter(plan=plan).values_list("code", flat=True))
    planned = _Plan(messages=status_change_dates())
    refusals: dict[int, Refusal] = {}
    for index, item in enumerate(items):
        try:
            if isinstance(item, NewAction):
                _check_new(plan, item, taken, planned)
            else:
                _check_edit(item, stored[item.action.pk], taken, by, is_coordinator, planned)
        except (ValidationError, StaleActionError) as error:
            refusals[index] = error
    if not refusals and not check_only:
        _write(planned, by, written if written is not None else Written())
    return refusals


def _stored(ids: list[int]) -> dict[int, _Stored]:
    """Each action's version and status, locked until the transaction ends (on SQLite
    the transaction holds the write lock already), and its first and latest change."""
    found: dict[int, _Stored] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        dates = {
            row["action_id"]: (row["first"], row["latest"])
            for row in StatusChange.objects.filter(action_id__in=chunk)
            .order_by()
            .values("action_id")
            .annotate(first=Min("effective_on"), latest=Max("effective_on"))
        }
        rows = (
            Action.objects.select_for_update()
            .filter(pk__in=chunk)
            .values_list("pk", "version", "status")
        )
        for pk, version, status in rows:
            first, latest = dates.get(pk, (None, None))
            found[pk] = _Stored(version, Status(status), first, latest)
    return found


def _check_new(plan: ActionPlan, item: NewAction, taken: set[str], planned: _Plan) -> None:
    """action_create's checks, in its order."""
    unknown = set(item.fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    action = Action(
        plan=plan,
        code=item.code.strip(),
        title=item.title.strip(),
        period=item.period,
        status=item.status,
        added_on=item.added_on or today(),
        **item.fields,
    )
    if item.period.plan_id != plan.pk:
        raise ValidationError({"period": period_of_another_plan()})
    check_action(action, taken_codes=taken)
    effective_on = item.status_since or today()
    check_effective_on(
        effective_on, added_on=action.added_on, latest=None, messages=planned.messages
    )
    taken.add(action.code)
    planned.new.append((action, item.themes, effective_on))


def _check_edit(
    item: ActionEdit,
    stored: _Stored,
    taken: set[str],
    by: User | None,
    is_coordinator: bool,
    planned: _Plan,
) -> None:
    """action_update's checks (for changed fields or themes), then
    action_change_status's (for a new status), in their order."""
    version = stored.version
    if item.changes or item.themes is not None:
        planned.earlier[item.action.pk] = _values(item.action, item.changes)
        names = _check_update(item, stored, taken)
        version += 1
        planned.updates.append((item.action, names, version))
        if item.themes is not None:
            planned.themes.append((item.action, item.themes))
    if item.to_status is not None:
        change = _check_status(item, stored, by, is_coordinator, planned.messages)
        version += 1
        planned.statuses.append((change, version))
    planned.versions[item.action.pk] = (stored.version, version)


def _values(action: Action, names: Mapping[str, Any]) -> dict[str, Any]:
    """The action's stored values of the fields about to change."""
    fields = {f.name: f for f in Action._meta.concrete_fields}
    return {name: fields[name].value_from_object(action) for name in names}


def _check_update(item: ActionEdit, stored: _Stored, taken: set[str]) -> tuple[str, ...]:
    unknown = set(item.changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    action = item.action
    own_code = action.code
    for name, value in item.changes.items():
        setattr(action, name, value)
    # Its own code is no other action's (the plan's codes are unique).
    check_action(action, taken_codes=taken if action.code != own_code else ())
    if "added_on" in item.changes:
        check_added_on_before_history(action, first_change=stored.first_change)
    if stored.version != item.expected_version:
        raise StaleActionError
    if action.code != own_code:
        taken.discard(own_code)
        taken.add(action.code)
    return tuple(sorted(item.changes))


def _check_status(
    item: ActionEdit,
    stored: _Stored,
    by: User | None,
    is_coordinator: bool,
    messages: HistoryMessages,
) -> StatusChange:
    action, target = item.action, item.to_status
    if target is None:
        raise TypeError("No status to change to.")
    if target == stored.status:
        raise ValidationError({"to_status": same_status_message(stored.status)})
    try:
        check_transition(stored.status, target, note=item.note, is_coordinator=is_coordinator)
    except TransitionError as error:
        raise ValidationError({"to_status": str(error)}) from error
    effective_on = item.effective_on or today()
    check_effective_on(
        effective_on,
        added_on=action.added_on,
        latest=stored.latest_change,
        messages=messages,
    )
    return StatusChange(
        action=action,
        from_status=stored.status,
        to_status=target,
        effective_on=effective_on,
        recorded_by=by,
        note=item.note.strip(),
    )


def _write(planned: _Plan, by: User | None, written: Written) -> None:
    """Write what was checked as the single-action services would have written it, a
    kind at a time: new actions, their themes and first history rows; changed fields
    (one version up); themes; status changes and the new status (one more)."""
    new = [action for action, _, _ in planned.new]
    audited(Action).create_many(new)
    audited(Action).link_many(
        "themes", {action: [t.pk for t in themes] for action, themes, _ in planned.new}
    )
    first_rows = [
        StatusChange(
            action=action,
            from_status=None,
            to_status=action.status,
            effective_on=effective_on,
            recorded_by=by,
        )
        for action, _, effective_on in planned.new
    ]
    audited(StatusChange).create_many(first_rows)
    _write_updates(planned.updates)
    written.earlier_themes.update(_write_themes(planned.themes))
    _write_statuses(planned.statuses)
    written.created += [action.pk for action in new]
    written.status_changes += [row.pk for row in first_rows]
    written.status_changes += [change.pk for change, _ in planned.statuses]
    written.earlier.update(planned.earlier)
    written.versions.update({action.pk: (action.version, action.version) for action in new})
    written.versions.update(planned.versions)


def _write_updates(updates: list[tuple[Action, tuple[str, ...], int]]) -> None:
    """One bulk update per set of changed fields."""
    groups: dict[tuple[str, ...], list[Action]] = defaultdict(list)
    for action, names, version in updates:
        action.version = version
        groups[names].append(action)
    for names, actions in groups.items():
        now = timezone.now()
        for action in actions:
            action.updated_at = now
        audited(Action).update_many(actions, [*names, "version", "updated_at"])


def _write_themes(themes: list[tuple[Action, Sequence[Theme]]]) -> dict[int, list[int]]:
    """What `action.themes.set(given)` does for each: remove the themes no longer
    given, then add the new ones. Returns each action's themes before (their ids)."""
    current: dict[int, set[int]] = defaultdict(set)
    ids = [action.pk for action, _ in themes]
    links = Action.themes.through.objects
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for action_id, theme_id in links.filter(action_id__in=chunk).values_list(
            "action_id", "theme_id"
        ):
            current[action_id].add(theme_id)
    wanted = {action: {t.pk for t in given} for action, given in themes}
    audited(Action).unlink_many(
        "themes", {action: current[action.pk] - given for action, given in wanted.items()}
    )
    audited(Action).link_many(
        "themes", {action: given - current[action.pk] for action, given in wanted.items()}
    )
    return {action.pk: sorted(current[action.pk]) for action, _ in themes}


def _write_statuses(statuses: list[tuple[StatusChange, int]]) -> None:
    audited(StatusChange).create_many([change for change, _ in statuses])
    now = timezone.now()
    actions = []
    for change, version in statuses:
        action = change.action
        action.status, action.version, action.updated_at = change.to_status, version, now
        actions.append(action)
    audited(Action).update_many(actions, ["status", "version", "updated_at"])
