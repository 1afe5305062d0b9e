"""Import and export of a plan's actions as a spreadsheet.

The import checks every row first and saves all rows or none: all writes go through
plans.services (history, audit trail and optimistic lock apply) inside one transaction
that writes nothing when any row is wrong. See docs/adr/0006-plan-import.md and, for
saving thousands of rows at once, docs/adr/0021-fast-import-and-job-lease.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import (
    ColumnChoice,
    ColumnPlan,
    Field,
    HeaderMap,
    choose_columns,
    column_problems,
    header_key,
    plan_columns,
)
from mvimonitor.exchange.mapping import ImportSettings, ValueChoices, saved_instead
from mvimonitor.exchange.models import ImportMapping
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

    #: The plan changed since the preview the import was confirmed on: nothing saved.
    plan_changed: bool = False
    #: The headers of the columns the import did not read (the guided import lists them).
    left_out: list[str] = field(default_factory=list)


def plan_lookups(
    *,
    plan: ActionPlan,
    actions: QuerySet[Action] | None = None,
    choices: ValueChoices | None = None,
) -> Lookups:
    return Lookups.build(
        periods=plan_selectors.plan_periods(plan=plan),
        themes=plan_selectors.themes_for_organisation(organisation=plan.organisation),
        members=selectors.organisation_members(plan=plan),
        actions=actions if actions is not None else selectors.import_targets(plan=plan),
        max_lengths=plan_selectors.action_text_max_lengths(),
        choices=choices,
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
    settings: ImportSettings | None = None,
    expected_fingerprint: str | None = None,
    job: ImportJob | None = None,
) -> PlanImportResult:
    """Upsert the plan's actions from a spreadsheet, all or nothing, leaving a record
    of what it wrote (`result.record`, for undoing it; `job` is the job it ran in, if
    any). The caller sets who acts for the audit trail (audit.context.acting_as).

    `settings`: what the user confirmed in the guided import (ADR 0029): the sheet, the
    columns (remembered for the plan's next import), the value mapping, the baseline
    date; None reads the first sheet by its headers (the export's own, or synonyms).
    `expected_fingerprint`: the plan's fingerprint when the preview was made; when the
    plan changed since, nothing is saved and `result.plan_changed` is set."""
    report = progress or (lambda stage, done, total: None)
    run = import_rows(
        plan=plan,
        data=data,
        filename=filename,
        settings=settings,
        is_coordinator=is_coordinator,
        progress=report,
    )
    result = run.result
    if run.columns is None:
        return result
    report("validated", result.rows, result.rows)
    report("saving", 0, result.rows)
    _save(
        plan=plan,
        run=run,
        by=by,
        is_coordinator=is_coordinator,
        on_saved=on_saved,
        expected_fingerprint=expected_fingerprint,
        remember=settings is not None,
        origin=(filename, job),
    )
    result.problems.sort(key=sort_key)
    return result


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
    lookups = plan_lookups(plan=plan, choices=values)
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
            result.problems += _problems(row, error, headers)
            continue
        if item is None:
            result.count(created=False, updated=False, history_changed=False)
        records.append(RowRecord(row, item, outcome))
    return records


def plan_changed_problem() -> Problem:
    return Problem(
        None,
        None,
        _(
            "The plan was changed since the preview was made, so nothing was saved. Look "
            "at the preview again and confirm it."
        ),
        in_file=False,
    )


@transaction.atomic
def _save(
    *,
    plan: ActionPlan,
    run: ImportRun,
    by: User | None,
    is_coordinator: bool,
    on_saved: Saved | None = None,
    expected_fingerprint: str | None = None,
    remember: bool = False,
    check_only: bool = False,
    origin: tuple[str, ImportJob | None] = ("", None),
) -> None:
    """Save every row at once (plans.services.actions_save_many: the single-action
    services' rules, history and audit trail, a few hundred queries for thousands of
    rows) with the periods and themes the file creates, or nothing when anything in the
    file was wrong (or `check_only`); the refusals of every row are collected."""
    result, headers = run.result, run.columns.headers if run.columns else HeaderMap({}, {})
    if expected_fingerprint is not None and expected_fingerprint != selectors.plan_fingerprint(
        plan=plan
    ):
        result.plan_changed = True
        result.problems.append(plan_changed_problem())
        result.discard_counts()
        return
    check_only = check_only or bool(result.problems)
    records = [r for r in run.records if r.item is not None]
    items: list[RowItem] = [r.item for r in records if r.item is not None]
    created: tuple[list[int], list[int]] = ([], [])
    if not check_only and run.values is not None and run.values.creates:
        try:
            saved = run.values.save()
        except ValidationError as error:
            result.problems += [Problem(None, None, m) for m in error.messages]
            check_only, saved = True, {}
        items = [saved_instead(item, saved) for item in items]
        created = _created_setup(run.values, saved)
    written = plan_services.Written()
    refusals = plan_services.actions_save_many(
        plan=plan,
        items=items,
        by=by,
        is_coordinator=is_coordinator,
        check_only=check_only,
        written=written,
    )
    for index, refusal in refusals.items():
        result.problems += _refusal_problems(records[index].row, refusal, headers)
    if result.problems or check_only:
        transaction.set_rollback(True)
        if result.problems:
            result.discard_counts()
        return
    for record in records:
        outcome = record.outcome
        result.count(
            created=outcome.created, updated=outcome.updated, history_changed=outcome.status_changed
        )
    if remember:
        import_columns_remember(
            plan=plan, columns={header_key(c.header): c.field for c in run.choices}
        )
    file_name, job = origin
    result.record = import_record_create(
        plan=plan,
        written=written,
        result=result,
        file_name=file_name,
        by=by,
        job=job,
        created_periods=created[0],
        created_themes=created[1],
    )
    if on_saved is not None:
        on_saved(result)


def _created_setup(values: ValueChoices, saved: Mapping[int, Any]) -> tuple[list[int], list[int]]:
    """The ids of the periods and themes the import created, for undoing it."""
    periods = [saved[id(p)].pk for p in values.new_periods.values() if id(p) in saved]
    themes = [saved[id(t)].pk for t in values.new_themes.values() if id(t) in saved]
    return periods, themes


def run_check(*, plan: ActionPlan, run: ImportRun, by: User | None, is_coordinator: bool) -> None:
    """The import's transaction without its writes: every row checked by plans.services
    as the import would, the refusals added to `run.result`; then rolled back."""
    _save(plan=plan, run=run, by=by, is_coordinator=is_coordinator, check_only=True)


def import_columns_remember(*, plan: ActionPlan, columns: Mapping[str, str]) -> None:
    """Keep the column mapping a plan's import was confirmed with ({header_key: Field
    value or ""}), for its next import (ADR 0029). Only what the headers alone would not
    say is kept, merged with what was kept before: a file whose headers say it all (an
    export) writes nothing, and a mapping once given is not forgotten by an import of
    another file."""
    stored = ImportMapping.objects.filter(plan=plan).first()
    before = dict(stored.columns) if stored else {}
    after = dict(before)
    plain = choose_columns(tuple(columns), chosen=None, remembered={})
    for choice in plain:
        wanted = columns[choice.header]
        if wanted == choice.field:
            after.pop(choice.header, None)
        else:
            after[choice.header] = wanted
    if after == before:
        return
    if stored is None:
        ImportMapping.objects.create(plan=plan, columns=after)
    else:
        stored.columns = after
        stored.save(update_fields=["columns"])


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
