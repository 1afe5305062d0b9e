"""What the tender and contract imports share: checking rows against the columns,
the result, and saving all rows or none (each row in a savepoint, so that what the
services refuse is collected for every row; the whole is rolled back on any problem),
as the plan import does (docs/adr/0006-plan-import.md)."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import HeaderMap
from mvimonitor.exchange.reading import SheetRow
from mvimonitor.exchange.values import is_empty, refuse_formula_without_value
from mvimonitor.kernel.imports import ImportResult, Problem, sort_key
from mvimonitor.kernel.locking import StaleRecordError
from mvimonitor.utils.text import strip_control

F = TypeVar("F", bound=StrEnum)


@dataclass
class ParsedRow(Generic[F]):
    number: int
    reference: str
    values: dict[F, Any] = field(default_factory=dict)

    def has(self, name: F) -> bool:
        return name in self.values


@dataclass(frozen=True)
class Outcome:
    created: bool = False
    updated: bool = False
    phase_changed: bool = False


class RegisterImportResult(ImportResult):
    """What a tender or contract import did; its history rows are phase changes."""

    history_key = "phase_changes"


class RowParser(ABC, Generic[F]):
    """Checks one row's cells; subclasses say how each column's cell is read."""

    required: Sequence[F] = ()
    reference: F

    def __init__(self, headers: HeaderMap[F]) -> None:
        self.headers = headers
        self.seen: dict[str, int] = {}

    @abstractmethod
    def value(self, name: F, cell: Any) -> Any:
        """The cell of column `name` read as that column's value; ValueError if it cannot be."""

    def check(self, parsed: ParsedRow[F]) -> list[Problem]:
        """Checks across the cells of a row; none by default."""
        return []

    def problem(self, row: int, name: F, message: str) -> Problem:
        return Problem(row, self.headers.column_label(name), message)

    def parse(self, row: SheetRow) -> tuple[ParsedRow[F] | None, list[Problem]]:
        problems: list[Problem] = []
        parsed: ParsedRow[F] = ParsedRow(number=row.number, reference="")
        for name, position in self.headers.index.items():
            cell = row.cells[position] if position < len(row.cells) else None
            try:
                refuse_formula_without_value(cell)
                if name in self.required and is_empty(cell):
                    raise ValueError(_("This value is required."))
                parsed.values[name] = self.value(name, cell)
            except ValueError as error:
                problems.append(self.problem(row.number, name, str(error)))
        parsed.reference = parsed.values.get(self.reference) or ""
        problems += self._check_reference(parsed)
        if not problems:
            problems += self.check(parsed)
        return (None if problems else parsed), problems

    def _check_reference(self, parsed: ParsedRow[F]) -> list[Problem]:
        if not parsed.reference:
            return []
        first = self.seen.setdefault(parsed.reference.casefold(), parsed.number)
        if first == parsed.number:
            return []
        return [
            self.problem(
                parsed.number,
                self.reference,
                _("The reference “%(reference)s” is also in row %(row)s; it may appear only once.")
                % {"reference": parsed.reference, "row": first},
            )
        ]


def parse_rows(
    parser: RowParser[F], rows: Sequence[SheetRow], result: RegisterImportResult
) -> list[ParsedRow[F]]:
    parsed: list[ParsedRow[F]] = []
    for row in rows:
        ok, problems = parser.parse(row)
        result.problems += problems
        if ok is not None:
            parsed.append(ok)
    return parsed


@transaction.atomic
def save_rows(
    rows: Sequence[ParsedRow[F]],
    *,
    apply: Callable[[ParsedRow[F]], Outcome],
    headers: HeaderMap[F],
    column_of: dict[str, F],
    reference: F,
    result: RegisterImportResult,
) -> None:
    """Apply every checked row, each in a savepoint; roll all of it back if anything in
    the file was wrong. `column_of` maps a service's field names to columns."""
    for row in rows:
        try:
            with transaction.atomic():
                outcome = apply(row)
        except StaleRecordError as error:  # before ValidationError, which it is
            result.problems.append(Problem(row.number, headers.column_label(reference), str(error)))
            continue
        except ValidationError as error:
            result.problems += _problems(row.number, error, headers, column_of)
            continue
        result.count(
            created=outcome.created,
            updated=outcome.updated,
            history_changed=outcome.phase_changed,
        )
    result.problems.sort(key=sort_key)
    if result.problems:
        transaction.set_rollback(True)
        result.discard_counts()


def _problems(
    row: int, error: ValidationError, headers: HeaderMap[F], column_of: dict[str, F]
) -> list[Problem]:
    if not hasattr(error, "error_dict"):
        return [Problem(row, None, message) for message in error.messages]
    problems = []
    for name, messages in error.message_dict.items():
        column = column_of.get(name)
        label = headers.column_label(column) if column else None
        problems += [Problem(row, label, message) for message in messages]
    return problems


def same_text(current: str, new: str) -> bool:
    """Text as a file can hold it (no control characters, line feeds) and as a cell
    gives it back compares equal to what is stored."""
    return strip_control(current) == new
