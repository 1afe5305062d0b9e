"""The result of an all-or-nothing import (a plan's actions; tenders and contracts).

Every import reads every row first, saves all of them or none, and reports what it did
in the same terms: the problems that stopped it, or how many records it created,
updated, changed in their dated history and left unchanged (docs/adr/0006-plan-import.md).
One class, so that the imports count and report alike; one `Problem`, so that they
point out what is wrong alike."""

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Problem:
    """What is wrong with an imported file, pointed out the way its user sees the sheet:
    "Rij 4, kolom Status: ..." with the sheet's own row number."""

    row: int | None  # the sheet's own row number; None for the file as a whole
    column: str | None  # the header as the file spells it
    message: str
    # False when the import failed for a reason outside the file (an error of the app,
    # a server that stopped): correcting the file will not help, importing it again may.
    in_file: bool = True

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
        return cls(
            row=data.get("row"),
            column=data.get("column"),
            message=str(data["message"]),
            in_file=bool(data.get("in_file", True)),
        )


def sort_key(problem: Problem) -> int:
    """Problems sort by row; within a row they keep the order of the columns."""
    return problem.row if problem.row is not None else -1


@dataclass
class ImportResult:
    """What an import did; counts are 0 when it had problems (nothing was saved)."""

    #: The name of `history_changes` in `summary()`, as messages and stored import jobs
    #: know it: "status_changes" (actions) or "phase_changes" (tenders).
    history_key: ClassVar[str] = "history_changes"

    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    history_changes: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, *, created: bool, updated: bool, history_changed: bool) -> None:
        """Count one saved row."""
        self.created += created
        self.updated += updated
        self.history_changes += history_changed
        self.unchanged += not (created or updated or history_changed)

    def discard_counts(self) -> None:
        """The import was rolled back: nothing was created, updated or changed."""
        self.created = self.updated = self.history_changes = self.unchanged = 0

    def summary(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            self.history_key: self.history_changes,
            "unchanged": self.unchanged,
        }
