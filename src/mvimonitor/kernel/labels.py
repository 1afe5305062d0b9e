"""A stored code in words, or the code itself when this version does not know it.

Frozen reports keep codes (statuses, phases, kinds) as they were written; a report
frozen by a later version may hold a code this version has no label for. Showing the
code then beats failing to render the report."""

from django.db.models import Choices


def label_or_code(choices: type[Choices], code: str) -> str:
    """The label of `code` in `choices` in the active language; `code` itself when
    `choices` has no such member."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code
