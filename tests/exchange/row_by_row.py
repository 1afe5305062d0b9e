"""The plan import as it saved before issue 12: one row at a time through plans'
single-action services (`action_create`, `action_update`, `action_change_status`), each
row in its own savepoint, the whole file in one transaction. Kept here, frozen, as the
oracle the import must equal: the same actions, history rows, theme links and audit
entries, and the same problems for a file with errors.

It reads the file with the product's reader, header map, lookups and row parser (those
did not change); what follows the parsing is the code of `exchange.updates` and
`exchange.services._save` of commit b41f472."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import Field, HeaderMap, map_headers
from mvimonitor.exchange.reading import read_sheet
from mvimonitor.exchange.rows import Lookups, OwnerValue, ParsedRow, RowParser
from mvimonitor.exchange.services import PlanImportResult, plan_lookups
from mvimonitor.exchange.values import key
from mvimonitor.kernel.imports import Problem, sort_key
from mvimonitor.plans import services
from mvimonitor.plans.services import StaleActionError
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today
from mvimonitor.utils.spreadsheet import strip_control

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
_COLUMN_OF_FIELD: dict[str, Field] = {
    "code": Field.CODE,
    "title": Field.TITLE,
    "description": Field.DESCRIPTION,
    "period": Field.PERIOD,
    "themes": Field.THEMES,
    "to_status": Field.STATUS,
    "effective_on": Field.STATUS_SINCE,
    "owner": Field.OWNER,
    "owner_name": Field.OWNER,
    "department": Field.DEPARTMENT,
    "start_date": Field.START_DATE,
    "due_date": Field.DUE_DATE,
    "is_continuous": Field.IS_CONTINUOUS,
    "result": Field.RESULT,
    "added_on": Field.ADDED_ON,
}


def import_row_by_row(
    *, plan, data: bytes, by=None, is_coordinator: bool = True
) -> PlanImportResult:
    sheet = read_sheet(data, filename="plan.xlsx")
    headers, problems = map_headers(sheet.header.cells, row=sheet.header.number)
    result = PlanImportResult(problems=problems, rows=len(sheet.rows))
    assert not problems
    lookups = plan_lookups(plan=plan)
    parser = RowParser(headers, lookups)
    parsed: list[ParsedRow] = []
    for row in sheet.rows:
        row_result, row_problems = parser.parse(row)
        result.problems += row_problems
        if row_result is not None:
            parsed.append(row_result)
    _save(plan, parsed, lookups, headers, by, is_coordinator, result)
    result.problems.sort(key=sort_key)
    return result


@transaction.atomic
def _save(plan, rows, lookups, headers: HeaderMap, by, is_coordinator, result) -> None:
    for row in rows:
        try:
            with transaction.atomic():
                created, updated, changed = _apply_row(plan, row, lookups, by, is_coordinator)
        except ValidationError as error:
            result.problems += _problems(row, error, headers)
            continue
        except StaleActionError as error:
            result.problems.append(
                Problem(row.number, headers.column_label(Field.CODE), str(error))
            )
            continue
        result.count(created=created, updated=updated, history_changed=changed)
    if result.problems:
        transaction.set_rollback(True)
        result.discard_counts()


def _problems(row: ParsedRow, error: ValidationError, headers: HeaderMap) -> list[Problem]:
    if not hasattr(error, "error_dict"):
        return [Problem(row.number, None, message) for message in error.messages]
    problems = []
    for name, messages in error.message_dict.items():
        column = _COLUMN_OF_FIELD.get(name)
        label = headers.column_label(column) if column else None
        problems += [Problem(row.number, label, message) for message in messages]
    return problems


def _apply_row(plan, row: ParsedRow, lookups: Lookups, by, is_coordinator):
    action = lookups.actions.get(row.code)
    if action is None:
        _create(plan, row, by)
        return True, False, False
    updated = _update(action, row, by)
    changed = _change_status(action, row, by, is_coordinator)
    return False, updated, changed


def _create(plan, row: ParsedRow, by) -> None:
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
    services.action_create(
        plan=plan,
        code=row.code,
        title=values[Field.TITLE],
        period=values[Field.PERIOD],
        by=by,
        status=values[Field.STATUS],
        status_since=values.get(Field.STATUS_SINCE) or today(),
        added_on=values.get(Field.ADDED_ON) or services.initial_added_on(plan=plan),
        themes=values.get(Field.THEMES, ()),
        **fields,
    )


def _same(name: Field, current: Any, new: Any) -> bool:
    if isinstance(current, str):
        current = strip_control(current)
        return (current.strip() if name in _STRIPPED else current) == new
    return bool(current == new)


def _update(action, row: ParsedRow, by) -> bool:
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
    if not changes and themes is None:
        return False
    _check_dates(
        is_continuous=changes.get("is_continuous", action.is_continuous),
        start=changes.get("start_date", action.start_date),
        due=changes.get("due_date", action.due_date),
    )
    services.action_update(
        action=action, expected_version=action.version, by=by, themes=themes, **changes
    )
    return True


def _owner_changes(action, owner: OwnerValue) -> dict[str, Any]:
    if (
        owner.text
        and action.owner is not None
        and key(owner.text) in (key(action.owner.email), key(action.owner.full_name))
    ):
        return {}
    if action.owner is None and strip_control(action.owner_name).strip() == owner.text:
        return {}
    target = (owner.member, "") if owner.member else (None, owner.text)
    if (action.owner, action.owner_name) == target:
        return {}
    return {"owner": target[0], "owner_name": target[1]}


def _check_dates(*, is_continuous: bool, start: date | None, due: date | None) -> None:
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


def _change_status(action, row: ParsedRow, by, is_coordinator: bool) -> bool:
    target: Status | None = row.values.get(Field.STATUS)
    if target is None or target == action.status:
        return False
    services.action_change_status(
        action=action,
        to_status=target,
        by=by,
        effective_on=row.values.get(Field.STATUS_SINCE) or today(),
        note=row.values.get(Field.NOTE, ""),
        is_coordinator=is_coordinator,
    )
    return True
