"""Rendering a plan's actions as an .xlsx workbook: one sheet, the Dutch headers of
`columns.EXPORTED`, real dates, every text cell neutralised against formulas."""

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mvimonitor.accounts.models import User
from mvimonitor.exchange.columns import EXPORTED, Field
from mvimonitor.exchange.rows import THEME_SEPARATOR, Lookups
from mvimonitor.exchange.values import NO, STATUS_DUTCH, YES, key
from mvimonitor.plans.models import Action, Theme
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.spreadsheet import neutralise

SHEET_TITLE = "Acties"
DATE_FORMAT = "DD-MM-YYYY"
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


def owner_label(action: Action, lookups: Lookups) -> str:
    owner: User | None = action.owner
    if owner is None:
        return action.owner_name
    if owner.full_name and lookups.members.get(key(owner.full_name)) == owner:
        return owner.full_name
    return owner.email


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


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value) or None
    return value


def render_xlsx(actions: Iterable[Action], lookups: Lookups) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet  # noqa: S101
    sheet.title = SHEET_TITLE
    sheet.append([column.header for column in EXPORTED])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for action in actions:
        values = action_cells(action, lookups)
        sheet.append([_cell(values[column.field]) for column in EXPORTED])
    for position, column in enumerate(EXPORTED, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = WIDTHS.get(column.field, 16)
        if isinstance(column.field, Field) and column.field in (
            Field.STATUS_SINCE,
            Field.START_DATE,
            Field.DUE_DATE,
            Field.ADDED_ON,
        ):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.number_format = DATE_FORMAT
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
