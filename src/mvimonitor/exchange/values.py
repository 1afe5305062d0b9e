"""Turning one spreadsheet cell into a value of the plan: text, a date, yes/no, a
status. A cell may hold text, a number, a date or a boolean, whatever the column; every
refusal is a ValueError whose message is for the user."""

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from mvimonitor.kernel.texts import text_problem
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.spreadsheet import restore
from mvimonitor.utils.text import normalise_newlines

#: The Dutch status labels the export writes. They are file content, the same in every
#: UI language, so they live here and not in the message catalogue.
STATUS_DUTCH: dict[Status, str] = {
    Status.NOT_STARTED: "niet gestart",
    Status.RUNNING: "lopend",
    Status.COMPLETED: "voltooid",
    Status.POSTPONED: "uitgesteld",
    Status.CANCELLED: "vervallen",
}
STATUS_ENGLISH: dict[Status, str] = {
    Status.NOT_STARTED: "not started",
    Status.RUNNING: "running",
    Status.COMPLETED: "completed",
    Status.POSTPONED: "postponed",
    Status.CANCELLED: "cancelled",
}
YES, NO = "ja", "nee"
_TRUE = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
_FALSE = {"nee", "n", "no", "onwaar", "false", "0"}


#: Everyday words for the statuses, Dutch and English, that an import also reads
#: (ADR 0029). Only words that mean one status: "gestopt" (stopped: for good, or for
#: now?) and "voortgang" (progress) are not among them.
STATUS_SYNONYMS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: (
        "nog niet gestart",
        "niet begonnen",
        "nog niet begonnen",
        "open",
        "todo",
        "to do",
        "gepland",
        "planned",
    ),
    Status.RUNNING: (
        "in uitvoering",
        "loopt",
        "bezig",
        "gestart",
        "in progress",
        "started",
        "ongoing",
    ),
    Status.COMPLETED: (
        "afgerond",
        "gereed",
        "klaar",
        "done",
        "gerealiseerd",
        "uitgevoerd",
        "complete",
        "finished",
    ),
    Status.POSTPONED: ("on hold", "gepauzeerd", "aangehouden", "paused"),
    Status.CANCELLED: ("geannuleerd", "geschrapt", "canceled"),
}


def key(text: str) -> str:
    """How names in cells are compared: no case, no accents, no surrounding or double
    spaces ("Fase  één" == "fase een")."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _status_key(text: str) -> str:
    return key(text.replace("_", " ").replace("-", " ").replace(".", " "))


_STATUS_BY_KEY: dict[str, Status] = {
    _status_key(name): status
    for status in Status
    for name in (
        status.value,
        STATUS_DUTCH[status],
        STATUS_ENGLISH[status],
        *STATUS_SYNONYMS[status],
    )
}


class FormulaWithoutValue:
    """A cell that holds a formula whose result was never calculated (exchange.xlsx_scan):
    not an empty cell, and no value to read either."""

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE = FormulaWithoutValue()


def refuse_formula_without_value(cell: Any) -> None:
    """Every import asks this of a cell first: such a cell is refused with its own
    message instead of being read as empty."""
    if cell is FORMULA_WITHOUT_VALUE:
        raise ValueError(
            _(
                "This cell holds a formula without a calculated value; open the file in "
                "Excel or LibreOffice and save it, or paste the values."
            )
        )


def is_empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Any) -> str:
    """The text of a cell as the user typed it; the apostrophe the export puts before
    formula-like text is taken off again."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return YES if cell else NO
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d-%m-%Y")
    return restore(normalise_newlines(str(cell)))


def parse_text(cell: Any, *, max_length: int, strip: bool = False) -> str:
    """The text of a cell for a text field that takes `max_length` characters (kernel.
    texts): stripped of surrounding white space when `strip`, "" for white space only;
    a longer text is refused with the forms' message, which says how long it is."""
    text = cell_text(cell)
    text = text.strip() if strip else ("" if not text.strip() else text)
    problem = text_problem(text, max_length=max_length)
    if problem:
        raise ValueError(problem)
    return text


_DATE_PATTERNS = (
    re.compile(r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)


def parse_date(cell: Any) -> date | None:
    if is_empty(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = cell_text(cell).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise ValueError(
                    _("“%(value)s” is not a date that exists.") % {"value": text}
                ) from None
    raise ValueError(
        _("“%(value)s” is not a date. Use a date cell or write it as dd-mm-yyyy.") % {"value": text}
    )


def parse_bool(cell: Any) -> bool:
    if is_empty(cell):
        return False
    if isinstance(cell, bool):
        return cell
    text = key(cell_text(cell))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("“%(value)s” is not ja or nee (yes or no).") % {"value": cell_text(cell)})


def parse_status(cell: Any) -> Status:
    text = cell_text(cell)
    status = _STATUS_BY_KEY.get(_status_key(text))
    if status is None:
        raise ValueError(
            _("“%(value)s” is not a status. Use one of: %(choices)s.")
            % {
                "value": text.strip(),
                "choices": ", ".join(STATUS_DUTCH.values()),
            }
        )
    return status
