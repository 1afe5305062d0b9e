"""The KPIs of targets, computed from the tender register as of any date.

On date D (docs/adr/0011-targets-and-kpis.md):

- a tender **counts** when it was registered on or before D (`registered_on <= D`) and
  its phase on D, from the phase history (procurement.selectors.tenders), is not
  *withdrawn*; a withdrawn tender counts up to the day before its withdrawal. The
  filters narrow the tenders that count: `start_year` (the planned contract start lies
  in that year; tenders without one are left out) and `phase` (the phase on D is that
  phase or a later one of the pipeline).
- a tender **has MVI impact** when at least one theme is applied in it (that `theme`
  when the KPI names one); it **applies MVI in a given way** when an applied theme (that
  theme, when named) has that instrument. Which themes are applied, and how, are the
  current values: the register keeps no history of them.
- a tender's **value** on D is the sum of the awarded values of its contracts awarded on
  or before D, when it has at least one with a value; otherwise its estimated value
  (current value). Tenders without either are left out of value shares, numerator and
  denominator alike.
- **shares** are percentages with one decimal (half up) of the tenders (or value) that
  count; with nothing to divide by they are None ("cannot be computed").

The database is read once for any number of dates (`register_facts`: three queries: the
tenders with their whole phase history, the themes applied, the contracts); the phase on
any date and every figure are computed in memory by the pure functions below, so a chart
of many dates and a page of many targets cost the same few queries and the same time to
read. A caller that reads the register itself (the monitor report) builds the same facts
with `tender_facts`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from mvimonitor.procurement.phases import PHASE_ORDER, Phase
from mvimonitor.procurement.selectors import register
from mvimonitor.targets.models import INSTRUMENT_KINDS, PERCENT_KINDS, Instrument, KpiKind, Target
from mvimonitor.utils import numbers

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Theme

#: Pipeline position of each phase, for "this phase or a later one".
PHASE_RANK = {phase.value: rank for rank, phase in enumerate(PHASE_ORDER)}


@dataclass(frozen=True)
class KpiSpec:
    """What a KPI measures: its kind and filters (a Target without its goal)."""

    kind: KpiKind
    theme_id: int | None = None
    start_year: int | None = None
    phase: str = ""  # "" or a Phase value: that phase or a later one
    instrument: str = ""  # "" or an Instrument value (the instrument kinds need one)

    def __post_init__(self) -> None:
        if (self.kind in INSTRUMENT_KINDS) != bool(self.instrument):
            raise ValueError("Only the instrument kinds name an instrument, and they must.")
        if self.phase == Phase.WITHDRAWN:
            raise ValueError("Withdrawn tenders never count.")

    @classmethod
    def of(cls, target: Target) -> KpiSpec:
        return cls(
            kind=KpiKind(target.kpi_kind),
            theme_id=target.theme_id,
            start_year=target.start_year,
            phase=target.phase,
            instrument=target.instrument,
        )

    @property
    def is_percent(self) -> bool:
        return self.kind in PERCENT_KINDS


@dataclass(frozen=True)
class TenderFacts:
    """What the KPIs need of one tender: its phase on any date (from its history) and
    the current values."""

    id: int
    registered_on: date
    planned_start_on: date | None
    estimated_value: Decimal | None
    history: tuple[tuple[date, str], ...]  # (effective on, to phase), in the history's order
    applied: dict[int, frozenset[str]]  # theme id -> the instruments (Instrument values)
    awards: tuple[tuple[date, Decimal], ...] = ()  # (awarded on, awarded value)
    # The history's dates, searched by phase_on, and the phases found so far by date
    # (the targets of a report ask for the same dates).
    _days: tuple[date, ...] = field(init=False, compare=False, repr=False)
    _phases: dict[date, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_days", tuple(day for day, _ in self.history))

    def phase_on(self, on: date) -> str:
        """The phase on `on`: that of the latest change effective on or before it (in
        the history's order, so of two on one day the one recorded last), preparation
        before the first. The rule of procurement.selectors.tenders.phase_on_expression,
        in memory."""
        phase = self._phases.get(on)
        if phase is None:
            index = bisect_right(self._days, on)
            phase = self.history[index - 1][1] if index else Phase.PREPARATION.value
            self._phases[on] = phase
        return phase

    def counts_on(self, on: date) -> bool:
        return self.registered_on <= on and self.phase_on(on) != Phase.WITHDRAWN

    def applies(self, *, theme_id: int | None = None, instrument: str = "") -> bool:
        if not instrument:  # the common cases, without a loop
            return bool(self.applied) if theme_id is None else theme_id in self.applied
        return any(
            (theme_id is None or theme == theme_id) and instrument in used
            for theme, used in self.applied.items()
        )

    def value_on(self, on: date) -> Decimal | None:
        if not self.awards:
            return self.estimated_value
        awarded = [value for awarded_on, value in self.awards if awarded_on <= on]
        return sum(awarded, Decimal(0)) if awarded else self.estimated_value


# -- reading the register ----------------------------------------------------------------

#: The AppliedTheme flags of the instruments, in Instrument order.
INSTRUMENT_FIELDS = tuple(f"as_{instrument.value}" for instrument in Instrument)


def instruments_used(flags: Sequence[bool]) -> frozenset[str]:
    """The Instrument values of an applied theme's flags (INSTRUMENT_FIELDS' order)."""
    return frozenset(i.value for i, flag in zip(Instrument, flags, strict=True) if flag)


def tender_facts(
    *,
    tenders: Iterable[tuple[int, date, date | None, Decimal | None]],
    history: Mapping[int, Sequence[tuple[date, str]]],
    applied: Iterable[tuple[int, int, Sequence[bool]]],
    contracts: Iterable[tuple[int | None, date, Decimal | None]],
    until: date,
) -> list[TenderFacts]:
    """The facts of the tenders registered on or before `until`, from rows read by the
    caller: `tenders` as (id, registered on, planned start, estimated value), `history`
    tender id -> its phase changes as (effective on, to phase) in the history's order
    (all of them), `applied` as (tender id, theme id, flags in INSTRUMENT_FIELDS' order)
    and `contracts` as (tender id, awarded on, awarded value): those without a tender or
    a value, or awarded after `until`, are left out here."""
    used: dict[int, dict[int, frozenset[str]]] = {}
    for tender_id, theme_id, flags in applied:
        used.setdefault(tender_id, {})[theme_id] = instruments_used(flags)
    awards: dict[int, list[tuple[date, Decimal]]] = {}
    for awarded_tender, awarded_on, value in contracts:
        if awarded_tender is not None and value is not None and awarded_on <= until:
            awards.setdefault(awarded_tender, []).append((awarded_on, value))
    return [
        TenderFacts(
            id=pk,
            registered_on=registered_on,
            planned_start_on=planned_start_on,
            estimated_value=estimated_value,
            history=tuple(history.get(pk, ())),
            applied=used.get(pk, {}),
            awards=tuple(awards.get(pk, ())),
        )
        for pk, registered_on, planned_start_on, estimated_value in tenders
        if registered_on <= until
    ]


def register_facts(*, organisation_id: int, dates: Iterable[date]) -> list[TenderFacts]:
    """The organisation's tenders registered by the latest of `dates`, with their whole
    phase history (so the phase on any date is known). Three queries, whatever the number
    of tenders or dates."""
    days = sorted(set(dates))
    if not days:
        return []
    latest = days[-1]
    tenders: dict[int, tuple[int, date, date | None, Decimal | None]] = {}
    history: dict[int, list[tuple[date, str]]] = {}
    rows = register.tender_phase_rows(organisation_id=organisation_id, registered_by=latest)
    for pk, registered_on, planned_start_on, estimated_value, effective_on, to_phase in rows:
        tenders[pk] = (pk, registered_on, planned_start_on, estimated_value)
        if effective_on is not None:
            history.setdefault(pk, []).append((effective_on, to_phase))
    applied = register.applied_theme_rows(
        organisation_id=organisation_id, registered_by=latest, instruments=INSTRUMENT_FIELDS
    )
    contracts = register.awarded_contract_rows(organisation_id=organisation_id, awarded_by=latest)
    return tender_facts(
        tenders=tenders.values(),
        history=history,
        applied=((tender_id, theme_id, flags) for tender_id, theme_id, *flags in applied),
        contracts=contracts,
        until=latest,
    )


# -- computing, in memory ----------------------------------------------------------------


def percentage(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """`part` of `whole` in percent, one decimal, half up; None when `whole` is 0."""
    return numbers.percentage(part, whole, places=1)


def counted_tenders(facts: Iterable[TenderFacts], spec: KpiSpec, on: date) -> list[TenderFacts]:
    """The tenders that count on `on` under the KPI's start year and phase filters: the
    denominator of its shares."""
    minimum = PHASE_RANK[spec.phase] if spec.phase else 0
    year = spec.start_year
    counted = []
    for t in facts:
        if year is not None and (t.planned_start_on is None or t.planned_start_on.year != year):
            continue
        if t.registered_on > on:
            continue
        phase = t.phase_on(on)
        if phase != Phase.WITHDRAWN and PHASE_RANK[phase] >= minimum:
            counted.append(t)
    return counted


def _matching(counted: Iterable[TenderFacts], spec: KpiSpec) -> list[TenderFacts]:
    """The counted tenders that have MVI impact (in the KPI's theme, in its way): the
    numerator."""
    return [t for t in counted if t.applies(theme_id=spec.theme_id, instrument=spec.instrument)]


#: counted_tenders' answers by (date, start year, phase), for KPIs computed on the same
#: facts: the targets of a report mostly ask for the same dates and filters.
CountedCache = dict[tuple[date, int | None, str], list[TenderFacts]]


def _counted(
    facts: Sequence[TenderFacts], spec: KpiSpec, on: date, cache: CountedCache | None
) -> list[TenderFacts]:
    if cache is None:
        return counted_tenders(facts, spec, on)
    key = (on, spec.start_year, spec.phase)
    if key not in cache:
        cache[key] = counted_tenders(facts, spec, on)
    return cache[key]


def kpi_value(
    facts: Sequence[TenderFacts], spec: KpiSpec, on: date, cache: CountedCache | None = None
) -> Decimal | None:
    """The KPI's value on `on` from facts read for (at least) that date. `cache`: a dict
    kept by a caller that computes several KPIs on the same `facts`."""
    counted = _counted(facts, spec, on, cache)
    if spec.kind in (KpiKind.MVI_COUNT, KpiKind.INSTRUMENT_COUNT):
        return Decimal(len(_matching(counted, spec)))
    if spec.kind in (KpiKind.MVI_SHARE, KpiKind.INSTRUMENT_SHARE):
        return percentage(len(_matching(counted, spec)), len(counted))
    # VALUE_SHARE: tenders without a value are in neither sum.
    total = with_mvi = Decimal(0)
    for tender in counted:
        value = tender.value_on(on)
        if value is None:
            continue
        total += value
        if tender.applies(theme_id=spec.theme_id):
            with_mvi += value
    return percentage(with_mvi, total)


# -- selectors ---------------------------------------------------------------------------


def kpi_value_on(*, organisation: Organisation, spec: KpiSpec, on: date) -> Decimal | None:
    """The KPI's value on `on` (three queries)."""
    return kpi_value(register_facts(organisation_id=organisation.pk, dates=[on]), spec, on)


def kpi_values_on(
    *, organisation: Organisation, spec: KpiSpec, dates: Sequence[date]
) -> dict[date, Decimal | None]:
    """The KPI's value on each of `dates` (three queries, however many dates)."""
    facts = register_facts(organisation_id=organisation.pk, dates=dates)
    return {day: kpi_value(facts, spec, day) for day in dates}


def tenders_with_mvi(
    *,
    organisation: Organisation,
    on: date,
    theme: Theme | None = None,
    start_year: int | None = None,
    phase: str = "",
) -> int:
    """The number of tenders with MVI impact on `on` (a)."""
    spec = KpiSpec(KpiKind.MVI_COUNT, _id(theme), start_year, phase)
    return int(kpi_value_on(organisation=organisation, spec=spec, on=on) or 0)


def share_of_tenders_with_mvi(
    *,
    organisation: Organisation,
    on: date,
    theme: Theme | None = None,
    start_year: int | None = None,
) -> Decimal | None:
    """The share (%) of tenders with MVI impact, overall or in one theme (b)."""
    spec = KpiSpec(KpiKind.MVI_SHARE, _id(theme), start_year)
    return kpi_value_on(organisation=organisation, spec=spec, on=on)


def share_of_value_with_mvi(
    *,
    organisation: Organisation,
    on: date,
    theme: Theme | None = None,
    start_year: int | None = None,
) -> Decimal | None:
    """The share (%) of the tenders' value in tenders with MVI impact (c)."""
    spec = KpiSpec(KpiKind.VALUE_SHARE, _id(theme), start_year)
    return kpi_value_on(organisation=organisation, spec=spec, on=on)


def tenders_applying(
    *,
    organisation: Organisation,
    on: date,
    instrument: Instrument,
    theme: Theme | None = None,
    start_year: int | None = None,
) -> int:
    """The number of tenders applying MVI in the given way (d)."""
    spec = KpiSpec(KpiKind.INSTRUMENT_COUNT, _id(theme), start_year, instrument=instrument)
    return int(kpi_value_on(organisation=organisation, spec=spec, on=on) or 0)


def share_of_tenders_applying(
    *,
    organisation: Organisation,
    on: date,
    instrument: Instrument,
    theme: Theme | None = None,
    start_year: int | None = None,
) -> Decimal | None:
    """The share (%) of the tenders that count applying MVI in the given way (d)."""
    spec = KpiSpec(KpiKind.INSTRUMENT_SHARE, _id(theme), start_year, instrument=instrument)
    return kpi_value_on(organisation=organisation, spec=spec, on=on)


def _id(theme: Theme | None) -> int | None:
    return theme.pk if theme is not None else None
