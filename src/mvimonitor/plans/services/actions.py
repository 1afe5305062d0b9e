"""Writes to actions: create, edit (optimistic lock), status changes, withdrawal.

Every function runs in one transaction: all or nothing."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.history import HistoryMessages, check_effective_on, recorded
from mvimonitor.kernel.locking import (
    STALE,
    StaleRecordError,
    field_values,
    is_stale,
    locked_update,
)
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange, Theme
from mvimonitor.plans.workflow import Status, TransitionError, check_transition
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User

#: Fields of an action that action_update may change (status has its own service).
EDITABLE_FIELDS = (
    "code",
    "title",
    "description",
    "period",
    "owner",
    "owner_name",
    "department",
    "start_date",
    "due_date",
    "is_continuous",
    "result",
    "added_on",
)
#: What an action owner may change on their own actions.
OWNER_FIELDS = ("result",)


class StaleActionError(StaleRecordError):
    """Someone else saved the action since it was read (optimistic lock)."""

    record = gettext_lazy("this action")


def initial_added_on(*, plan: ActionPlan) -> date:
    """`added_on` for an action of the plan as adopted: the adoption date, or today while
    the adoption date lies ahead (a status row may not precede `added_on` nor be in the
    future). See docs/adr/0005-dates-of-actions.md."""
    return min(plan.adopted_on, today())


def _check_dates(action: Action) -> None:
    errors: dict[str, str] = {}
    if action.is_continuous and action.due_date:
        errors["due_date"] = _("A continuous action has no due date.")
    if action.start_date and action.due_date and action.due_date < action.start_date:
        errors["due_date"] = _("The due date lies before the start date.")
    if action.withdrawn_on and action.withdrawn_on < action.added_on:
        errors["withdrawn_on"] = _("An action cannot be withdrawn before it was added.")
    if errors:
        raise ValidationError(errors)


#: The references of an action that `check_action` leaves to the caller when it
#: checks many actions at once (batch.py): their rows were read by the caller.
_REFERENCES = ("plan", "period", "owner", "origin")


def check_action(action: Action, *, taken_codes: Collection[str] | None = None) -> None:
    """Validate an action with messages a user understands: the dates and the code are
    checked before the model's constraints, whose own messages only name them.

    `taken_codes` (the plan's other codes) is given by a caller that checks many actions
    at once and took its period, owner and themes from rows it read: then the code is
    looked up there and the references are not read again, one query each; the database
    constraints still hold every write to the same rules."""
    _check_dates(action)
    if taken_codes is None:
        taken = (
            Action.objects.filter(plan_id=action.plan_id, code=action.code)
            .exclude(pk=action.pk)
            .exists()
        )
    else:
        taken = action.code in taken_codes
    if action.code and taken:
        raise ValidationError(
            {
                "code": _("This plan already has an action with the code “%(code)s”.")
                % {"code": action.code}
            }
        )
    if taken_codes is None:
        action.full_clean(exclude=["themes"])
    else:
        action.full_clean(
            exclude=["themes", *_REFERENCES], validate_unique=False, validate_constraints=False
        )


def check_added_on_before_history(action: Action, *, first_change: date | None) -> None:
    """No status change may precede the date the action entered the plan
    (`first_change`: the date of its first status change, None without history)."""
    if first_change is not None and action.added_on > first_change:
        raise ValidationError(
            {
                "added_on": _(
                    "An action cannot be added to the plan after its first status change "
                    "(%(date)s)."
                )
                % {"date": date_format(first_change)}
            }
        )


def _first_change(action: Action) -> date | None:
    return (
        action.status_changes.order_by("effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )


def period_of_another_plan() -> str:
    return _("This period belongs to another plan.")


def same_status_message(status: Status) -> str:
    return _("The action already has the status “%(status)s”.") % {"status": status.label}


def status_change_dates() -> HistoryMessages:
    return HistoryMessages(
        in_future=_("The date of a status change cannot lie in the future."),
        before_added=_(
            "The date of a status change cannot lie before the action was added to "
            "the plan (%(date)s)."
        ),
        before_latest=_(
            "The date of a status change cannot lie before the action's last status "
            "change (%(date)s)."
        ),
    )


@transaction.atomic
def action_create(
    *,
    plan: ActionPlan,
    code: str,
    title: str,
    period: Period,
    by: User | None,
    status: Status = Status.NOT_STARTED,
    status_since: date | None = None,
    added_on: date | None = None,
    themes: Iterable[Theme] = (),
    recorded_at: datetime | None = None,
    **fields: Any,
) -> Action:
    """Create an action and its first history row (none -> status) effective on
    `status_since` (default today). `added_on` defaults to today: a new action.
    `recorded_at` (default now) only for loading history recorded earlier (the demo)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    action = Action(
        plan=plan,
        code=code.strip(),
        title=title.strip(),
        period=period,
        status=status,
        added_on=added_on or today(),
        **fields,
    )
    if period.plan_id != plan.pk:
        raise ValidationError({"period": period_of_another_plan()})
    check_action(action)
    effective_on = status_since or today()
    check_effective_on(
        effective_on, added_on=action.added_on, latest=None, messages=status_change_dates()
    )
    action.save()
    action.themes.set(list(themes))
    StatusChange.objects.create(
        action=action,
        from_status=None,
        to_status=status,
        effective_on=effective_on,
        recorded_by=by,
        **recorded(recorded_at),
    )
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    expected_version: int,
    by: User | None,
    themes: Iterable[Theme] | None = None,
    **changes: Any,
) -> Action:
    """Change an action's fields with one `UPDATE ... WHERE version = N`; a stale
    version raises StaleActionError and nothing is saved."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(action, name, value)
    check_action(action)
    if "added_on" in changes:
        check_added_on_before_history(action, first_change=_first_change(action))
    locked_update(
        action,
        expected_version=expected_version,
        values=field_values(action, changes),
        stale=StaleActionError,
    )
    if themes is not None:
        action.themes.set(list(themes))
    return action


@transaction.atomic
def action_change_status(
    *,
    action: Action,
    to_status: Status,
    by: User | None,
    effective_on: date | None = None,
    note: str = "",
    is_coordinator: bool = False,
    expected_version: int | None = None,
    recorded_at: datetime | None = None,
) -> StatusChange:
    """Append a status change to the history and make it the current status.

    The change may be back-dated, but not into the future, not before the action was
    added, and not before its latest recorded change (history stays in order).
    `recorded_at` (default now) only for loading history recorded earlier (the demo)."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleActionError()  # before the workflow: the page showed another status
    current = Status(locked.status)
    if to_status == current:
        raise ValidationError({"to_status": same_status_message(current)})
    try:
        check_transition(current, to_status, note=note, is_coordinator=is_coordinator)
    except TransitionError as error:
        raise ValidationError({"to_status": str(error)}) from error
    effective_on = effective_on or today()
    latest = (
        locked.status_changes.order_by("-effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )
    check_effective_on(
        effective_on, added_on=locked.added_on, latest=latest, messages=status_change_dates()
    )
    change = StatusChange.objects.create(
        action=locked,
        from_status=current,
        to_status=to_status,
        effective_on=effective_on,
        recorded_by=by,
        note=note.strip(),
        **recorded(recorded_at),
    )
    locked_update(
        action,
        expected_version=locked.version if expected_version is None else expected_version,
        values={"status": to_status},
        stale=StaleActionError,
    )
    action.status = to_status
    return change


@transaction.atomic
def actions_bulk_change_status(
    *,
    actions: Sequence[Action],
    to_status: Status,
    by: User | None,
    effective_on: date | None = None,
    note: str = "",
    is_coordinator: bool = False,
    versions: Mapping[int, int] | None = None,
) -> list[StatusChange]:
    """Change the status of every given action, or of none: each failure is reported
    as "<code>: <message>" in one ValidationError. `versions` (action id -> the version
    the list showed) locks each action as its own page would."""
    changes: list[StatusChange] = []
    errors: list[ValidationError] = []
    for action in actions:
        try:
            with transaction.atomic():
                changes.append(
                    action_change_status(
                        action=action,
                        to_status=to_status,
                        by=by,
                        effective_on=effective_on,
                        note=note,
                        is_coordinator=is_coordinator,
                        expected_version=(versions or {}).get(action.pk),
                    )
                )
        except ValidationError as error:
            code = STALE if is_stale(error) else None
            errors += [ValidationError(f"{action.code}: {m}", code=code) for m in error.messages]
    if errors:
        raise ValidationError(errors)
    return changes


@transaction.atomic
def action_withdraw(
    *, action: Action, expected_version: int, by: User | None, withdrawn_on: date | None = None
) -> Action:
    """Take an action out of the plan from `withdrawn_on` (default today) on. Actions
    are never deleted: their history stays, and figures before that date keep them."""
    withdrawn_on = withdrawn_on or today()
    if withdrawn_on > today():
        raise ValidationError({"withdrawn_on": _("The withdrawal date cannot lie in the future.")})
    action.withdrawn_on = withdrawn_on
    _check_dates(action)
    locked_update(
        action,
        expected_version=expected_version,
        values={"withdrawn_on": withdrawn_on},
        stale=StaleActionError,
    )
    return action


@transaction.atomic
def actions_assign_owner(*, plan: ActionPlan, owner_name: str, user: User, by: User | None) -> int:
    """Make the member `user` the owner of the plan's actions that have no member as
    owner and the name `owner_name` (each through action_update). Returns the number
    of actions."""
    actions = list(
        Action.objects.select_for_update().filter(
            plan=plan, owner__isnull=True, owner_name=owner_name
        )
    )
    for action in actions:
        action_update(
            action=action, expected_version=action.version, by=by, owner=user, owner_name=""
        )
    return len(actions)
