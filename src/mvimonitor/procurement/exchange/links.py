"""The two cells of a tender sheet that name other records: the MVI themes applied
("Social return (niveau 2): eis, contractbepaling; Circulair: gunningscriterium") and
the actions served ("A12, helmond-mvi:A14"). Read and written here, so the import reads
exactly what the export writes (docs/adr/0010-contracts-and-tender-exchange.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mvimonitor.exchange.values import cell_text, key
from mvimonitor.procurement.exchange.values import LIST_SEPARATORS, word_index, word_key
from mvimonitor.procurement.models import AppliedTheme

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, Theme

#: AppliedTheme instrument field -> the Dutch word in a file, in the order written.
INSTRUMENT_DUTCH: dict[str, str] = {
    "as_suitability": "geschiktheidseis",
    "as_selection": "selectiecriterium",
    "as_requirement": "eis",
    "as_award": "gunningscriterium",
    "as_contract_clause": "contractbepaling",
}
_INSTRUMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "as_suitability": ("suitability requirement", "geschiktheidseisen"),
    "as_selection": ("selection criterion", "selectiecriteria"),
    "as_requirement": ("requirement", "minimumeis", "minimum requirement", "eisen"),
    "as_award": ("award criterion", "gunningscriteria"),
    "as_contract_clause": ("contract clause", "contractbepalingen", "contractvoorwaarde"),
}
THEME_SEPARATOR = ";"
LEVEL_WORD = "niveau"
_INSTRUMENTS = word_index(INSTRUMENT_DUTCH, _INSTRUMENT_ALIASES)


@dataclass(frozen=True)
class ThemeApplied:
    """How one theme is applied, as a cell says: instruments and the ambition level."""

    theme: Theme
    instruments: frozenset[str]
    ambition_level: int | None

    @classmethod
    def of(cls, applied: AppliedTheme) -> ThemeApplied:
        return cls(
            theme=applied.theme,
            instruments=frozenset(n for n in AppliedTheme.INSTRUMENTS if getattr(applied, n)),
            ambition_level=applied.ambition_level,
        )


_THEME_PART = re.compile(
    r"^(?P<theme>.+?)(?:\s*\(\s*(?:niveau|level)\s*(?P<level>\d+)\s*\))?\s*:\s*(?P<how>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_themes_applied(cell: Any, themes: dict[str, Theme | None]) -> list[ThemeApplied]:
    """ "Social return (niveau 2): eis, contractbepaling; Circulair: gunningscriterium":
    per theme (name or code) an optional ambition level and how it is applied."""
    result: list[ThemeApplied] = []
    for part in (p.strip() for p in cell_text(cell).split(THEME_SEPARATOR)):
        if not part:
            continue
        match = _THEME_PART.match(part)
        if match is None:
            raise ValueError(
                _(
                    "Say how the theme “%(value)s” is applied, for example "
                    "“%(value)s: eis, gunningscriterium”."
                )
                % {"value": part}
            )
        theme = _theme(match["theme"].strip(), themes)
        if any(applied.theme == theme for applied in result):
            raise ValueError(_("The theme “%(value)s” is named twice.") % {"value": theme.name})
        result.append(
            ThemeApplied(
                theme=theme,
                instruments=_instruments(match["how"], match["theme"].strip()),
                ambition_level=_level(match["level"]),
            )
        )
    return result


def _theme(name: str, themes: dict[str, Theme | None]) -> Theme:
    k = key(name)
    if k not in themes:
        raise ValueError(_("“%(value)s” is not a known theme.") % {"value": name})
    theme = themes[k]
    if theme is None:
        raise ValueError(
            _("“%(value)s” names more than one theme; use the theme's code.") % {"value": name}
        )
    return theme


def _instruments(text: str, theme_name: str) -> frozenset[str]:
    found: set[str] = set()
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        instrument = _INSTRUMENTS.get(word_key(word))
        if instrument is None:
            raise ValueError(
                _("“%(value)s” is not a way to apply a theme. Use: %(choices)s.")
                % {"value": word, "choices": ", ".join(INSTRUMENT_DUTCH.values())}
            )
        found.add(instrument)
    if not found:
        raise ValueError(
            _("Say how the theme “%(value)s” is applied, for example “%(value)s: eis”.")
            % {"value": theme_name}
        )
    return frozenset(found)


def _level(text: str | None) -> int | None:
    if text is None:
        return None
    if text not in ("1", "2", "3"):
        raise ValueError(_("The ambition level is 1, 2 or 3, not %(value)s.") % {"value": text})
    return int(text)


def themes_applied_label(applied: list[ThemeApplied], labels: dict[Theme, str]) -> str:
    """The cell the export writes; `labels` names each theme as the import reads it."""
    parts = []
    for item in applied:
        level = f" ({LEVEL_WORD} {item.ambition_level})" if item.ambition_level else ""
        how = ", ".join(w for n, w in INSTRUMENT_DUTCH.items() if n in item.instruments)
        parts.append(f"{labels[item.theme]}{level}: {how}")
    return f"{THEME_SEPARATOR} ".join(parts)


def parse_actions(
    cell: Any, *, by_code: dict[str, list[Action]], by_plan: dict[tuple[str, str], Action]
) -> list[Action]:
    """Action codes separated by commas or semicolons: "A12" when only one plan of the
    organisation has that code, else "plan-slug:A12"."""
    actions: list[Action] = []
    for token in (t.strip() for t in LIST_SEPARATORS.split(cell_text(cell))):
        if not token:
            continue
        plan_slug, _colon, code = token.rpartition(":")
        if plan_slug:
            found = by_plan.get((plan_slug.strip().casefold(), code.strip().casefold()))
            if found is None:
                raise ValueError(
                    _("There is no action “%(value)s” in the organisation's plans.")
                    % {"value": token}
                )
        else:
            matches = by_code.get(code.strip().casefold(), [])
            if not matches:
                raise ValueError(
                    _("There is no action “%(value)s” in the organisation's plans.")
                    % {"value": token}
                )
            if len(matches) > 1:
                raise ValueError(
                    _(
                        "More than one plan has an action “%(value)s”; write the plan's short "
                        "name in front, such as %(example)s."
                    )
                    % {"value": token, "example": f"{matches[0].plan.slug}:{code.strip()}"}
                )
            found = matches[0]
        if found not in actions:
            actions.append(found)
    return actions


def action_label(action: Action, by_code: dict[str, list[Action]]) -> str:
    """The action's code, with its plan's short name in front when another plan of
    the organisation has the same code."""
    if len(by_code.get(action.code.casefold(), [])) == 1:
        return action.code
    return f"{action.plan.slug}:{action.code}"
