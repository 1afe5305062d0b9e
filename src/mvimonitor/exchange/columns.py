"""The columns of a plan spreadsheet: the Dutch header the export writes, the headers
an import recognises (Dutch and English), and how a header row maps onto them."""

import re
import unicodedata
from collections.abc import Mapping, Sequence
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


#: Further headers the guided import guesses a column from (ADR 0029): what Dutch
#: municipalities call the columns of their own lists, and the English words. Weaker
#: than a column's own header and aliases: when a file has both "Eigenaar" and
#: "Trekker", "Eigenaar" is the owner and "Trekker" is left out (and listed).
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.CODE: ("Nr", "Nr.", "Nummer", "Actienummer", "Actienr", "No.", "Number", "Id", "#"),
    Field.TITLE: (
        "Actie",
        "Omschrijving actie",
        "Action",
        "Naam",
        "Naam actie",
        "Actienaam",
        "Maatregel",
    ),
    Field.PERIOD: ("Categorie", "Fase", "Category", "Phase"),
    Field.THEMES: ("MVI-thema", "MVI-thema's", "Theme"),
    Field.STATUS: ("Stand", "Actiestatus"),
    Field.STATUS_SINCE: ("Statusdatum", "Datum status", "Status per"),
    Field.OWNER: (
        "Trekker",
        "Verantwoordelijke",
        "Verantwoordelijk",
        "Actiehouder",
        "Eigenaar actie",
        "Responsible",
    ),
    Field.DEPARTMENT: ("Team", "Afdeling/team"),
    Field.START_DATE: ("Start", "Begindatum", "Begin", "Startdatum actie"),
    Field.DUE_DATE: ("Gereed", "Deadline", "Klaar op", "Gereed op", "Einde", "Opleverdatum"),
    Field.IS_CONTINUOUS: ("Doorlopende actie",),
    Field.RESULT: ("Resultaten", "Behaald resultaat"),
    Field.ADDED_ON: ("Toegevoegd",),
}
#: A description header names the title when no column names the title: a list of
#: "Nr., Omschrijving, Status" describes each action in one column, its title. With a
#: title column next to it, it stays the description, as the export writes it.
TITLE_WHEN_ALONE: Field = Field.DESCRIPTION


