"""Turning one cell of a tender or contract sheet into a value: an amount, a count, a
phase, a procedure, the MVI themes applied, the linked actions, a KvK number or CPV
codes. Every refusal is a ValueError whose message is for the user. The Dutch words the
export writes are file content, the same in every UI language, so they live here."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.values import cell_text, is_empty, key
from mvimonitor.plans.models import Action, Theme
from mvimonitor.procurement.cpv import cpv_normalise_list
from mvimonitor.procurement.kvk import KVK_LENGTH, kvk_normalise
from mvimonitor.procurement.models import AppliedTheme, Tender
from mvimonitor.procurement.phases import Phase

PHASE_DUTCH: dict[Phase, str] = {
    Phase.PREPARATION: "voorbereiding",
    Phase.PUBLICATION: "publicatie",
    Phase.AWARD: "gunning",
    Phase.CONTRACT: "contract",
    Phase.COMPLETED: "afgerond",
    Phase.WITHDRAWN: "ingetrokken",
}
PROCEDURE_DUTCH: dict[str, str] = {
    Tender.Procedure.EU_OPEN: "Europees openbaar",
    Tender.Procedure.EU_RESTRICTED: "Europees niet-openbaar",
    Tender.Procedure.NATIONAL: "Nationaal",
    Tender.Procedure.MULTIPLE_PRIVATE: "Meervoudig onderhands",
    Tender.Procedure.SINGLE_PRIVATE: "Enkelvoudig onderhands",
    Tender.Procedure.OTHER: "Anders",
}
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
THEME_SEPARATOR, LIST_SEPARATORS = ";", re.compile(r"[;,\n]")
LEVEL_WORD = "niveau"


def _word_key(text: str) -> str:
    return key(text.replace("_", " ").replace("-", " "))


def _index(labels: dict[Any, str], *extra: dict[Any, tuple[str, ...]]) -> dict[str, Any]:
    index = {_word_key(str(value)): value for value in labels}
    index.update({_word_key(label): value for value, label in labels.items()})
    for aliases in extra:
        for value, names in aliases.items():
            index.update({_word_key(name): value for name in names})
    return index


_PHASES = _index(
    PHASE_DUTCH,
    {
        Phase.PREPARATION: ("preparation", "strategie", "voorbereiding/strategie"),
        Phase.PUBLICATION: ("publication",),
        Phase.AWARD: ("award",),
        Phase.CONTRACT: ("contract",),
        Phase.COMPLETED: ("completed",),
        Phase.WITHDRAWN: ("withdrawn",),
    },
)
_PROCEDURES = _index(
    PROCEDURE_DUTCH,
    {
        Tender.Procedure.EU_OPEN: ("European open",),
        Tender.Procedure.EU_RESTRICTED: ("European restricted",),
        Tender.Procedure.NATIONAL: ("national",),
        Tender.Procedure.MULTIPLE_PRIVATE: ("multiple private",),
        Tender.Procedure.SINGLE_PRIVATE: ("single private",),
        Tender.Procedure.OTHER: ("other", "overig"),
    },
)
_INSTRUMENTS = _index(INSTRUMENT_DUTCH, _INSTRUMENT_ALIASES)


def parse_phase(cell: Any) -> Phase | None:
    """A phase, or None for an empty cell."""
    if is_empty(cell):
        return None
    text = cell_text(cell).strip()
    phase = _PHASES.get(_word_key(text))
    if phase is None:
        raise ValueError(
            _("“%(value)s” is not a phase. Use one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(PHASE_DUTCH.values())}
        )
    return Phase(phase)


def parse_procedure(cell: Any) -> str:
    if is_empty(cell):
        return ""
    text = cell_text(cell).strip()
    procedure = _PROCEDURES.get(_word_key(text))
    if procedure is None:
        raise ValueError(
            _("“%(value)s” is not a procedure. Use one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(PROCEDURE_DUTCH.values())}
        )
    return str(procedure)


_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})*$")


def parse_amount(cell: Any) -> Decimal | None:
    """An amount in euros with at most two decimals: a number cell, or text such as
    "1.250.000,50", "1250000.50" or "€ 1.250.000". A single dot or comma followed by
    exactly three digits is a thousands separator ("1.250" is 1250)."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": cell_text(cell)})
    if isinstance(cell, int | float | Decimal):
        number = Decimal(str(cell))
    else:
        number = _amount_from_text(cell_text(cell))
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(
            _("“%(value)s” has more than two decimals.") % {"value": cell_text(cell).strip()}
        )
    return number.quantize(Decimal("0.01"))


def _amount_from_text(text: str) -> Decimal:
    original = text.strip()
    compact = re.sub(r"[\s\u00a0€]|EUR", "", original, flags=re.IGNORECASE)
    negative = compact.startswith("-")
    whole, decimals = _split_decimals(compact.removeprefix("-"))
    if not whole or not (whole.isdigit() or _GROUPED.match(whole)) or not decimals.isdigit():
        raise ValueError(
            _("“%(value)s” is not an amount. Write it as a number, such as 125000,00.")
            % {"value": original}
        )
    number = Decimal(re.sub(r"[.,]", "", whole) + "." + decimals)
    return -number if negative else number


def _split_decimals(text: str) -> tuple[str, str]:
    """Whole part (thousands separators still in it) and decimals ("0" when none). The
    last separator is the decimal one, unless it is the only kind, used once with
    three digits after it, or used more than once: then it groups thousands."""
    last = max(text.rfind("."), text.rfind(","))
    if last < 0:
        return text, "0"
    separator, decimals = text[last], text[last + 1 :]
    only_kind = ("," if separator == "." else ".") not in text
    if only_kind and (text.count(separator) > 1 or len(decimals) == 3):
        return text, "0"
    return text[:last], decimals


def parse_count(cell: Any, *, empty: int | None) -> int | None:
    """A whole number of 0 or more; `empty` for an empty cell."""
    if is_empty(cell):
        return empty
    text = cell_text(cell).strip()
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    if not text.isdigit():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
    return int(text)


def parse_kvk(cell: Any) -> str:
    """A KvK number; a number cell that lost its leading zeros gets them back."""
    if is_empty(cell):
        return ""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        text = str(int(cell)).zfill(KVK_LENGTH)
    else:
        text = cell_text(cell)
    try:
        return kvk_normalise(text)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None


def parse_cpv_codes(cell: Any) -> list[str]:
    """CPV codes separated by commas, semicolons or line breaks, checked and written
    as "45233140-2"."""
    tokens = [t.strip() for t in LIST_SEPARATORS.split(cell_text(cell)) if t.strip()]
    try:
        return cpv_normalise_list(tokens)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None


@dataclass(frozen=True)
class ThemeApplied:
    """How one theme is applied, as a cell says: instruments and the ambition level."""

    theme: Theme
    instruments: frozenset[str]
    ambition_level: int | None

    @classmethod
    def of(cls, applied: AppliedTheme) -> "ThemeApplied":
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
        instrument = _INSTRUMENTS.get(_word_key(word))
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
