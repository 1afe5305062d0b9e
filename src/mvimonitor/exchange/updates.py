"""What one checked row asks of plans.services: a new action, or the changes of an
existing one (fields, themes, a new status), for `actions_save_many` to check and write
with all the other rows. A value equal to what is stored is no change, so an exported
file read back writes nothing at all: no history row, no audit entry, no new version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import Field
from mvimonitor.exchange.rows import Lookups, OwnerValue, ParsedRow
from mvimonitor.exchange.values import key
from mvimonitor.plans import services
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today
from mvimonitor.utils.text import strip_control

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, ActionPlan, Theme

#: Columns that are plain fields of the action, under the field's own name.
PLAIN_FIELDS = (
    Field.TITLE,
    Field.DESCRIPTION,
    Field.PERIOD,
    Field.DEPARTMENT,
    Field.START_DATE,
    Field.DUE_DATE,
    Field.IS_CONTINUOUS,
    Field.RESULT,
    Field.ADDED_ON,
)
_STRIPPED = (Field.TITLE, Field.DEPARTMENT)


@dataclass(frozen=True)
class Outcome:
    created: bool = False
    updated: bool = False
    status_changed: bool = False


RowItem = services.NewAction | services.ActionEdit


def row_item(
    *, plan: ActionPlan, row: ParsedRow, lookups: Lookups, baseline: date | None = None
) -> tuple[RowItem | None, Outcome]:
    """What the row asks to save (None when it changes nothing) and what that is, for
    the import's counts. A status without a date of its own ("Status sinds") takes
    effect on `baseline`, or today. Raises ValidationError for what the file itself
    gets wrong."""
    action = lookups.actions.get(row.code)
    if action is None:
        return _new(plan=plan, row=row, baseline=baseline), Outcome(created=True)
    changes, themes = _changes(action=action, row=row)
    target: Status | None = row.values.get(Field.STATUS)
    if target == action.status:
        target = None
    if not changes and themes is None and target is None:
        return None, Outcome()
    edit = services.ActionEdit(
        action=action,
        expected_version=action.version,
        changes=changes,
        themes=themes,
        to_status=target,
        effective_on=row.values.get(Field.STATUS_SINCE) or baseline or today(),
        note=row.values.get(Field.NOTE, ""),
    )
    updated = bool(changes) or themes is not None
    return edit, Outcome(updated=updated, status_changed=target is not None)


def default_added_on(*, plan: ActionPlan, baseline: date | None) -> date:
    """`added_on` of a new action whose row does not say: the plan's initial date
    (ADR 0005), or the baseline when that lies before it, so that a status dated on the
    baseline does not precede the action (ADR 0029)."""
    initial = services.initial_added_on(plan=plan)
    return min(initial, baseline) if baseline else initial


def _new(*, plan: ActionPlan, row: ParsedRow, baseline: date | None) -> services.NewAction:
    values = row.values
    fields: dict[str, Any] = {
        name.value: values[name]
        for name in PLAIN_FIELDS
        if name in values and name not in (Field.TITLE, Field.PERIOD, Field.ADDED_ON)
    }
    if Field.OWNER in values:
        owner: OwnerValue = values[Field.OWNER]
        fields["owner"] = owner.member
        fields["owner_name"] = "" if owner.member else owner.text
    _check_dates(
        is_continuous=fields.get("is_continuous", False),
        start=fields.get("start_date"),
        due=fields.get("due_date"),
    )
    return services.NewAction(
        code=row.code,
        title=values[Field.TITLE],
        period=values[Field.PERIOD],
        status=values[Field.STATUS],
        status_since=values.get(Field.STATUS_SINCE) or baseline or today(),
        added_on=values.get(Field.ADDED_ON) or default_added_on(plan=plan, baseline=baseline),
        themes=values.get(Field.THEMES, ()),
        fields=fields,
    )


def _same(name: Field, current: Any, new: Any) -> bool:
    if isinstance(current, str):
        # The file cannot hold control characters or carriage returns: text that
        # differs only in those was not changed by whoever edited the sheet.
        current = strip_control(current)
        return (current.strip() if name in _STRIPPED else current) == new
    return bool(current == new)


def _changes(*, action: Action, row: ParsedRow) -> tuple[dict[str, Any], list[Theme] | None]:
    """The fields that differ, and the themes when they differ (else None)."""
    values = row.values
    if Field.ADDED_ON in values and values[Field.ADDED_ON] is None:
        raise ValidationError(
            {
                "added_on": _(
                    "Every action has the date it was added to the plan; this cell cannot be empty."
                )
            }
        )
    changes = {
        name.value: values[name]
        for name in PLAIN_FIELDS
        if name in values and not _same(name, getattr(action, name.value), values[name])
    }
    if Field.OWNER in values:
        changes.update(_owner_changes(action, values[Field.OWNER]))
    themes = None
    if Field.THEMES in values and {t.pk for t in values[Field.THEMES]} != {
        t.pk for t in action.themes.all()
    }:
        themes = values[Field.THEMES]
    if changes or themes is not None:
        _check_dates(
            is_continuous=changes.get("is_continuous", action.is_continuous),
            start=changes.get("start_date", action.start_date),
            due=changes.get("due_date", action.due_date),
        )
    return changes, themes


def _owner_changes(action: Action, owner: OwnerValue) -> dict[str, Any]:
    """The owner fields to change, or none when the cell names who is owner now (by
    e-mail address or name, an account or a free-text name)."""
    if (
        owner.text
        and action.owner is not None
        and key(owner.text)
        in (
            key(action.owner.email),
            key(action.owner.full_name),
        )
    ):
        return {}
    if action.owner is None and strip_control(action.owner_name).strip() == owner.text:
        return {}
    target = (owner.member, "") if owner.member else (None, owner.text)
    if (action.owner, action.owner_name) == target:
        return {}
    return {"owner": target[0], "owner_name": target[1]}


def _check_dates(*, is_continuous: bool, start: date | None, due: date | None) -> None:
    """The date rules of an action, checked here so the message names the column
    (the database constraints would only name themselves)."""
    if is_continuous and due:
        raise ValidationError(
            {
                "due_date": _(
                    "A continuous action has no end date: empty the end date, "
                    "or make the action not continuous."
                )
            }
        )
    if start and due and due < start:
        raise ValidationError({"due_date": _("The end date lies before the start date.")})
