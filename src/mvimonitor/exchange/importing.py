"""The import's steps before its transaction: read the sheet, place its columns (the
user's choice, the plan's memory, the headers), check every row against the plan, and
work out what each row changes. Nothing is written; `services.plan_import` then saves
the rows in one transaction, and `guided.import_preview` shows them (ADR 0029)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import (
    ColumnChoice,
    ColumnPlan,
    Field,
    HeaderMap,
    choose_columns,
    column_problems,
    plan_columns,
)
from mvimonitor.exchange.mapping import ImportSettings, ValueChoices, settings_problems
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import SheetRow, read_sheet
from mvimonitor.exchange.rows import Lookups, ParsedRow, RowParser
from mvimonitor.exchange.updates import Outcome, RowItem, row_item
from mvimonitor.exchange.writing import Choices
from mvimonitor.kernel.imports import ImportResult, Problem
from mvimonitor.plans import selectors as plan_selectors

if TYPE_CHECKING:
    from mvimonitor.exchange.models import PlanImportRecord
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


@dataclass
class PlanImportResult(ImportResult):
    """What a plan import did; its history rows are status changes. `record`: what it
    wrote, for undoing it (None when it wrote nothing)."""

    history_key = "status_changes"
    record: PlanImportRecord | None = None

    #: The plan changed since the preview the import was confirmed on: nothing saved.
    plan_changed: bool = False
    #: The headers of the columns the import did not read (the guided import lists them).
    left_out: list[str] = field(default_factory=list)


def plan_lookups(
    *,
    plan: ActionPlan,
    actions: QuerySet[Action] | None = None,
    choices: Choices | None = None,
    values: ValueChoices | None = None,
) -> Lookups:
    """What rows are checked against: the plan's periods and themes (those of the
    drop-down lists, `choices`, when the export has read them already), its members
    and actions, and the user's value mapping (`values`, guided import)."""
    return Lookups.build(
        periods=choices.periods if choices else plan_selectors.plan_periods(plan=plan),
        themes=(
            choices.themes
            if choices
            else plan_selectors.themes_for_organisation(organisation=plan.organisation)
        ),
        members=selectors.organisation_members(plan=plan),
        actions=actions if actions is not None else selectors.import_targets(plan=plan),
        max_lengths=plan_selectors.action_text_max_lengths(),
        choices=values,
    )


@dataclass(frozen=True)
class RowRecord:
    """A row that passed its own checks: what it asks to save (None: nothing) and what
    that is."""

    row: ParsedRow
    item: RowItem | None
    outcome: Outcome


@dataclass
class ImportRun:
    """What an import read from a file and asks of each row, before anything is saved."""

    result: PlanImportResult
    choices: list[ColumnChoice] = field(default_factory=list)
    columns: ColumnPlan | None = None  # None: the file or its header row stopped it
    records: list[RowRecord] = field(default_factory=list)
    values: ValueChoices | None = None


def import_rows(
    *,
    plan: ActionPlan,
    data: bytes,
    filename: str,
    settings: ImportSettings | None,
    is_coordinator: bool,
    progress: Progress | None = None,
) -> ImportRun:
    """Read the file and check every row as the import does, saving nothing: the steps
    of `plan_import` before its transaction, which the preview (guided) runs too."""
    report = progress or (lambda stage, done, total: None)
    try:
        sheet = read_sheet(
            data,
            filename=filename,
            on_row=lambda n: report("read", n, 0),
            sheet=settings.sheet if settings else None,
        )
    except SpreadsheetError as error:
        return ImportRun(PlanImportResult(problems=[Problem(None, None, error.message)]))
    stop = settings_problems(settings) if settings else []
    if stop:
        return ImportRun(PlanImportResult(problems=stop, rows=len(sheet.rows)))
    remembered = selectors.remembered_columns(plan=plan) if settings is not None else {}
    choices = choose_columns(
        sheet.header.cells,
        chosen=settings.columns if settings else None,
        remembered=remembered,
    )
    columns = plan_columns(choices)
    problems = column_problems(columns, choices, row=sheet.header.number)
    result = PlanImportResult(problems=problems, rows=len(sheet.rows), left_out=columns.left_out)
    if problems:
        return ImportRun(result, choices)
    values = ValueChoices.of(
        plan=plan, settings=settings or ImportSettings(), may_create=is_coordinator
    )
    lookups = plan_lookups(plan=plan, values=values)
    parsed = _parse(sheet.rows, RowParser(columns.headers, lookups), result, report)
    # What each row changes, compared with what was read: outside the transaction, so
    # that SQLite's write lock is held for the writes only.
    records = _records(
        plan=plan,
        rows=parsed,
        lookups=lookups,
        headers=columns.headers,
        result=result,
        baseline=settings.baseline if settings else None,
    )
    return ImportRun(result, choices, columns, records, values)


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


def _records(
    *,
    plan: ActionPlan,
    rows: list[ParsedRow],
    lookups: Lookups,
    headers: HeaderMap,
    result: PlanImportResult,
    baseline: date | None,
) -> list[RowRecord]:
    """What each row asks to save; a row that changes nothing is counted unchanged, one
    the file gets wrong (an end date before the start, ...) becomes a problem."""
    records: list[RowRecord] = []
    for row in rows:
        try:
            item, outcome = row_item(plan=plan, row=row, lookups=lookups, baseline=baseline)
        except ValidationError as error:
            result.problems += row_problems(row, error, headers)
            continue
        if item is None:
            result.count(created=False, updated=False, history_changed=False)
        records.append(RowRecord(row, item, outcome))
    return records


def row_problems(row: ParsedRow, error: ValidationError, headers: HeaderMap) -> list[Problem]:
    if not hasattr(error, "error_dict"):
        return [Problem(row.number, None, message) for message in error.messages]
    problems = []
    for name, messages in error.message_dict.items():
        column = _COLUMN_OF_FIELD.get(name)
        label = headers.column_label(column) if column else None
        problems += [Problem(row.number, label, message) for message in messages]
    return problems
