"""Loading the official CPV list (codes with check digit, Dutch and English names) into
the CpvCode reference table: all rows or none, updating names of codes already held,
so that loading the same file twice changes nothing.

The EU publishes the list as a spreadsheet with a column CODE ("03000000-1") and one
column per language (BG, CS, ..., EN, ..., NL, ...); any order of columns is accepted.
The file's check digits are taken as they are: the official list is the authority for
them (see procurement.cpv)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mvimonitor.kernel.imports import Problem
from mvimonitor.procurement.models import CpvCode

_CODE = re.compile(r"^(\d{8})-(\d)$")
#: Column headers, compared without case and surrounding spaces.
CODE, DUTCH, ENGLISH = "code", "nl", "en"
NAME_MAX = CpvCode._meta.get_field("name").max_length or 400


@dataclass
class CpvImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Row:
    code: str
    check_digit: str
    name: str
    name_en: str


def _columns(header: Sequence[Any]) -> tuple[dict[str, int], list[Problem]]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = str(cell or "").strip().lower()
        if key in (CODE, DUTCH, ENGLISH) and key not in columns:
            columns[key] = index
    problems = [
        Problem(
            row=None,
            column=None,
            message=_("The file has no column “%(column)s”.") % {"column": name.upper()},
        )
        for name in (CODE, DUTCH)
        if name not in columns
    ]
    return columns, problems


def _cell(cells: Sequence[Any], index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    return " ".join(str(cells[index]).split())


def _parse_row(
    number: int, cells: Sequence[Any], columns: dict[str, int], seen: dict[str, int]
) -> tuple[_Row | None, list[Problem]]:
    problems: list[Problem] = []
    raw_code = _cell(cells, columns[CODE]).replace(" ", "")
    name, name_en = _cell(cells, columns[DUTCH]), _cell(cells, columns.get(ENGLISH))
    match = _CODE.match(raw_code)
    if not match:
        problems.append(
            Problem(
                row=number,
                column="CODE",
                message=_("“%(value)s” is not a CPV code with check digit, such as 03000000-1.")
                % {"value": raw_code},
            )
        )
    elif match.group(1) in seen:
        problems.append(
            Problem(
                row=number,
                column="CODE",
                message=_("The code %(code)s is also in row %(row)s.")
                % {"code": raw_code, "row": seen[match.group(1)]},
            )
        )
    if not name:
        problems.append(Problem(row=number, column="NL", message=_("The Dutch name is empty.")))
    for column, value in (("NL", name), ("EN", name_en)):
        if len(value) > NAME_MAX:
            problems.append(
                Problem(
                    row=number,
                    column=column,
                    message=_("The name is longer than %(max)s characters.") % {"max": NAME_MAX},
                )
            )
    if problems or match is None:
        return None, problems
    seen[match.group(1)] = number
    return _Row(match.group(1), match.group(2), name, name_en), []


def cpv_rows_check(
    *, header: Sequence[Any], rows: Sequence[tuple[int, Sequence[Any]]]
) -> tuple[list[_Row], list[Problem]]:
    """Parse the sheet's rows (row number, cells): the CPV rows, or every problem."""
    columns, problems = _columns(header)
    if problems:
        return [], problems
    parsed: list[_Row] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        row, row_problems = _parse_row(number, cells, columns, seen)
        problems.extend(row_problems)
        if row is not None:
            parsed.append(row)
    if not parsed and not problems:
        problems.append(Problem(row=None, column=None, message=_("The file has no codes.")))
    return parsed, problems


@transaction.atomic
def cpv_import(
    *, header: Sequence[Any], rows: Sequence[tuple[int, Sequence[Any]]]
) -> CpvImportResult:
    """Add the file's codes to the CPV table and update the names and check digits of
    codes already held; nothing is saved when any row is wrong."""
    parsed, problems = cpv_rows_check(header=header, rows=rows)
    result = CpvImportResult(problems=problems)
    if problems:
        return result
    existing = {c.code: c for c in CpvCode.objects.filter(code__in=[r.code for r in parsed])}
    new: list[CpvCode] = []
    changed: list[CpvCode] = []
    for row in parsed:
        current = existing.get(row.code)
        if current is None:
            new.append(
                CpvCode(
                    code=row.code,
                    check_digit=row.check_digit,
                    name=row.name,
                    name_en=row.name_en,
                )
            )
        elif (current.check_digit, current.name, current.name_en) != (
            row.check_digit,
            row.name,
            row.name_en,
        ):
            current.check_digit, current.name, current.name_en = (
                row.check_digit,
                row.name,
                row.name_en,
            )
            changed.append(current)
    CpvCode.objects.bulk_create(new, batch_size=500)
    CpvCode.objects.bulk_update(changed, ["check_digit", "name", "name_en"], batch_size=500)
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(parsed) - len(new) - len(changed)
    return result
