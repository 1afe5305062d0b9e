"""Import and export of a plan's actions as a spreadsheet.

The import checks every row first (`importing.import_rows`) and saves all rows or none:
all writes go through plans.services (history, audit trail and optimistic lock apply)
inside one transaction that writes nothing when any row is wrong. See
docs/adr/0006-plan-import.md, for saving thousands of rows at once
docs/adr/0021-fast-import-and-job-lease.md, for the guided import
docs/adr/0029-guided-import.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import Field, HeaderMap, choose_columns, header_key
from mvimonitor.exchange.importing import (
    ImportRun,
    PlanImportResult,
    Progress,
    import_rows,
    plan_lookups,
    row_problems,
)
from mvimonitor.exchange.mapping import ImportSettings, ValueChoices, saved_instead
from mvimonitor.exchange.models import ImportMapping
from mvimonitor.exchange.records import import_record_create
from mvimonitor.exchange.rows import Lookups, ParsedRow
from mvimonitor.exchange.updates import RowItem
from mvimonitor.exchange.writing import Choices, render_template, render_xlsx
from mvimonitor.kernel.imports import Problem, sort_key
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.services import StaleActionError

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.exchange.models import ImportJob
    from mvimonitor.plans.models import Action, ActionPlan

# The import's results and lookups are read here by the web, the job runner and tests.
__all__ = [
    "PlanImportResult",
    "Progress",
    "Saved",
    "import_columns_remember",
    "import_failure",
    "plan_choices",
    "plan_export_xlsx",
    "plan_import",
    "plan_lookups",
    "plan_template_xlsx",
    "run_check",
]

#: on_saved(result): called inside the import's transaction once every row is written;
#: what it writes is committed with them, and an exception it raises undoes them.
Saved = Callable[["PlanImportResult"], None]


def plan_choices(*, plan: ActionPlan) -> Choices:
    """What the drop-down lists of the plan's spreadsheets offer."""
    return Choices(
        periods=plan_selectors.plan_periods(plan=plan),
        themes=list(plan_selectors.themes_for_organisation(organisation=plan.organisation)),
        owners=list(selectors.possible_owners(plan=plan)),
    )


def _export_lookups(*, plan: ActionPlan) -> tuple[Lookups, Choices]:
    choices = plan_choices(plan=plan)
    no_actions = plan_selectors.plan_actions(plan=plan).none()
    return plan_lookups(plan=plan, actions=no_actions, choices=choices), choices


def plan_export_xlsx(*, plan: ActionPlan, actions: QuerySet[Action] | None = None) -> bytes:
    """The plan's actions (or the given ones of it) as .xlsx with drop-down lists;
    withdrawn actions are left out. Importing the file again changes nothing."""
    chosen = (
        plan_selectors.plan_actions(plan=plan) if actions is None else actions.filter(plan=plan)
    )
    lookups, choices = _export_lookups(plan=plan)
    return render_xlsx(selectors.exportable_actions(actions=chosen), lookups, choices)


def plan_template_xlsx(*, plan: ActionPlan) -> bytes:
    """An empty sheet of the plan's actions to fill in: the export's columns with its
    drop-down lists, and an instruction sheet."""
    lookups, choices = _export_lookups(plan=plan)
    return render_template(lookups, choices)


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
    return row_problems(row, error, headers)


def import_failure(message: str | None = None) -> Problem:
    """The import stopped for a reason outside the file (`Problem.in_file` is false)."""
    message = message or _("The import failed unexpectedly. Nothing was saved.")
    return Problem(None, None, message, in_file=False)
