"""The columns of a plan spreadsheet: the Dutch header the export writes, the headers
an import recognises (Dutch and English), and how a header row maps onto them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from mvimonitor.kernel.imports import Problem


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


F = TypeVar("F", bound=StrEnum)


@dataclass(frozen=True)
class Column(Generic[F]):
    field: F
    header: str  # Dutch, as exported
    aliases: tuple[str, ...]  # further accepted headers, English among them
    exported: bool = True


# Headers are file content, not UI text: the same in every language of the UI.
COLUMNS: tuple[Column[Field], ...] = (
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
EXPORTED: tuple[Column[Field], ...] = tuple(c for c in COLUMNS if c.exported)
REQUIRED: tuple[Field, ...] = (Field.CODE, Field.TITLE, Field.PERIOD, Field.STATUS)
BY_FIELD: dict[Field, Column[Field]] = {c.field: c for c in COLUMNS}


def header_key(text: str) -> str:
    """Headers compare without case and without any spaces ("Status sinds" ==
    " statusSINDS")."""
    return re.sub(r"\s+", "", text).casefold()


@dataclass(frozen=True)
class HeaderMap(Generic[F]):
    """Which cell index holds which field, and the header as the file spells it (for
    messages: "Rij 4, kolom Startdatum")."""

    index: dict[F, int]
    label: dict[F, str]
    # The header each field is exported under, for a column the file does not have.
    headers: dict[F, str] = field(default_factory=dict)

    def has(self, name: F) -> bool:
        return name in self.index

    def column_label(self, name: F) -> str:
        return self.label.get(name) or self.headers.get(name) or str(name)


def match_headers(
    cells: tuple[object, ...],
    *,
    columns: Sequence[Column[F]],
    required: Sequence[F],
    row: int = 1,
) -> tuple[HeaderMap[F], list[Problem]]:
    """Map a header row onto `columns` (headers in any order, Dutch or English, without
    regard to case and spaces; unknown columns ignored); a problem for a column that
    appears twice or a required one that is missing."""
    by_key = {
        header_key(name): column.field
        for column in columns
        for name in (column.header, *column.aliases)
    }
    headers = {column.field: column.header for column in columns}
    index: dict[F, int] = {}
    label: dict[F, str] = {}
    problems: list[Problem] = []
    for position, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        found = by_key.get(header_key(text)) if text else None
        if found is None:
            continue  # unknown columns are ignored
        if found in index:
            problems.append(Problem(row, text, _("This column appears more than once.")))
            continue
        index[found] = position
        label[found] = text
    for name in required:
        if name not in index:
            problems.append(Problem(row, headers[name], _("This column is missing.")))
    return HeaderMap(index=index, label=label, headers=headers), problems


def map_headers(
    cells: tuple[object, ...], *, row: int = 1
) -> tuple[HeaderMap[Field], list[Problem]]:
    return match_headers(cells, columns=COLUMNS, required=REQUIRED, row=row)
