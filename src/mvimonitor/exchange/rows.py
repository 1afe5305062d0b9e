"""Reading the rows of a plan sheet into checked values, before anything is saved.

A parsed row holds a value only for the columns the file has: a missing column leaves
the field alone, an empty cell clears it (docs/adr/0006-plan-import.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import REQUIRED, Field, HeaderMap
from mvimonitor.exchange.mapping import NEW, ValueChoices
from mvimonitor.exchange.reading import SheetRow
from mvimonitor.exchange.values import (
    cell_text,
    is_empty,
    key,
    parse_bool,
    parse_date,
    parse_status,
    parse_text,
    refuse_formula_without_value,
)
from mvimonitor.kernel.imports import Problem
from mvimonitor.kernel.texts import text_problem

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, Period, Theme

THEME_SEPARATOR = ";"
_DATES = (Field.STATUS_SINCE, Field.START_DATE, Field.DUE_DATE, Field.ADDED_ON)
_STRIPPED_TEXT = (Field.CODE, Field.TITLE, Field.DEPARTMENT)
_FREE_TEXT = (Field.DESCRIPTION, Field.RESULT, Field.NOTE)


def unique_index(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """key -> object; a key shared by two different objects maps to None (ambiguous)."""
    index: dict[str, Any] = {}
    for name, obj in pairs:
        if not name.strip():
            continue
        k = key(name)
        index[k] = obj if index.get(k, obj) == obj else None
    return index


@dataclass
class Lookups:
    """Everything a row is checked against, read once per import."""

    periods: dict[str, Period]
    themes: dict[str, Theme | None]
    members: dict[str, User | None]
    actions: dict[str, Action]
    #: The longest text each text field takes (plans.selectors.action_text_max_lengths).
    max_lengths: dict[str, int] = field(default_factory=dict)
    #: What the user said the file's periods and themes stand for (guided import).
    choices: ValueChoices | None = None

    @classmethod
    def build(
        cls,
        *,
        periods: Iterable[Period],
        themes: Iterable[Theme],
        members: Iterable[User],
        actions: Iterable[Action],
        max_lengths: dict[str, int],
        choices: ValueChoices | None = None,
    ) -> Lookups:
        themes = list(themes)
        members = list(members)
        return cls(
            periods=unique_index((p.name, p) for p in periods),
            # Codes first: a name that equals another theme's code stays ambiguous.
            themes=unique_index(
                [(t.code, t) for t in themes]
                + [(n, t) for t in themes for n in (t.name, t.name_en)]
            ),
            members=unique_index(
                [(u.email, u) for u in members] + [(u.full_name, u) for u in members]
            ),
            actions={a.code: a for a in actions},
            max_lengths=max_lengths,
            choices=choices,
        )

    def period_names(self) -> str:
        return ", ".join(sorted({p.name for p in self.periods.values() if p}))

    def theme_names(self) -> str:
        """The themes a cell may name, "Name (code)", in the order of the code list."""
        themes = sorted({t for t in self.themes.values() if t}, key=lambda t: (t.position, t.code))
        return ", ".join(f"{t.name} ({t.code})" for t in themes)


@dataclass(frozen=True)
class OwnerValue:
    text: str  # as written; "" clears the owner
    member: User | None  # the member it names, if any


@dataclass
class ParsedRow:
    number: int
    code: str
    values: dict[Field, Any] = field(default_factory=dict)

    def has(self, name: Field) -> bool:
        return name in self.values


class RowParser:
    def __init__(self, headers: HeaderMap, lookups: Lookups) -> None:
        self.headers = headers
        self.lookups = lookups
        self.seen_codes: dict[str, int] = {}
        self._theme_names: str | None = None

    def parse(self, row: SheetRow) -> tuple[ParsedRow | None, list[Problem]]:
        problems: list[Problem] = []
        parsed = ParsedRow(number=row.number, code="")
        for name, position in self.headers.index.items():
            cell = row.cells[position] if position < len(row.cells) else None
            try:
                refuse_formula_without_value(cell)
                parsed.values[name] = self._value(name, cell)
            except ValueError as error:
                problems.append(self._problem(row.number, name, str(error)))
        parsed.code = parsed.values.get(Field.CODE) or ""
        problems += self._check_code(parsed)
        return (None if problems else parsed), problems

    def _problem(self, row: int, name: Field, message: str) -> Problem:
        return Problem(row, self.headers.column_label(name), message)

    def _value(self, name: Field, cell: Any) -> Any:
        if name in REQUIRED and is_empty(cell):
            raise ValueError(_("This value is required."))
        if name in _DATES:
            return parse_date(cell)
        if name == Field.IS_CONTINUOUS:
            return parse_bool(cell)
        if name == Field.STATUS:
            return parse_status(cell)
        parsers: dict[Field, Callable[[str], Any]] = {
            Field.PERIOD: self._period,
            Field.THEMES: self._themes,
            Field.OWNER: self._owner,
        }
        if name in parsers:
            return parsers[name](cell_text(cell))
        maximum = self.lookups.max_lengths[name.value]
        return parse_text(cell, max_length=maximum, strip=name in _STRIPPED_TEXT)

    def _period(self, text: str) -> Period:
        choices = self.lookups.choices
        target = choices.periods.get(key(text)) if choices else None
        if choices and target == NEW:
            return choices.new_period(text)
        period = self.lookups.periods.get(key(target or text))
        if period is None:
            raise ValueError(
                _("“%(value)s” is not a period of this plan. Its periods are: %(names)s.")
                % {"value": (target or text).strip(), "names": self.lookups.period_names()}
            )
        return period

    def _theme(self, token: str) -> Theme:
        choices = self.lookups.choices
        target = choices.themes.get(key(token)) if choices else None
        if choices and target == NEW:
            return choices.new_theme(token)
        k = key(target or token)
        if k not in self.lookups.themes:
            if self._theme_names is None:
                self._theme_names = self.lookups.theme_names()
            raise ValueError(
                _("“%(value)s” is not a known theme. The themes are: %(names)s.")
                % {"value": target or token, "names": self._theme_names}
            )
        theme = self.lookups.themes[k]
        if theme is None:
            raise ValueError(
                _("“%(value)s” names more than one theme; use the theme's code.")
                % {"value": target or token}
            )
        return theme

    def _themes(self, text: str) -> list[Theme]:
        themes: list[Theme] = []
        for token in (t.strip() for t in text.split(THEME_SEPARATOR)):
            if not token:
                continue
            theme = self._theme(token)
            if theme not in themes:
                themes.append(theme)
        return themes

    def _owner(self, text: str) -> OwnerValue:
        text = text.strip()
        k = key(text)
        if text and k in self.lookups.members and self.lookups.members[k] is None:
            raise ValueError(
                _("More than one member is called “%(value)s”; write their e-mail address.")
                % {"value": text}
            )
        member = self.lookups.members.get(k) if text else None
        if member is None and text:
            # A name without an account is stored as the owner's name.
            problem = text_problem(text, max_length=self.lookups.max_lengths["owner_name"])
            if problem:
                raise ValueError(problem)
        return OwnerValue(text=text, member=member)

    def _check_code(self, parsed: ParsedRow) -> list[Problem]:
        if not parsed.code:
            return []
        first = self.seen_codes.setdefault(parsed.code, parsed.number)
        if first != parsed.number:
            return [
                self._problem(
                    parsed.number,
                    Field.CODE,
                    _(
                        "The code “%(code)s” is also in row %(row)s; "
                        "each action may appear only once."
                    )
                    % {"code": parsed.code, "row": first},
                )
            ]
        existing = self.lookups.actions.get(parsed.code)
        if existing is not None and existing.withdrawn_on is not None:
            return [
                self._problem(
                    parsed.number,
                    Field.CODE,
                    _(
                        "The action “%(code)s” was withdrawn from the plan; "
                        "an import cannot change it."
                    )
                    % {"code": parsed.code},
                )
            ]
        return []
