"""The guided import (ADR 0029): what a file holds and how it would be read
(`inspect_import`), and what importing it would do, row by row (`import_preview`),
before anything is saved. The browser wizard and the `plan-import` command show these;
`services.plan_import` then imports with the same settings.

The preview runs the import's own steps (`services.import_rows`, and the transaction
with `plans.services.actions_save_many(check_only=True)`, rolled back), so it finds
exactly the problems the import would, and its counts are the import's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import (
    REQUIRED,
    ColumnChoice,
    Field,
    choose_columns,
    plan_columns,
)
from mvimonitor.exchange.mapping import NEW, ImportSettings
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import SheetRow, read_sheet, sheet_names
from mvimonitor.exchange.rows import THEME_SEPARATOR, unique_index
from mvimonitor.exchange.services import ImportRun, import_rows, run_check
from mvimonitor.exchange.values import cell_text, is_empty, key
from mvimonitor.kernel.imports import Problem, sort_key
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans import services as plan_services
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

__all__ = [
    "NEW",
    "ColumnChoice",
    "ImportSettings",
    "Inspection",
    "Preview",
    "PreviewRow",
    "import_preview",
    "inspect_import",
    "plan_fingerprint",
]

plan_fingerprint = selectors.plan_fingerprint


@dataclass(frozen=True)
class Inspection:
    """What the file holds and how it would be read; nothing saved."""

    sheets: list[str]
    sheet: str
    columns: list[ColumnChoice]
    left_out: list[str]  # headers not mapped to any field
    missing: list[str]  # required fields (Field values) no column maps to
    duplicates: list[str]  # fields more than one column maps to
    unknown_periods: list[str]  # cell values (as written) that match no period
    unknown_themes: list[str]  # theme tokens that match no theme
    periods: list[str]  # the plan's period names (valid choices)
    themes: list[tuple[str, str]]  # (code, name): valid theme choices
    rows: int  # data rows
    baseline_needed: bool  # some status has no date of its own
    proposed_baseline: date | None  # the plan's adoption date on its first import
    problems: list[Problem]  # file-level problems (unreadable, a baseline ahead, ...)

    @property
    def usable(self) -> bool:
        return not (self.problems or self.missing or self.duplicates)


def inspect_import(
    *, plan: ActionPlan, data: bytes, filename: str, settings: ImportSettings
) -> Inspection:
    """How the file would be read with `settings`: its sheets, which column is read as
    which field (guessed where the settings do not say), which periods and themes it
    names that the plan does not have, whether a baseline date is needed."""
    periods = plan_selectors.plan_periods(plan=plan)
    themes = list(plan_selectors.themes_for_organisation(organisation=plan.organisation))
    choices_of_plan = _PlanChoices(
        periods=[p.name for p in periods],
        themes=[(t.code, t.name) for t in sorted(themes, key=lambda t: (t.position, t.code))],
        proposed_baseline=_proposed_baseline(plan),
    )
    try:
        sheets = sheet_names(data, filename=filename)
        sheet = read_sheet(data, filename=filename, sheet=settings.sheet)
    except SpreadsheetError as error:
        return _unreadable(Problem(None, None, error.message), choices_of_plan)
    choices = choose_columns(
        sheet.header.cells,
        chosen=settings.columns,
        remembered=selectors.remembered_columns(plan=plan),
    )
    columns = plan_columns(choices)
    index = columns.headers.index
    period_keys = set(unique_index((p.name, p) for p in periods)) | {
        key(k) for k in settings.periods
    }
    theme_keys = set(unique_index((n, t) for t in themes for n in (t.code, t.name, t.name_en))) | {
        key(k) for k in settings.themes
    }
    return Inspection(
        sheets=sheets,
        sheet=sheet.name,
        columns=choices,
        left_out=columns.left_out,
        missing=columns.missing,
        duplicates=columns.duplicates,
        unknown_periods=_unknown(sheet.rows, index.get(Field.PERIOD), period_keys, split=False),
        unknown_themes=_unknown(sheet.rows, index.get(Field.THEMES), theme_keys, split=True),
        rows=len(sheet.rows),
        baseline_needed=_baseline_needed(sheet.rows, index),
        problems=_settings_problems(settings),
        periods=choices_of_plan.periods,
        themes=choices_of_plan.themes,
        proposed_baseline=choices_of_plan.proposed_baseline,
    )


@dataclass(frozen=True)
class _PlanChoices:
    periods: list[str]
    themes: list[tuple[str, str]]
    proposed_baseline: date | None


def _unreadable(problem: Problem, plan: _PlanChoices) -> Inspection:
    return Inspection(
        sheets=[],
        sheet="",
        columns=[],
        left_out=[],
        missing=[f.value for f in REQUIRED],
        duplicates=[],
        unknown_periods=[],
        unknown_themes=[],
        rows=0,
        baseline_needed=False,
        problems=[problem],
        periods=plan.periods,
        themes=plan.themes,
        proposed_baseline=plan.proposed_baseline,
    )


def _proposed_baseline(plan: ActionPlan) -> date | None:
    """On a plan's first import (no actions yet), the date its actions entered it."""
    if plan_selectors.actions_of_plan(plan=plan).exists():
        return None
    return plan_services.initial_added_on(plan=plan)


