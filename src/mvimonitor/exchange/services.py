"""Import and export of a plan's actions as a spreadsheet.

The import checks every row first and saves all rows or none: all writes go through
plans.services (history, audit trail and optimistic lock apply) inside one transaction
that is rolled back when any row is wrong. See docs/adr/0006-plan-import.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import Field, HeaderMap, map_headers
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import read_sheet
from mvimonitor.exchange.rows import Lookups, ParsedRow, RowParser
from mvimonitor.exchange.updates import apply_row
from mvimonitor.exchange.writing import render_xlsx
from mvimonitor.kernel.imports import ImportResult, Problem, sort_key
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans.services import StaleActionError

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, ActionPlan

#: progress(stage, done, total): stage is "read", "validated" or "saving"; total is the
#: number of rows to go through, 0 while it is not known yet.
Progress = Callable[[str, int, int], None]

# Where a refusal by plans.services points to in the sheet.
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


class PlanImportResult(ImportResult):
    """What a plan import did; its history rows are status changes."""

    history_key = "status_changes"


def plan_lookups(*, plan: ActionPlan, actions: QuerySet[Action] | None = None) -> Lookups:
    return Lookups.build(
        periods=plan_selectors.plan_periods(plan=plan),
        themes=plan_selectors.themes_for_organisation(organisation=plan.organisation),
        members=selectors.organisation_members(plan=plan),
        actions=actions if actions is not None else selectors.import_targets(plan=plan),
        max_lengths=plan_selectors.action_text_max_lengths(),
    )


def plan_export_xlsx(*, plan: ActionPlan, actions: QuerySet[Action] | None = None) -> bytes:
    """The plan's actions (or the given ones of it) as .xlsx; withdrawn actions are left
    out. Importing the file again changes nothing."""
    chosen = (
        plan_selectors.plan_actions(plan=plan) if actions is None else actions.filter(plan=plan)
    )
    lookups = plan_lookups(plan=plan, actions=plan_selectors.plan_actions(plan=plan).none())
    return render_xlsx(selectors.exportable_actions(actions=chosen), lookups)


def plan_import(
    *,
    plan: ActionPlan,
    data: bytes,
    filename: str,
    by: User | None,
    is_coordinator: bool = False,
    progress: Progress | None = None,
) -> PlanImportResult:
    """Upsert the plan's actions from a spreadsheet, all or nothing. The caller sets who
    acts for the audit trail (audit.context.acting_as)."""
    report = progress or (lambda stage, done, total: None)
    try:
        sheet = read_sheet(data, filename=filename, on_row=lambda n: report("read", n, 0))
    except SpreadsheetError as error:
        return PlanImportResult(problems=[Problem(None, None, error.message)])
    headers, problems = map_headers(sheet.header.cells, row=sheet.header.number)
    result = PlanImportResult(problems=problems, rows=len(sheet.rows))
    if problems:
        return result
    lookups = plan_lookups(plan=plan)
    parser = RowParser(headers, lookups)
    parsed: list[ParsedRow] = []
    for count, row in enumerate(sheet.rows, start=1):
        row_result, row_problems = parser.parse(row)
        result.problems += row_problems
        if row_result is not None:
            parsed.append(row_result)
        if count % 100 == 0:
            report("validated", count, len(sheet.rows))
    report("validated", len(sheet.rows), len(sheet.rows))
    report("saving", 0, len(sheet.rows))
    _save(
        plan=plan,
        rows=parsed,
        lookups=lookups,
        headers=headers,
        by=by,
        is_coordinator=is_coordinator,
        result=result,
    )
    result.problems.sort(key=sort_key)
    return result


@transaction.atomic
def _save(
    *,
    plan: ActionPlan,
    rows: list[ParsedRow],
    lookups: Lookups,
    headers: HeaderMap,
    by: User | None,
    is_coordinator: bool,
    result: PlanImportResult,
) -> None:
    """Apply every checked row, each in a savepoint so that the refusals of every row
    are collected; then roll all of it back if anything in the file was wrong."""
    for row in rows:
        try:
            with transaction.atomic():
                outcome = apply_row(
                    plan=plan, row=row, lookups=lookups, by=by, is_coordinator=is_coordinator
                )
        except StaleActionError as error:  # before ValidationError, which it is
            result.problems.append(
                Problem(row.number, headers.column_label(Field.CODE), str(error))
            )
            continue
        except ValidationError as error:
            result.problems += _problems(row, error, headers)
            continue
        result.count(
            created=outcome.created,
            updated=outcome.updated,
            history_changed=outcome.status_changed,
        )
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


def import_failure(message: str | None = None) -> Problem:
    return Problem(None, None, message or _("The import failed unexpectedly. Nothing was saved."))
