"""The columns of a plan spreadsheet: the Dutch header the export writes, the headers
an import recognises (Dutch and English), and how a header row maps onto them."""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from mvimonitor.exchange.problems import Problem


class Field(StrEnum):
    CODE = "code"
    TITLE = "title"
    DESCRIPTION = "description"
    PERIOD = "period"
    THEMES = "themes"
    STATUS = "status"
    STATUS_SINCE = "status_since"
    OWNER = "owner"
    DEPARTMENT = "department"
    START_DATE = "start_date"
    DUE_DATE = "due_date"
    IS_CONTINUOUS = "is_continuous"
    RESULT = "result"
    ADDED_ON = "added_on"
    NOTE = "note"


@dataclass(frozen=True)
class Column:
    field: Field
    header: str  # Dutch, as exported
    aliases: tuple[str, ...]  # further accepted headers, English among them
    exported: bool = True


# Headers are file content, not UI text: the same in every language of the UI.
COLUMNS: tuple[Column, ...] = (
    Column(Field.CODE, "Code", ()),
    Column(Field.TITLE, "Titel", ("Title",)),
    Column(Field.DESCRIPTION, "Omschrijving", ("Description", "Beschrijving")),
    Column(Field.PERIOD, "Periode", ("Period",)),
    Column(Field.THEMES, "Thema's", ("Themes", "Thema\u2019s", "Themas", "Thema")),
    Column(Field.STATUS, "Status", ()),
    Column(Field.STATUS_SINCE, "Status sinds", ("Status since",)),
    Column(Field.OWNER, "Eigenaar", ("Owner",)),
    Column(Field.DEPARTMENT, "Afdeling", ("Department",)),
    Column(Field.START_DATE, "Startdatum", ("Start date",)),
    Column(Field.DUE_DATE, "Einddatum", ("Due date", "End date")),
    Column(Field.IS_CONTINUOUS, "Doorlopend", ("Continuous",)),
    Column(Field.RESULT, "Resultaat", ("Result",)),
    Column(Field.ADDED_ON, "Toegevoegd op", ("Added on",)),
    # Only read: the note of a status change made by the import (a completed action
    # that runs again needs one). See docs/adr/0006-plan-import.md.
    Column(Field.NOTE, "Toelichting", ("Note",), exported=False),
)
EXPORTED: tuple[Column, ...] = tuple(c for c in COLUMNS if c.exported)
REQUIRED: tuple[Field, ...] = (Field.CODE, Field.TITLE, Field.PERIOD, Field.STATUS)
BY_FIELD: dict[Field, Column] = {c.field: c for c in COLUMNS}


def header_key(text: str) -> str:
    """Headers compare without case and without any spaces ("Status sinds" ==
    " statusSINDS")."""
    return re.sub(r"\s+", "", text).casefold()


_BY_KEY: dict[str, Field] = {
    header_key(name): column.field
    for column in COLUMNS
    for name in (column.header, *column.aliases)
}


@dataclass(frozen=True)
class HeaderMap:
    """Which cell index holds which field, and the header as the file spells it (for
    messages: "Rij 4, kolom Startdatum")."""

    index: dict[Field, int]
    label: dict[Field, str]

    def has(self, field: Field) -> bool:
        return field in self.index

    def column_label(self, field: Field) -> str:
        return self.label.get(field, BY_FIELD[field].header)


def map_headers(cells: tuple[object, ...], *, row: int = 1) -> tuple[HeaderMap, list[Problem]]:
    index: dict[Field, int] = {}
    label: dict[Field, str] = {}
    problems: list[Problem] = []
    for position, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        field = _BY_KEY.get(header_key(text)) if text else None
        if field is None:
            continue  # unknown columns are ignored
        if field in index:
            problems.append(Problem(row, text, _("This column appears more than once.")))
            continue
        index[field] = position
        label[field] = text
    for field in REQUIRED:
        if field not in index:
            problems.append(Problem(row, BY_FIELD[field].header, _("This column is missing.")))
    return HeaderMap(index=index, label=label), problems
