"""Rendering a plan's actions as an .xlsx workbook: one sheet, the Dutch headers of
`columns.EXPORTED`, real dates, every text cell neutralised against formulas (the
writing itself is exchange.tables, shared with the tender register's export)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from mvimonitor.exchange.columns import EXPORTED, Field
from mvimonitor.exchange.rows import THEME_SEPARATOR, Lookups
from mvimonitor.exchange.tables import Table, table_xlsx
from mvimonitor.exchange.values import NO, STATUS_DUTCH, YES, key
from mvimonitor.plans.workflow import Status

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, Theme

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


def render_xlsx(actions: Iterable[Action], lookups: Lookups) -> bytes:
    rows = (
        [action_cells(action, lookups)[column.field] for column in EXPORTED] for action in actions
    )
    table = Table(
        title=SHEET_TITLE,
        headers=[column.header for column in EXPORTED],
        rows=rows,
        widths=[WIDTHS.get(column.field, 16) for column in EXPORTED],
    )
    return table_xlsx(table)
