"""The report's section "Tenders and targets" (Aanbestedingen en doelen) as plain typed
data, part of `report.Report`: the tenders whose phase changed since the previous monitor
or that are planned in the window, the contracts awarded since the previous monitor,
the plan's targets with their values on the monitor date, and the share of tenders with
MVI per theme. Frozen with the rest of the report (amounts as strings, dates as ISO
strings); see docs/adr/0012-tenders-in-the-monitor.md."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: str | int | float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def number(value: Decimal | None) -> int | float | None:
    """A JSON number: whole amounts as integers, others as floats (two decimals at most
    for money, so nothing is lost)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class TenderItem:
    """A tender of the section, listed once even when it is in both lists."""

    tender_id: int
    reference: str
    title: str
    phase: str  # its phase code on the monitor date
    phase_before: str | None  # on the baseline; None when registered after it
    phase_changed_on: date | None  # its latest phase change in (baseline, D], if any
    themes_applied: list[str]  # theme codes, in theme order
    theme_names: list[str]  # the same themes by name
    procedure: str  # a Tender.Procedure code, or ""
    department: str
    estimated_value: Decimal | None
    planned_publication_on: date | None
    planned_start_on: date | None
    phase_changed: bool  # in "phase changed since the previous monitor"
    in_window: bool  # in "planned in the coming months"

    @property
    def is_new(self) -> bool:
        """Registered after the previous monitor (or the plan's adoption)."""
        return self.phase_before is None

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "TenderItem":
        return cls(
            **{
                **data,
                "phase_changed_on": _date(data["phase_changed_on"]),
                "estimated_value": _decimal(data["estimated_value"]),
                "planned_publication_on": _date(data["planned_publication_on"]),
                "planned_start_on": _date(data["planned_start_on"]),
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "title": self.title,
            "phase": self.phase,
            "themes_applied": list(self.themes_applied),
            "planned_start": _iso(self.planned_start_on),
            "estimated_value": number(self.estimated_value),
            "planned_publication": _iso(self.planned_publication_on),
            "procedure": self.procedure,
            "phase_before": self.phase_before,
            "phase_changed_on": _iso(self.phase_changed_on),
            "phase_changed_since_previous_monitor": self.phase_changed,
            "planned_in_window": self.in_window,
        }


@dataclass(frozen=True)
class ContractItem:
    contract_id: int
    reference: str
    title: str
    lot: str
    supplier: str
    supplier_city: str
    awarded_value: Decimal | None
    awarded_on: date
    starts_on: date
    ends_on: date
    tender_reference: str  # "" for a contract entered without a tender
    tender_title: str

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "ContractItem":
        return cls(
            **{
                **data,
                "awarded_value": _decimal(data["awarded_value"]),
                "awarded_on": date.fromisoformat(data["awarded_on"]),
                "starts_on": date.fromisoformat(data["starts_on"]),
                "ends_on": date.fromisoformat(data["ends_on"]),
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "title": self.title,
            "lot": self.lot,
            "supplier": self.supplier,
            "awarded_value": number(self.awarded_value),
            "awarded_on": _iso(self.awarded_on),
            "starts_on": _iso(self.starts_on),
            "ends_on": _iso(self.ends_on),
            "tender_reference": self.tender_reference or None,
        }


@dataclass(frozen=True)
class TargetItem:
    """A target of the plan with its value on the monitor date (targets.TargetValue)."""

    target_id: int
    title: str
    kpi: str  # the KPI in words
    kpi_kind: str  # its code
    unit: str  # "count" or "percent"
    target: Decimal
    value: Decimal | None  # None: not computable on the date (nothing to divide by)
    state: str  # "met", "on_track", "behind" or "missed"
    progress: float | None  # value / target, 1.0 when reached
    starts_on: date
    deadline: date

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "TargetItem":
        return cls(
            **{
                **data,
                "target": Decimal(data["target"]),
                "value": _decimal(data["value"]),
                "starts_on": date.fromisoformat(data["starts_on"]),
                "deadline": date.fromisoformat(data["deadline"]),
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kpi": self.kpi,
            "target": number(self.target),
            "value": number(self.value),
            "state": self.state,
            "deadline": _iso(self.deadline),
            "kpi_kind": self.kpi_kind,
            "unit": self.unit,
            "starts_on": _iso(self.starts_on),
            "progress": self.progress,
        }


@dataclass(frozen=True)
class ThemeShareItem:
    """Of the tenders in the register on the monitor date, how many apply `theme`."""

    theme_code: str
    theme_name: str
    with_mvi: int
    total: int
    share: Decimal | None  # percent, None without tenders

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "ThemeShareItem":
        return cls(**{**data, "share": _decimal(data["share"])})

    def to_json(self) -> dict[str, Any]:
        return {
            "theme": self.theme_code,
            "name": self.theme_name,
            "with_mvi": self.with_mvi,
            "total": self.total,
            "share": number(self.share),
        }
