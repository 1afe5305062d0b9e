"""Turning one cell of a tender or contract sheet into a value: an amount, a count, a
phase, a procedure, a KvK number or CPV codes (the themes applied and the linked
actions are in `links`). Every refusal is a ValueError whose message is for the user.
The Dutch words the export writes are file content, the same in every UI language, so
they live here."""

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.values import cell_text, is_empty, key
from mvimonitor.procurement.cpv import cpv_normalise_list
from mvimonitor.procurement.kvk import KVK_LENGTH, kvk_normalise
from mvimonitor.procurement.models import Tender
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
LIST_SEPARATORS = re.compile(r"[;,\n]")


def word_key(text: str) -> str:
    return key(text.replace("_", " ").replace("-", " "))


def word_index(labels: dict[Any, str], *extra: dict[Any, tuple[str, ...]]) -> dict[str, Any]:
    index = {word_key(str(value)): value for value in labels}
    index.update({word_key(label): value for value, label in labels.items()})
    for aliases in extra:
        for value, names in aliases.items():
            index.update({word_key(name): value for name in names})
    return index


_PHASES = word_index(
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
_PROCEDURES = word_index(
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


def parse_phase(cell: Any) -> Phase | None:
    """A phase, or None for an empty cell."""
    if is_empty(cell):
        return None
    text = cell_text(cell).strip()
    phase = _PHASES.get(word_key(text))
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
    procedure = _PROCEDURES.get(word_key(text))
    if procedure is None:
        raise ValueError(
            _("“%(value)s” is not a procedure. Use one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(PROCEDURE_DUTCH.values())}
        )
    return str(procedure)


_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})*")
#: What may stand around an amount: spaces, the euro sign or word, and the Dutch ",-"
#: of a whole amount ("€ 95.000,-").
_DECORATION = re.compile(r"[\s\u00a0\u202f€]|EURO?|[.,]-+$", re.IGNORECASE)
#: Amounts are stored with 14 digits, 2 of them cents (Tender.estimated_value and
#: Contract.awarded_value alike): a larger one cannot be stored, or even rounded.
LARGEST_AMOUNT = Decimal("999999999999.99")
#: Counts are stored as small integers (PostgreSQL's smallint).
LARGEST_COUNT = 32767


def parse_amount(cell: Any) -> Decimal | None:
    """An amount in euros with at most two decimals: a number cell, or text such as
    "1.250.000,50", "1250000.50", "1,250,000.50", "€ 1.250.000" or "EUR 95.000,-". A
    single dot followed by exactly three digits groups thousands, as in Dutch ("1.250"
    is 1250); a single comma so ("1,250") is refused: it is 1250 in English and 1,25 in
    Dutch."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": cell_text(cell)})
    if isinstance(cell, int | float | Decimal):
        number = Decimal(str(cell))
    else:
        number = _amount_from_text(cell_text(cell))
    if not number.is_finite():  # a number cell can hold infinity or NaN
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": cell_text(cell)})
    if abs(number) > LARGEST_AMOUNT:
        raise ValueError(
            _("“%(value)s” is too large an amount; the largest is 999,999,999,999.99.")
            % {"value": cell_text(cell).strip()}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(
            _("“%(value)s” has more than two decimals.") % {"value": cell_text(cell).strip()}
        )
    return number.quantize(Decimal("0.01"))


def _amount_from_text(text: str) -> Decimal:
    original = text.strip()
    compact = _DECORATION.sub("", original)
    negative = compact.startswith("-")
    whole, decimals = _split_decimals(compact.removeprefix("-"), original=original)
    # isdecimal, not isdigit: "²" is a digit that Decimal cannot read.
    if not (whole.isdecimal() or _GROUPED.fullmatch(whole)) or not decimals.isdecimal():
        raise ValueError(
            _("“%(value)s” is not an amount. Write it as a number, such as 125000,00.")
            % {"value": original}
        )
    number = Decimal(re.sub(r"[.,]", "", whole) + "." + decimals)
    return -number if negative else number


def _split_decimals(text: str, *, original: str) -> tuple[str, str]:
    """Whole part (thousands separators still in it) and decimals ("0" when none). The
    last separator is the decimal one, unless it is the only kind and used more than
    once, or used once after one to three digits (not a zero) and before three: then it
    groups thousands, if it is a dot."""
    last = max(text.rfind("."), text.rfind(","))
    if last < 0:
        return text, "0"
    separator, decimals = text[last], text[last + 1 :]
    only_kind = ("," if separator == "." else ".") not in text
    if only_kind and text.count(separator) > 1:
        return text, "0"
    if only_kind and len(decimals) == 3 and _GROUPED.fullmatch(text[:last]):
        if separator == ",":
            raise ValueError(
                _(
                    "“%(value)s” can be read in two ways. Write %(whole)s without a "
                    "separator for an amount in whole euros, or at most two digits after "
                    "the decimal comma."
                )
                % {"value": original, "whole": text.replace(",", "")}
            )
        return text, "0"
    return text[:last], decimals


def parse_count(cell: Any, *, empty: int | None) -> int | None:
    """A whole number of 0 up to LARGEST_COUNT; `empty` for an empty cell."""
    if is_empty(cell):
        return empty
    text = cell_text(cell).strip()
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    if not text.isdecimal():  # isdecimal, not isdigit: int() cannot read "²"
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
    # The length first: int() refuses a text of thousands of digits with its own error.
    if len(text.lstrip("0")) > len(str(LARGEST_COUNT)) or int(text) > LARGEST_COUNT:
        raise ValueError(
            _("“%(value)s” is too large; the largest number here is %(most)s.")
            % {"value": text, "most": LARGEST_COUNT}
        )
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
