"""Import and export of a plan's actions as a spreadsheet.

The import checks every row first and saves all rows or none: all writes go through
plans.services (history, audit trail and optimistic lock apply) inside one transaction
that writes nothing when any row is wrong. See docs/adr/0006-plan-import.md and, for
saving thousands of rows at once, docs/adr/0021-fast-import-and-job-lease.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import Field, HeaderMap, map_headers
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import SheetRow, read_sheet
from mvimonitor.exchange.records import import_record_create
from mvimonitor.exchange.rows import Lookups, ParsedRow, RowParser
from mvimonitor.exchange.updates import Outcome, RowItem, row_item
from mvimonitor.exchange.writing import render_xlsx
from mvimonitor.kernel.imports import ImportResult, Problem, sort_key
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.services import StaleActionError

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.exchange.models import ImportJob, PlanImportRecord
    from mvimonitor.plans.models import Action, ActionPlan

#: progress(stage, done, total): stage is "read", "validated" or "saving"; total is the
#: number of rows to go through, 0 while it is not known yet.
Progress = Callable[[str, int, int], None]
#: on_saved(result): called inside the import's transaction once every row is written;
#: what it writes is committed with them, and an exception it raises undoes them.
Saved = Callable[["PlanImportResult"], None]

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


@dataclass
class PlanImportResult(ImportResult):
    """What a plan import did; its history rows are status changes. `record`: what it
    wrote, for undoing it (None when it wrote nothing)."""

    history_key = "status_changes"
    record: PlanImportRecord | None = None


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
    on_saved: Saved | None = None,
    job: ImportJob | None = None,
) -> PlanImportResult:
    """Upsert the plan's actions from a spreadsheet, all or nothing, leaving a record
    of what it wrote (`result.record`, for undoing it; `job` is the job it ran in, if
    any). The caller sets who acts for the audit trail (audit.context.acting_as)."""
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
    parsed = _parse(sheet.rows, RowParser(headers, lookups), result, report)
    # What each row changes, compared with what was read: outside the transaction, so
    # that SQLite's write lock is held for the writes only.
    items = _items(plan=plan, rows=parsed, lookups=lookups, headers=headers, result=result)
    report("validated", len(sheet.rows), len(sheet.rows))
    report("saving", 0, len(sheet.rows))
    _save(
        plan=plan,
        items=items,
        headers=headers,
        by=by,
        is_coordinator=is_coordinator,
        result=result,
        on_saved=on_saved,
        origin=(filename, job),
    )
    result.problems.sort(key=sort_key)
    return result


def _parse(
    rows: list[SheetRow], parser: RowParser, result: PlanImportResult, report: Progress
) -> list[ParsedRow]:
    parsed: list[ParsedRow] = []
    for count, row in enumerate(rows, start=1):
        row_result, row_problems = parser.parse(row)
        result.problems += row_problems
        if row_result is not None:
            parsed.append(row_result)
        if count % 100 == 0:
            report("validated", count, len(rows))
    return parsed


#: A row to save: the sheet's row, what it asks of plans.services, what that is.
_Item = tuple[ParsedRow, RowItem, Outcome]


def _items(
    *,
    plan: ActionPlan,
    rows: list[ParsedRow],
    lookups: Lookups,
    headers: HeaderMap,
    result: PlanImportResult,
) -> list[_Item]:
    """What each row asks to save; a row that changes nothing is counted unchanged, one
    the file gets wrong (an end date before the start, ...) becomes a problem."""
    items: list[_Item] = []
    for row in rows:
        try:
            item, outcome = row_item(plan=plan, row=row, lookups=lookups)
        except ValidationError as error:
            result.problems += _problems(row, error, headers)
            continue
        if item is None:
            result.count(created=False, updated=False, history_changed=False)
        else:
            items.append((row, item, outcome))
    return items


@transaction.atomic
def _save(
    *,
    plan: ActionPlan,
    items: list[_Item],
    headers: HeaderMap,
    by: User | None,
    is_coordinator: bool,
    result: PlanImportResult,
    on_saved: Saved | None = None,
    origin: tuple[str, ImportJob | None] = ("", None),
) -> None:
    """Save every row at once (plans.services.actions_save_many: the single-action
    services' rules, history and audit trail, a few hundred queries for thousands of
    rows), or nothing when anything in the file was wrong; the refusals of every row
    are collected."""
    written = plan_services.Written()
    refusals = plan_services.actions_save_many(
        plan=plan,
        items=[item for _row, item, _outcome in items],
        by=by,
        is_coordinator=is_coordinator,
        check_only=bool(result.problems),
        written=written,
    )
    for index, error in refusals.items():
        result.problems += _refusal_problems(items[index][0], error, headers)
    if result.problems:
        transaction.set_rollback(True)
        result.discard_counts()
        return
    for *_row_and_item, outcome in items:
        result.count(
            created=outcome.created,
            updated=outcome.updated,
            history_changed=outcome.status_changed,
        )
    file_name, job = origin
    result.record = import_record_create(
        plan=plan, written=written, result=result, file_name=file_name, by=by, job=job
    )
    if on_saved is not None:
        on_saved(result)


def _refusal_problems(
    row: ParsedRow, error: plan_services.Refusal, headers: HeaderMap
) -> list[Problem]:
    if isinstance(error, StaleActionError):
        return [Problem(row.number, headers.column_label(Field.CODE), str(error))]
    return _problems(row, error, headers)


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
    """The import stopped for a reason outside the file (`Problem.in_file` is false)."""
    message = message or _("The import failed unexpectedly. Nothing was saved.")
    return Problem(None, None, message, in_file=False)