def _settings_problems(settings: ImportSettings) -> list[Problem]:
    if settings.baseline and settings.baseline > today():
        return [
            Problem(
                None,
                None,
                _(
                    "The baseline date lies in the future; a status cannot take effect "
                    "later than today."
                ),
            )
        ]
    return []


def _cell(row: SheetRow, position: int | None) -> object:
    if position is None or position >= len(row.cells):
        return None
    return row.cells[position]


def _unknown(
    rows: list[SheetRow], position: int | None, known: set[str], *, split: bool
) -> list[str]:
    """The values of the column (or, `split`, the tokens of its cells) that name none
    of `known`, as first written, in the order they first appear."""
    if position is None:
        return []
    found: dict[str, str] = {}
    for row in rows:
        cell = _cell(row, position)
        if is_empty(cell):
            continue
        text = cell_text(cell)
        tokens = text.split(THEME_SEPARATOR) if split else [text]
        for token in (t.strip() for t in tokens):
            k = key(token)
            if token and k not in known and k not in found:
                found[k] = token
    return list(found.values())


def _baseline_needed(rows: list[SheetRow], index: dict[Field, int]) -> bool:
    """Whether some row's status has no date of its own."""
    status, since = index.get(Field.STATUS), index.get(Field.STATUS_SINCE)
    if status is None:
        return False
    return any(not is_empty(_cell(row, status)) and is_empty(_cell(row, since)) for row in rows)


# -- the preview ----------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    number: int
    code: str
    title: str
    kind: str  # "new" | "changed" | "unchanged"
    changed_fields: list[str]  # Field values that change (for "changed")
    # (from status or None, to status, effective date)
    status_change: tuple[str | None, str, date] | None


@dataclass(frozen=True)
class Preview:
    rows: list[PreviewRow]
    problems: list[Problem]  # every problem of every row, as the import would report it
    created_periods: list[str]
    created_themes: list[str]
    fingerprint: str  # of the plan's state the preview was computed on
    # What the import would count (its summary): "new", "changed" (fields changed),
    # "unchanged", "status_changes"; a row whose status only changes is in none of the
    # first three, as in the import's result.
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_preview(
    *,
    plan: ActionPlan,
    data: bytes,
    filename: str,
    settings: ImportSettings,
    by: User | None,
    is_coordinator: bool,
) -> Preview:
    """What importing the file with `settings` would do, row by row, with every problem
    the import would report; nothing is saved."""
    fingerprint = selectors.plan_fingerprint(plan=plan)
    run = import_rows(
        plan=plan, data=data, filename=filename, settings=settings, is_coordinator=is_coordinator
    )
    if run.columns is not None:
        run_check(plan=plan, run=run, by=by, is_coordinator=is_coordinator)
    problems = sorted(run.result.problems + _settings_problems(settings), key=sort_key)
    rows = _preview_rows(run)
    return Preview(
        rows=rows,
        problems=problems,
        created_periods=[p.name for p in run.values.new_periods.values()] if run.values else [],
        created_themes=[t.name for t in run.values.new_themes.values()] if run.values else [],
        fingerprint=fingerprint,
        counts=_counts(run),
    )


_FIELD_OF_CHANGE = {"owner_name": Field.OWNER.value, "owner": Field.OWNER.value}


def _preview_rows(run: ImportRun) -> list[PreviewRow]:
    rows = []
    for record in run.records:
        row, item = record.row, record.item
        title = str(row.values.get(Field.TITLE, ""))
        if isinstance(item, plan_services.NewAction):
            rows.append(
                PreviewRow(
                    row.number,
                    row.code,
                    item.title,
                    "new",
                    [],
                    (None, item.status.value, item.status_since or today()),
                )
            )
            continue
        if item is None:
            rows.append(PreviewRow(row.number, row.code, title, "unchanged", [], None))
            continue
        action = item.action
        changed = sorted(
            {_FIELD_OF_CHANGE.get(name, name) for name in item.changes}
            | ({Field.THEMES.value} if item.themes is not None else set())
        )
        status = None
        if item.to_status is not None:
            status = (action.status, item.to_status.value, item.effective_on or today())
        rows.append(
            PreviewRow(row.number, row.code, title or action.title, "changed", changed, status)
        )
    return rows


def _counts(run: ImportRun) -> dict[str, int]:
    counts = {"new": 0, "changed": 0, "unchanged": 0, "status_changes": 0}
    for record in run.records:
        outcome = record.outcome
        counts["new"] += outcome.created
        counts["changed"] += outcome.updated
        counts["status_changes"] += outcome.status_changed
        counts["unchanged"] += not (outcome.created or outcome.updated or outcome.status_changed)
    return counts
