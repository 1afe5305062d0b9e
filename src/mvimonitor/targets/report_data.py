"""The data of the report's section "Tenders and targets" (Aanbestedingen en doelen),
`TendersTargets`, held by `monitoring.report.Report.sections["tenders_targets"]`: the
tenders whose phase changed since the previous monitor or that are planned in the
window, the contracts awarded since the previous monitor, the plan's targets with their
values on the monitor date, and the share of tenders with MVI per theme. Frozen with the
rest of the report under the keys the report had before the section moved here (amounts
as strings, dates as ISO strings); see docs/adr/0012-tenders-in-the-monitor.md."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from mvimonitor.kernel.labels import in_language
from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.monitoring.sections import storable


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
    theme_names: list[str]  # the same themes by name (Dutch)
    procedure: str  # a Tender.Procedure code, or ""
    department: str
    estimated_value: Decimal | None
    planned_publication_on: date | None
    planned_start_on: date | None
    phase_changed: bool  # in "phase changed since the previous monitor"
    in_window: bool  # in "planned in the coming months"
    # The same themes' English names; editions frozen before issue 15 have none.
    theme_names_en: list[str] = field(default_factory=list)

    @property
    def theme_labels(self) -> list[str]:
        """The themes by name in the active language (as Theme.label)."""
        english = self.theme_names_en or self.theme_names
        return [in_language(nl, en) for nl, en in zip(self.theme_names, english, strict=True)]

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
    theme_name: str  # Dutch
    with_mvi: int
    total: int
    share: Decimal | None  # percent, None without tenders
    theme_name_en: str = ""  # editions frozen before issue 15 have none

    @property
    def label(self) -> str:
        """The theme's name in the active language (as Theme.label)."""
        return in_language(self.theme_name, self.theme_name_en)

    @classmethod
    def from_storage(cls, data: dict[str, Any]) -> "ThemeShareItem":
        return cls(**{**data, "share": _decimal(data["share"])})

    def to_json(self) -> dict[str, Any]:
        return {
            "theme": self.theme_code,
            "name": self.theme_name,
            "name_en": self.theme_name_en or self.theme_name,
            "with_mvi": self.with_mvi,
            "total": self.total,
            "share": number(self.share),
        }


@dataclass(frozen=True)
class TendersTargets:
    """The section's data. Editions frozen before the section existed lack its keys and
    load with the defaults: an empty section."""

    tender_count: int = 0  # tenders in the register on D, not withdrawn
    tenders_with_mvi: int = 0  # of which with at least one MVI theme applied
    tenders: list[TenderItem] = field(default_factory=list)
    contracts: list[ContractItem] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    mvi_share: list[ThemeShareItem] = field(default_factory=list)

    @property
    def has_procurement(self) -> bool:
        """Whether the section has anything to show; without tenders, contracts or
        targets it is one sentence."""
        return bool(self.tender_count or self.tenders or self.contracts or self.targets)

    @property
    def tenders_changed(self) -> list[TenderItem]:
        """Tenders whose phase on D differs from their phase on the baseline (or that
        were registered after it), by the date of the change."""
        changed = [t for t in self.tenders if t.phase_changed]
        return sorted(
            changed, key=lambda t: (t.phase_changed_on or date.min, natural_sort_key(t.reference))
        )

    # -- storage (frozen editions) and the public JSON format ----------------------------

    @classmethod
    def from_storage(cls, stored: Mapping[str, Any]) -> "TendersTargets":
        return cls(
            tender_count=stored.get("tender_count", 0),
            tenders_with_mvi=stored.get("tenders_with_mvi", 0),
            tenders=[TenderItem.from_storage(t) for t in stored.get("tenders", [])],
            contracts=[ContractItem.from_storage(c) for c in stored.get("contracts", [])],
            targets=[TargetItem.from_storage(t) for t in stored.get("targets", [])],
            mvi_share=[ThemeShareItem.from_storage(s) for s in stored.get("mvi_share", [])],
        )

    def to_storage(self) -> dict[str, Any]:
        """The six keys of a frozen report, as the report kept them before the section
        moved here."""
        return storable(
            {
                "tender_count": self.tender_count,
                "tenders_with_mvi": self.tenders_with_mvi,
                "tenders": [asdict(t) for t in self.tenders],
                "contracts": [asdict(c) for c in self.contracts],
                "targets": [asdict(t) for t in self.targets],
                "mvi_share": [asdict(s) for s in self.mvi_share],
            }
        )

    def to_json(self) -> dict[str, Any]:
        """The section's keys in the public JSON format (docs/report.schema.json): its
        tenders (changed since the previous monitor or planned in the window, each
        once), contracts, targets, share per theme and totals."""
        return {
            "tenders": [t.to_json() for t in self.tenders],
            "contracts": [c.to_json() for c in self.contracts],
            "targets": [t.to_json() for t in self.targets],
            "mvi_share_per_theme": [s.to_json() for s in self.mvi_share],
            "tender_totals": {"in_register": self.tender_count, "with_mvi": self.tenders_with_mvi},
        }


def tenders_planned(data: TendersTargets, monitor_date: date, window_end: date) -> list[TenderItem]:
    """Tenders to be published or to start in the window (D, E], soonest first."""

    def first_in_window(tender: TenderItem) -> date:
        days = (tender.planned_publication_on, tender.planned_start_on)
        inside = [d for d in days if d is not None and monitor_date < d <= window_end]
        return min(inside, default=date.max)

    planned = [t for t in data.tenders if t.in_window]
    return sorted(planned, key=lambda t: (first_in_window(t), natural_sort_key(t.reference)))
