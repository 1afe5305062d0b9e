"""What is wrong with an imported file, pointed out the way its user sees the sheet:
"Rij 4, kolom Status: ..." with the sheet's own row number."""

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Problem:
    row: int | None  # the sheet's own row number; None for the file as a whole
    column: str | None  # the header as the file spells it
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Problem":
        return cls(row=data.get("row"), column=data.get("column"), message=str(data["message"]))


def sort_key(problem: Problem) -> int:
    """Problems sort by row; within a row they keep the order of the columns."""
    return problem.row if problem.row is not None else -1


class SpreadsheetError(Exception):
    """The file cannot be read at all (wrong kind, encrypted, damaged, too large)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
