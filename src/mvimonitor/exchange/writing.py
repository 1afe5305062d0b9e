"""Rendering a plan's actions as an .xlsx workbook: the first sheet holds the Dutch
headers of `columns.EXPORTED`, real dates, every text cell neutralised against formulas
(the writing itself is exchange.tables, shared with the tender register's export). The
columns with a fixed set of values get drop-down lists (exchange.dropdowns), in the
export as in the empty template, which adds an instruction sheet (exchange.instructions).
The import reads the first sheet only, so the other sheets never get in its way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings

from mvimonitor.exchange import instructions
from mvimonitor.exchange.columns import EXPORTED, Field
from mvimonitor.exchange.dropdowns import DropDown, add_dropdowns
from mvimonitor.exchange.rows import THEME_SEPARATOR, Lookups
from mvimonitor.exchange.tables import Table, table_workbook, workbook_bytes
from mvimonitor.exchange.values import NO, STATUS_DUTCH, YES, key
from mvimonitor.plans.workflow import Status

if TYPE_CHECKING:
    from openpyxl import Workbook

    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, Period, Theme

SHEET_TITLE = "Acties"
WIDTHS: dict[Field, int] = {
    Field.TITLE: 50,
    Field.DESCRIPTION: 60,
    Field.PERIOD: 28,
    Field.THEMES: 30,
    Field.RESULT: 40,
}


def theme_label(theme: Theme, lookups: Lookups) -> str:
    """The theme's Dutch name, or its code where the name would be read back as another
    theme (or would be split at the separator)."""
    if lookups.themes.get(key(theme.name)) == theme and THEME_SEPARATOR not in theme.name:
        return theme.name
    return theme.code


def member_label(member: User, lookups: Lookups) -> str:
    """The member's name where it names them alone, else their e-mail address."""
    if member.full_name and lookups.members.get(key(member.full_name)) == member:
        return member.full_name
    return member.email


def owner_label(action: Action, lookups: Lookups) -> str:
    owner: User | None = action.owner
    return action.owner_name if owner is None else member_label(owner, lookups)


def action_cells(action: Action, lookups: Lookups) -> dict[Field, Any]:
    status_since: date | None = getattr(action, "status_since", None)
    return {
        Field.CODE: action.code,
        Field.TITLE: action.title,
        Field.DESCRIPTION: action.description,
        Field.PERIOD: action.period.name,
        Field.THEMES: f"{THEME_SEPARATOR} ".join(
            theme_label(t, lookups) for t in action.themes.all()
        ),
        Field.STATUS: STATUS_DUTCH[Status(action.status)],
        Field.STATUS_SINCE: status_since,
        Field.OWNER: owner_label(action, lookups),
        Field.DEPARTMENT: action.department,
        Field.START_DATE: action.start_date,
        Field.DUE_DATE: action.due_date,
        Field.IS_CONTINUOUS: YES if action.is_continuous else NO,
        Field.RESULT: action.result,
        Field.ADDED_ON: action.added_on,
    }


@dataclass(frozen=True)
class Choices:
    """What the drop-down lists offer: the plan's periods, the themes an action may have
    and the colleagues who may own one."""

    periods: Sequence[Period]
    themes: Sequence[Theme]
    owners: Sequence[User]


#: The columns with a drop-down list: its defined name and whether other values are
#: refused. Thema's and Eigenaar only offer: a cell may name several themes, an owner
#: may have no account.
_LISTS: dict[Field, tuple[str, bool]] = {
    Field.PERIOD: ("Perioden", True),
    Field.THEMES: ("Themas", False),
    Field.STATUS: ("Statussen", True),
    Field.OWNER: ("Eigenaren", False),
    Field.IS_CONTINUOUS: ("JaNee", True),
}


def list_items(choices: Choices, lookups: Lookups) -> dict[Field, list[str]]:
    """Each list's items, written as the export writes the values."""
    return {
        Field.PERIOD: [period.name for period in choices.periods],
        Field.THEMES: [theme_label(theme, lookups) for theme in choices.themes],
        Field.STATUS: list(STATUS_DUTCH.values()),
        Field.OWNER: [member_label(member, lookups) for member in choices.owners],
        Field.IS_CONTINUOUS: [YES, NO],
    }


def plan_dropdowns(choices: Choices, lookups: Lookups) -> list[DropDown]:
    items = list_items(choices, lookups)
    dropdowns = []
    for position, column in enumerate(EXPORTED):
        if column.field not in _LISTS:
            continue
        name, strict = _LISTS[column.field]
        prompt_title, prompt = instructions.PROMPTS[column.field]
        error_title, error = instructions.ERRORS.get(column.field, ("", ""))
        dropdowns.append(
            DropDown(
                column=position,
                name=name,
                header=column.header,
                items=items[column.field],
                strict=strict,
                prompt_title=prompt_title,
                prompt=prompt,
                error_title=error_title,
                error=error,
            )
        )
    return dropdowns


def _workbook(rows: Iterable[list[Any]]) -> Workbook:
    return table_workbook(
        Table(
            title=SHEET_TITLE,
            headers=[column.header for column in EXPORTED],
            rows=rows,
            widths=[WIDTHS.get(column.field, 16) for column in EXPORTED],
        )
    )


def _add_dropdowns(book: Workbook, choices: Choices, lookups: Lookups) -> None:
    """The lists reach as far down as an import reads (or further, for a larger export)."""
    sheet = book.worksheets[0]
    last_row = max(settings.IMPORT_MAX_ROWS + 1, sheet.max_row)
    add_dropdowns(book, sheet, plan_dropdowns(choices, lookups), last_row=last_row)


def render_xlsx(actions: Iterable[Action], lookups: Lookups, choices: Choices) -> bytes:
    rows = (
        [action_cells(action, lookups)[column.field] for column in EXPORTED] for action in actions
    )
    book = _workbook(rows)
    _add_dropdowns(book, choices, lookups)
    return workbook_bytes(book)


def render_template(lookups: Lookups, choices: Choices) -> bytes:
    """The empty sheet of a plan's actions with its drop-down lists, and the
    instructions on a sheet of their own."""
    book = _workbook([])
    instructions.add_sheet(book)
    _add_dropdowns(book, choices, lookups)
    return workbook_bytes(book)