def fold(text: str) -> str:
    """Text without accents and case: "Thema's Één" -> "thema's een"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def header_key(text: str) -> str:
    """Headers compare without case, accents, spaces and punctuation ("Status sinds" ==
    " statusSINDS", "Nr." == "nr", "Thema's" == "Themas"). A header of punctuation only
    ("#") is its own key."""
    folded = fold(text)
    letters = "".join(c for c in folded if c.isalnum())
    return letters or re.sub(r"\s+", "", folded)


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


# -- the guided import's column mapping (ADR 0029) ------------------------------------

#: How sure a guess is, weakest first: the strongest claim on a field wins it.
_SYNONYM, _OWN_HEADER, _REMEMBERED, _CHOSEN = 1, 2, 3, 4

_FIELD_VALUES = frozenset(f.value for f in Field)
_OWN_KEYS: dict[str, Field] = {
    header_key(name): column.field
    for column in COLUMNS
    for name in (column.header, *column.aliases)
}
_SYNONYM_KEYS: dict[str, Field] = {
    header_key(name): name_field for name_field, names in SYNONYMS.items() for name in names
}


@dataclass(frozen=True)
class ColumnChoice:
    """What one column of the file is read as."""

    position: int  # 0-based cell index
    header: str  # as the file spells it
    field: str  # a Field value, or "" when the column is left out
    guessed: bool  # True when it came from synonyms or memory, not from the user


def field_named(text: str) -> str | None:
    """The Field value a person means by `text`: the field's code ("due_date"), its
    Dutch or English header ("Einddatum", "Due date"), or "-" / "" for "leave out";
    None when it names no field."""
    text = text.strip()
    if text in ("", "-"):
        return ""
    if text in _FIELD_VALUES:
        return text
    found = _OWN_KEYS.get(header_key(text))
    return found.value if found else None


def _guess(key: str, remembered: Mapping[str, str]) -> tuple[str, int]:
    if key in remembered and (remembered[key] == "" or remembered[key] in _FIELD_VALUES):
        return remembered[key], _REMEMBERED
    if key in _OWN_KEYS:
        return _OWN_KEYS[key].value, _OWN_HEADER
    if key in _SYNONYM_KEYS:
        return _SYNONYM_KEYS[key].value, _SYNONYM
    return "", 0


def choose_columns(
    cells: tuple[object, ...],
    *,
    chosen: Mapping[str, str] | None,
    remembered: Mapping[str, str],
) -> list[ColumnChoice]:
    """Each headed column of the header row and the field it is read as: the user's
    choice (`chosen`, by header_key) where given, else the remembered one, else the
    column's own header, else a synonym. A weaker claim on a field that a stronger one
    holds is left out; claims of equal strength both keep the field (a duplicate the
    user must resolve)."""
    chosen = chosen or {}
    claims: list[tuple[int, str, str, int, bool]] = []
    for position, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = header_key(text)
        if key in chosen:
            name, strength, guessed = chosen[key], _CHOSEN, False
        else:
            (name, strength), guessed = _guess(key, remembered), True
        claims.append((position, text, name, strength, guessed))
    strongest: dict[str, int] = {}
    for _position, _text, name, strength, _guessed in claims:
        strongest[name] = max(strength, strongest.get(name, 0))
    choices = [
        ColumnChoice(position, text, name if strength == strongest[name] else "", guessed)
        for position, text, name, strength, guessed in claims
    ]
    return _title_when_alone(choices)


def _title_when_alone(choices: list[ColumnChoice]) -> list[ColumnChoice]:
    """The first guessed description column becomes the title when nothing is read as
    the title (TITLE_WHEN_ALONE)."""
    if any(c.field == Field.TITLE for c in choices):
        return choices
    for index, choice in enumerate(choices):
        if choice.guessed and choice.field == TITLE_WHEN_ALONE:
            choices[index] = ColumnChoice(choice.position, choice.header, Field.TITLE.value, True)
            break
    return choices


@dataclass(frozen=True)
class ColumnPlan:
    """The header map of the chosen columns and what keeps it from being used."""

    headers: HeaderMap[Field]
    left_out: list[str]  # headers read as no field
    missing: list[str]  # required fields (values) no column is read as
    duplicates: list[str]  # fields (values) more than one column is read as


def plan_columns(choices: Sequence[ColumnChoice]) -> ColumnPlan:
    index: dict[Field, int] = {}
    label: dict[Field, str] = {}
    duplicates: list[str] = []
    for choice in choices:
        if not choice.field:
            continue
        name = Field(choice.field)
        if name in index:
            if name.value not in duplicates:
                duplicates.append(name.value)
            continue
        index[name], label[name] = choice.position, choice.header
    return ColumnPlan(
        headers=HeaderMap(index=index, label=label, headers={c.field: c.header for c in COLUMNS}),
        left_out=[c.header for c in choices if not c.field],
        missing=[name.value for name in REQUIRED if name not in index],
        duplicates=duplicates,
    )


def column_problems(
    plan: ColumnPlan, choices: Sequence[ColumnChoice], *, row: int
) -> list[Problem]:
    """The problems of a header row as the import reports them: a field read from more
    than one column ("appears more than once", on each further column), a required
    column that is missing."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for choice in choices:
        if choice.field in plan.duplicates:
            if choice.field in seen:
                problems.append(
                    Problem(row, choice.header, _("This column appears more than once."))
                )
            seen.add(choice.field)
    for name in plan.missing:
        problems.append(Problem(row, BY_FIELD[Field(name)].header, _("This column is missing.")))
    return problems
