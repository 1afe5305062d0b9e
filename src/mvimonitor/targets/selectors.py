"""Reads of targets: each target's value, progress and state on a date, the share of
tenders with MVI per theme, and a target's values over time. The public interface the
monitor report uses; keep the signatures stable.

Every function reads the register once (targets.kpis.register_facts: three queries)
plus the targets or themes: a constant number of queries whatever the number of
tenders, targets or dates. A caller that has read the register already (the monitor
report: one read for its whole section) passes the facts (`tender_facts`) to
`target_values_on` and `mvi_share_per_theme`, which then only read the targets or themes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.procurement.phases import Phase
from mvimonitor.targets.kpis import (
    INSTRUMENT_FIELDS,
    CountedCache,
    KpiSpec,
    TenderFacts,
    kpi_value,
    percentage,
    register_facts,
    tender_facts,
)
from mvimonitor.targets.models import Instrument, KpiKind, Target
from mvimonitor.targets.states import TargetState, line_value, target_state

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import ActionPlan


@dataclass(frozen=True)
class TargetValue:
    target_id: int
    title: str
    kpi: str  # the KPI in words with its filters, in the active language
    kpi_kind: str  # KpiKind value
    unit: str  # "count" or "percent"
    target: Decimal
    value: Decimal | None  # None: cannot be computed (nothing to divide by)
    state: str  # TargetState value: "met" | "on_track" | "behind" | "missed"
    progress: float | None  # value / target, 0..1 and beyond; None when value is None
    starts_on: date
    deadline: date


@dataclass(frozen=True)
class ThemeShare:
    theme_code: str
    theme_name: str  # Dutch
    theme_name_en: str
    with_mvi: int  # tenders that count applying this theme
    total: int  # tenders that count
    share: Decimal | None  # percent, one decimal; None when no tender counts


@dataclass(frozen=True)
class SeriesPoint:
    on: date
    value: Decimal | None
    line: Decimal  # the straight line from start to deadline on that date


def kpi_label(target: Target) -> str:
    """The KPI in words with its filters, e.g. "Tenders with MVI impact (start in 2018)"."""
    kind = KpiKind(target.kpi_kind)
    names = {
        KpiKind.MVI_COUNT: _("Tenders with MVI impact"),
        KpiKind.MVI_SHARE: _("Share of tenders with MVI impact"),
        KpiKind.VALUE_SHARE: _("Share of tender value with MVI impact"),
        KpiKind.INSTRUMENT_COUNT: _("Tenders applying MVI %(how)s"),
        KpiKind.INSTRUMENT_SHARE: _("Share of tenders applying MVI %(how)s"),
    }
    label = names[kind]
    if target.instrument:
        label = label % {"how": Instrument(target.instrument).label}
    filters = []
    if target.theme is not None:
        filters.append(_("theme %(theme)s") % {"theme": target.theme.label})
    if target.start_year:
        filters.append(_("start in %(year)s") % {"year": target.start_year})
    if target.phase:
        filters.append(_("in phase %(phase)s or later") % {"phase": Phase(target.phase).label})
    return f"{label} ({', '.join(filters)})" if filters else label


def plan_targets(*, plan: ActionPlan) -> QuerySet[Target]:
    return Target.objects.filter(plan=plan).select_related("theme")


def _start_dates(targets: Sequence[Target], on: date) -> set[date]:
    # A start value is only needed once the line has begun.
    return {t.starts_on for t in targets if t.starts_on <= on}


def _line_needed(target: Target, value: Decimal | None, on: date) -> bool:
    """Whether target_state reads the line (so the start value) on `on`: only for a
    target not met, with a value, from its start up to its deadline."""
    return (
        value is not None
        and value < target.target_value
        and target.starts_on <= on <= target.deadline
    )


def _value(
    target: Target, facts: Sequence[TenderFacts], on: date, cache: CountedCache | None = None
) -> TargetValue:
    spec = KpiSpec.of(target)
    value = kpi_value(facts, spec, on, cache)
    needed = _line_needed(target, value, on)
    start_value = kpi_value(facts, spec, target.starts_on, cache) if needed else None
    state = target_state(
        value=value,
        target=target.target_value,
        starts_on=target.starts_on,
        deadline=target.deadline,
        start_value=start_value,
        on=on,
    )
    return TargetValue(
        target_id=target.pk,
        title=target.title,
        kpi=kpi_label(target),
        kpi_kind=target.kpi_kind,
        unit="percent" if spec.is_percent else "count",
        target=target.target_value,
        value=value,
        state=state.value,
        progress=None if value is None else float(value / target.target_value),
        starts_on=target.starts_on,
        deadline=target.deadline,
    )


def target_values_on(
    *, plan: ActionPlan, on: date, facts: Sequence[TenderFacts] | None = None
) -> list[TargetValue]:
    """Every target of the plan with its value, progress and state on `on`, in deadline
    order. Four queries, whatever the number of targets or tenders; one when given the
    `facts` of the plan's organisation's tenders registered by `on` (or later)."""
    targets = list(plan_targets(plan=plan))
    if not targets:
        return []
    if facts is None:
        facts = register_facts(
            organisation_id=plan.organisation_id, dates={on, *_start_dates(targets, on)}
        )
    cache: CountedCache = {}  # targets with the same filters count the same tenders
    return [_value(target, facts, on, cache) for target in targets]


def target_value_on(*, target: Target, on: date) -> TargetValue:
    """One target's value, progress and state on `on` (three queries)."""
    facts = register_facts(
        organisation_id=target.plan.organisation_id, dates={on, *_start_dates([target], on)}
    )
    return _value(target, facts, on)


