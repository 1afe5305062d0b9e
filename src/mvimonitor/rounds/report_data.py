"""The data of the report's sections "round" (Monitorronde) and "not_updated" (Niet
bijgewerkt), report_sections.py: the monitor's round in figures with the actions not
updated or confirmed in it, and the actions not updated on the monitor date ("stale").
Frozen with the edition: a frozen edition keeps the list it was frozen with, whatever the
rule later says; ADR 0013."""

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RoundActionItem:
    """An action the round asked about that was neither updated nor confirmed."""

    action_id: int
    code: str
    title: str
    owner: str  # the owner asked in the round ("" without one)
    period: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "owner": self.owner, "period": self.period}


@dataclass(frozen=True)
class RoundSection:
    deadline: date
    closed: bool
    updated: int
    confirmed: int
    open: int
    not_answered: list[RoundActionItem]

    @property
    def total(self) -> int:
        return self.updated + self.confirmed + self.open

    @classmethod
    def from_storage(cls, data: dict[str, Any] | None) -> "RoundSection | None":
        if data is None:
            return None
        return cls(
            **{
                **data,
                "deadline": date.fromisoformat(data["deadline"]),
                "not_answered": [RoundActionItem(**a) for a in data["not_answered"]],
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "deadline": self.deadline.isoformat(),
            "closed": self.closed,
            "updated": self.updated,
            "confirmed": self.confirmed,
            "open": self.open,
            "total": self.total,
            "not_answered": [a.to_json() for a in self.not_answered],
        }


@dataclass(frozen=True)
class StaleItem:
    """An action not updated on the monitor date, with its last touch on or before it."""

    action_id: int
    code: str
    title: str
    owner: str
    period: str
    last_touched: date

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "StaleItem":
        return cls(**{**data, "last_touched": date.fromisoformat(data["last_touched"])})

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "owner": self.owner,
            "period": self.period,
            "last_touched": self.last_touched.isoformat(),
        }


@dataclass(frozen=True)
class StalePeriodCount:
    """A row of the small table "Not updated per period" (stale_per_period)."""

    period_id: int | None  # None only for a period the report's table does not name
    name: str
    count: int


@dataclass(frozen=True)
class StaleSection:
    after_days: int  # STALE_AFTER_DAYS when the report was made
    actions: list[StaleItem]

    @classmethod
    def from_storage(cls, data: dict[str, Any] | None) -> "StaleSection | None":
        if data is None:
            return None
        return cls(
            after_days=data["after_days"],
            actions=[StaleItem.from_storage(a) for a in data["actions"]],
        )
