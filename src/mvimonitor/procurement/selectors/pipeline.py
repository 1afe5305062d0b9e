"""Reads of the pipeline: the organisation's tenders as they stand now, by phase and
planned contract start (quarter), filterable by theme and department. Three queries
whatever the number of tenders (tenders, their themes, the departments)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from mvimonitor.procurement.models import AppliedTheme, Tender
from mvimonitor.procurement.phases import PHASE_ORDER, Phase

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Theme

#: Phases no longer in the pipeline: shown only when asked for.
FINISHED = frozenset({Phase.COMPLETED, Phase.WITHDRAWN})


@dataclass(frozen=True)
class PipelineTender:
    id: int
    reference: str
    title: str
    phase: Phase
    department: str
    planned_publication_on: date | None
    planned_start_on: date | None
    estimated_value: Decimal | None
    themes: tuple[str, ...]  # names of the themes applied, in the active language

    @property
    def has_dates(self) -> bool:
        return self.planned_publication_on is not None or self.planned_start_on is not None

    @property
    def quarter(self) -> tuple[int, int] | None:
        """(year, quarter) of the planned contract start."""
        start = self.planned_start_on
        return None if start is None else (start.year, (start.month - 1) // 3 + 1)


@dataclass(frozen=True)
class QuarterGroup:
    quarter: tuple[int, int] | None  # None: no planned contract start
    tenders: list[PipelineTender] = field(default_factory=list)

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)


@dataclass(frozen=True)
class PhaseGroup:
    phase: Phase
    quarters: list[QuarterGroup]

    @property
    def count(self) -> int:
        return sum(len(q.tenders) for q in self.quarters)


def quarter_label(quarter: tuple[int, int] | None) -> str:
    if quarter is None:
        return _("no planned start")
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter[1], "year": quarter[0]}


def pipeline_tenders(
    *,
    organisation: Organisation,
    theme: Theme | None = None,
    department: str = "",
    include_finished: bool = False,
) -> list[PipelineTender]:
    """The tenders in the pipeline (their current phase; completed and withdrawn ones
    only with `include_finished`), in pipeline order: by planned contract start, then
    planned publication, then reference; tenders without dates last. Two queries."""
    tenders = Tender.objects.filter(organisation=organisation)
    if theme is not None:
        tenders = tenders.filter(applied_themes__theme=theme)
    if department:
        tenders = tenders.filter(department=department)
    if not include_finished:
        tenders = tenders.exclude(phase__in=[p.value for p in FINISHED])
    applied = AppliedTheme.objects.select_related("theme").order_by(
        "theme__position", "theme__name"
    )
    rows = tenders.prefetch_related(Prefetch("applied_themes", queryset=applied)).order_by(
        F("planned_start_on").asc(nulls_last=True),
        F("planned_publication_on").asc(nulls_last=True),
        "reference_sort_key",
    )
    return [
        PipelineTender(
            id=t.pk,
            reference=t.reference,
            title=t.title,
            phase=Phase(t.phase),
            department=t.department,
            planned_publication_on=t.planned_publication_on,
            planned_start_on=t.planned_start_on,
            estimated_value=t.estimated_value,
            themes=tuple(a.theme.label for a in t.applied_themes.all()),
        )
        for t in rows
    ]


def pipeline_by_phase(tenders: Sequence[PipelineTender]) -> list[PhaseGroup]:
    """The tenders per phase (pipeline order, phases without tenders left out) and,
    within a phase, per quarter of the planned contract start (no start last)."""
    groups = []
    for phase in PHASE_ORDER:
        in_phase = [t for t in tenders if t.phase == phase]
        if not in_phase:
            continue
        quarters: dict[tuple[int, int] | None, QuarterGroup] = {}
        for tender in in_phase:
            quarters.setdefault(tender.quarter, QuarterGroup(tender.quarter)).tenders.append(tender)
        ordered = sorted(quarters.values(), key=lambda g: (g.quarter is None, g.quarter or (0, 0)))
        groups.append(PhaseGroup(phase=phase, quarters=ordered))
    return groups


def quarter_counts(
    tenders: Sequence[PipelineTender],
) -> tuple[list[Phase], list[tuple[str, list[int], int]]]:
    """The number of tenders per quarter of planned start (rows) and phase (columns):
    the phases that occur, and per quarter its label, counts and total."""
    phases = [p for p in PHASE_ORDER if any(t.phase == p for t in tenders)]
    quarters = sorted({t.quarter for t in tenders}, key=lambda q: (q is None, q or (0, 0)))
    rows = []
    for quarter in quarters:
        counts = [sum(1 for t in tenders if t.quarter == quarter and t.phase == p) for p in phases]
        rows.append((quarter_label(quarter), counts, sum(counts)))
    return phases, rows


def tender_departments(*, organisation: Organisation) -> list[str]:
    """The departments named in the organisation's tenders, for the filter (one query)."""
    return list(
        Tender.objects.filter(organisation=organisation)
        .exclude(department="")
        .values_list("department", flat=True)
        .distinct()
        .order_by("department")
    )