def monthly_dates(starts_on: date, ends_on: date) -> list[date]:
    """`starts_on`, the first of every following month up to `ends_on`, and `ends_on`."""
    days = [starts_on]
    year, month = starts_on.year, starts_on.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        first = date(year, month, 1)
        if first >= ends_on:
            break
        days.append(first)
    if ends_on > starts_on:
        days.append(ends_on)
    return days


def target_series(*, target: Target, until: date) -> list[SeriesPoint]:
    """The target's value on its start, the first of every month, `until` (today) and
    its deadline, up to `until` (values after it are None: the future has no figures),
    with the line on each date. Three queries."""
    dates = monthly_dates(target.starts_on, target.deadline)
    if target.starts_on < until < target.deadline and until not in dates:
        dates = sorted([*dates, until])
    known = [day for day in dates if day <= until]
    facts = register_facts(organisation_id=target.plan.organisation_id, dates=known)
    spec = KpiSpec.of(target)
    values = {day: kpi_value(facts, spec, day) for day in known}
    start_value = values.get(target.starts_on) or Decimal(0)
    return [
        SeriesPoint(
            on=day,
            value=values.get(day),
            line=line_value(
                starts_on=target.starts_on,
                deadline=target.deadline,
                start_value=start_value,
                target=target.target_value,
                on=day,
            ),
        )
        for day in dates
    ]


def mvi_share_per_theme(
    *, organisation: Organisation, on: date, facts: Sequence[TenderFacts] | None = None
) -> list[ThemeShare]:
    """Per theme (the national MVOI themes and the organisation's own; a legacy theme
    only when a tender that counts applies it), how many of the tenders that count on
    `on` apply it, and the share. Four queries; one when given the organisation's
    `facts` (as target_values_on)."""
    if facts is None:
        facts = register_facts(organisation_id=organisation.pk, dates=[on])
    counted = [t for t in facts if t.counts_on(on)]
    per_theme: dict[int, int] = {}
    for tender in counted:
        for theme_id in tender.applied:
            per_theme[theme_id] = per_theme.get(theme_id, 0) + 1
    themes = themes_for_organisation(organisation=organisation).order_by("position", "name")
    return [
        ThemeShare(
            theme_code=theme.code,
            theme_name=theme.name,
            theme_name_en=theme.name_en,
            with_mvi=per_theme.get(theme.pk, 0),
            total=len(counted),
            share=percentage(per_theme.get(theme.pk, 0), len(counted)),
        )
        for theme in themes
        if not theme.is_legacy or per_theme.get(theme.pk)
    ]


__all__ = [
    "INSTRUMENT_FIELDS",
    "SeriesPoint",
    "TargetState",
    "TargetValue",
    "TenderFacts",
    "ThemeShare",
    "kpi_label",
    "mvi_share_per_theme",
    "plan_target_titles",
    "plan_targets",
    "target_series",
    "target_value_on",
    "target_values_on",
    "tender_facts",
]


def plan_target_titles(*, plan: ActionPlan) -> set[str]:
    """The titles of the plan's targets (one query): what a loader checks a target
    against before adding it again."""
    return set(Target.objects.filter(plan=plan).values_list("title", flat=True))
