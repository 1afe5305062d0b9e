"""A stored code in words, or the code itself when this version does not know it.

Frozen reports keep codes (statuses, phases, kinds) as they were written; a report
frozen by a later version may hold a code this version has no label for. Showing the
code then beats failing to render the report."""

from django.db.models import Choices
from django.utils.translation import get_language


def label_or_code(choices: type[Choices], code: str) -> str:
    """The label of `code` in `choices` in the active language; `code` itself when
    `choices` has no such member."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def in_language(dutch: str, english: str) -> str:
    """A name kept in Dutch and in English (a theme's) in the active language: the
    English name on an English page, when there is one; the Dutch name otherwise, which
    is also what every file of a report (PDF, Excel, Word: Dutch) shows."""
    return english if english and (get_language() or "").startswith("en") else dutch
