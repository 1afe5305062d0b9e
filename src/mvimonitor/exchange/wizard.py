"""What the guided import's pages show besides the forms: the steps, a few example
values per column, and a preview cut to a size a browser shows quickly (10,000 rows
must not make a page of megabytes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mvimonitor.exchange.guided import ColumnChoice, ImportSettings, Preview, PreviewRow
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import read_sheet
from mvimonitor.exchange.wizard_forms import field_label
from mvimonitor.kernel.imports import Problem
from mvimonitor.plans.workflow import Status

if TYPE_CHECKING:
    from mvimonitor.exchange.models import ImportJob

STEP_FILE, STEP_COLUMNS, STEP_VALUES, STEP_PREVIEW = 1, 2, 3, 4
STEP_TITLES: dict[int, Promise] = {
    STEP_FILE: _("Choose the file"),
    STEP_COLUMNS: _("Match the columns"),
    STEP_VALUES: _("Values and baseline date"),
    STEP_PREVIEW: _("Check"),
}
#: The rows (new or changed) and problems a preview page lists; the rest are counted.
PREVIEW_ROWS = 200
PREVIEW_PROBLEMS = 200
EXAMPLES = 3
EXAMPLE_LENGTH = 40


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    url: str
    is_current: bool
    is_reachable: bool  # done before, or the next one to do: a link in the stepper


def steps(*, current: int, done: int, urls: Mapping[int, str]) -> list[Step]:
    """The stepper: every step, the current one marked, those done or next linked."""
    return [
        Step(
            number=number,
            title=str(title),
            url=urls[number],
            is_current=number == current,
            is_reachable=number <= done + 1,
        )
        for number, title in STEP_TITLES.items()
    ]


def settings_of(job: ImportJob) -> ImportSettings:
    return ImportSettings.from_json(job.settings) if job.settings else ImportSettings()


def column_examples(
    *, job: ImportJob, settings: ImportSettings, columns: Sequence[ColumnChoice]
) -> dict[int, list[str]]:
    """A few different values of each column (by position), shortened, as the user
    would recognise them; none when the file cannot be read (the page says why)."""
    try:
        sheet = read_sheet(bytes(job.content), filename=job.file_name, sheet=settings.sheet)
    except SpreadsheetError:
        return {}
    examples: dict[int, list[str]] = {column.position: [] for column in columns}
    for row in sheet.rows:
        for position, found in examples.items():
            if len(found) >= EXAMPLES or position >= len(row.cells):
                continue
            text = _example(row.cells[position])
            if text and text not in found:
                found.append(text)
        if all(len(found) >= EXAMPLES for found in examples.values()):
            break
    return examples


def _example(cell: object) -> str:
    text = " ".join(str(cell).split()) if cell is not None else ""
    return text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1] + "…"


@dataclass(frozen=True)
class PreviewLine:
    """One row of the preview as the table shows it."""

    number: int
    code: str
    title: str
    kind: str  # "new" | "changed"
    changed: list[str]  # the fields that change, in words
    status_from: str  # the status before, in words; "" for a new action
    status_to: str  # "" when the status does not change
    status_on: date | None


def _line(row: PreviewRow) -> PreviewLine:
    change = row.status_change
    return PreviewLine(
        number=row.number,
        code=row.code,
        title=row.title,
        kind=row.kind,
        changed=[field_label(name) for name in row.changed_fields],
        status_from=_status_label(change[0]) if change else "",
        status_to=_status_label(change[1]) if change else "",
        status_on=change[2] if change else None,
    )


def _status_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(Status(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class PreviewPage:
    """The preview as one page shows it: the counts, the first new and changed rows,
    the first problems, and how many of each are not listed."""

    counts: Mapping[str, int]
    rows: list[PreviewLine]
    rows_not_shown: int
    problems: list[Problem]
    problems_not_shown: int
    created_periods: list[str]
    created_themes: list[str]
    fingerprint: str

    @property
    def importable(self) -> bool:
        return not self.problems

    @property
    def problems_in_file(self) -> bool:
        return any(problem.in_file for problem in self.problems)


def preview_page(preview: Preview) -> PreviewPage:
    changing = [row for row in preview.rows if row.kind != "unchanged"]
    return PreviewPage(
        counts=preview.counts,
        rows=[_line(row) for row in changing[:PREVIEW_ROWS]],
        rows_not_shown=max(0, len(changing) - PREVIEW_ROWS),
        problems=preview.problems[:PREVIEW_PROBLEMS],
        problems_not_shown=max(0, len(preview.problems) - PREVIEW_PROBLEMS),
        created_periods=preview.created_periods,
        created_themes=preview.created_themes,
        fingerprint=preview.fingerprint,
    )
