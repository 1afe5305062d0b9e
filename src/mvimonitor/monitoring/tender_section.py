"""The reads behind the report's section "Tenders and targets" (Aanbestedingen en doelen),
for selectors.report_for_date. Definitions, on monitor date D with baseline B (the
previous finalised monitor's date, or the plan's adoption date) and window end E:

- the organisation's tenders **in the register on D**: registered on or before D and not
  withdrawn on D (the tenders that count for the targets, targets.kpis); how many, and
  how many of them apply at least one MVI theme;
- **phase changed**: registered on or before D, and their phase on D (from the phase
  history) differs from their phase on B, or they were registered after B (new in the
  register). A tender that moved and moved back within (B, D] is not listed: the report
  compares the two dates, as it does for actions. The date shown is that of its latest
  phase change in (B, D] (its registration date for a new tender without one);
- **planned**: not withdrawn or completed on D, with a planned publication or a planned
  contract start in (D, E], D excluded and E included (as planned actions);
- **contracts awarded**: awarded in (B, D] (procurement.selectors.contracts);
- **targets**: the plan's targets with their values on D (targets.selectors);
- **MVI per theme**: per theme, the share of the tenders in the register on D that apply
  it (targets.selectors).

Planned dates, values and the themes applied are the register's current values (it
keeps no history of them); finalising freezes what the report showed. The KPIs and theme
names are put in words in the installation's language (Dutch), whoever asks, because
the PDF shows them and an edition freezes them.

The register is read once for the whole section: the tenders, their phase histories,
the themes applied and the contracts (four queries); the phases on D and B, the lists,
the totals and the targets' and themes' figures are computed from those rows in memory
(the targets app's facts, targets.selectors.tender_facts). With the targets and the
themes that is six queries whatever the number of tenders, contracts or targets, and
three for an organisation without tenders.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import translation

from mvimonitor.monitoring.report_procurement import (
    ContractItem,
    TargetItem,
    TenderItem,
    ThemeShareItem,
)
from mvimonitor.organisations.models import Organisation
from mvimonitor.plans.models import ActionPlan
from mvimonitor.procurement.models import AppliedTheme, Contract, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.targets.selectors import (
    INSTRUMENT_FIELDS,
    TenderFacts,
    mvi_share_per_theme,
    target_values_on,
    tender_facts,
)

#: Phases in which a tender is no longer "planned".
CLOSED_PHASES = (Phase.WITHDRAWN.value, Phase.COMPLETED.value)


@dataclass(frozen=True)
class TenderSection:
    tender_count: int = 0
    tenders_with_mvi: int = 0
    tenders: list[TenderItem] = field(default_factory=list)
    contracts: list[ContractItem] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    mvi_share: list[ThemeShareItem] = field(default_factory=list)


def tender_section(
    *, plan: ActionPlan, on: date, baseline: date, window_end: date
) -> TenderSection:
    organisation = plan.organisation
    tenders, history = _register(organisation, on)
    themes = _applied_themes(organisation, on) if tenders else []
    contracts = _contracts_awarded_by(organisation, on)
    facts = tender_facts(
        tenders=(
            (t["pk"], t["registered_on"], t["planned_start_on"], t["estimated_value"])
            for t in tenders
        ),
        history=history,
        applied=((tender_id, theme_id, flags) for tender_id, theme_id, _, _, flags in themes),
        contracts=((c["tender_id"], c["awarded_on"], c["awarded_value"]) for c in contracts),
        until=on,
    )
    current = [t for t in facts if t.counts_on(on)]
    with translation.override(settings.LANGUAGE_CODE):
        targets = [
            TargetItem(**vars(value)) for value in target_values_on(plan=plan, on=on, facts=facts)
        ]
        # Without tenders there is nothing to list or to divide: no more queries.
        shares = (
            mvi_share_per_theme(organisation=organisation, on=on, facts=facts) if tenders else []
        )
    return TenderSection(
        tender_count=len(current),
        tenders_with_mvi=sum(1 for t in current if t.applied),
        tenders=_tenders(tenders, facts, themes, on, baseline, window_end),
        contracts=[_contract_item(c) for c in contracts if c["awarded_on"] > baseline],
        targets=targets,
        mvi_share=[ThemeShareItem(**vars(share)) for share in shares],
    )


TENDER_FIELDS = (
    "pk",
    "reference",
    "title",
    "procedure",
    "department",
    "estimated_value",
    "planned_publication_on",
    "planned_start_on",
    "registered_on",
)


def _register(
    organisation: Organisation, on: date
) -> tuple[list[dict[str, Any]], dict[int, list[tuple[date, str]]]]:
    """The organisation's tenders registered on or before D, by reference, as plain
    rows (one query), and each one's phase changes as (effective on, to phase) in the
    history's order (one query, only when there are tenders). Two queries rather than
    one join: repeating the tender's columns on every change costs more than a query."""
    registered = Tender.objects.filter(organisation=organisation, registered_on__lte=on)
    tenders = list(registered.order_by("reference", "pk").values(*TENDER_FIELDS))
    history: dict[int, list[tuple[date, str]]] = {}
    if tenders:
        changes = TenderPhaseChange.objects.filter(
            tender__organisation=organisation, tender__registered_on__lte=on
        ).order_by("tender_id", "effective_on", "recorded_at", "id")
        for tender_id, effective_on, to_phase in changes.values_list(
            "tender_id", "effective_on", "to_phase"
        ):
            history.setdefault(tender_id, []).append((effective_on, to_phase))
    return tenders, history


#: A theme applied in a tender: (tender id, theme id, code, name, instrument flags).
AppliedRow = tuple[int, int, str, str, tuple[bool, ...]]


def _applied_themes(organisation: Organisation, on: date) -> list[AppliedRow]:
    """The themes applied in the tenders registered on or before D, in theme order: one
    query."""
    rows = (
        AppliedTheme.objects.filter(
            tender__organisation=organisation, tender__registered_on__lte=on
        )
        .order_by("theme__position", "theme__name", "theme_id")
        .values_list("tender_id", "theme_id", "theme__code", "theme__name", *INSTRUMENT_FIELDS)
    )
    return [(tender, theme, code, name, tuple(flags)) for tender, theme, code, name, *flags in rows]


def _in(start: date, end: date, day: date | None) -> bool:
    """`day` in (start, end]."""
    return day is not None and start < day <= end


def _tenders(
    tenders: list[dict[str, Any]],
    facts: Iterable[TenderFacts],
    themes: list[AppliedRow],
    on: date,
    baseline: date,
    window_end: date,
) -> list[TenderItem]:
    """The tenders of either list, each once, by reference, computed from the rows read:
    a tender registered after B, whose phase on D differs from that on B, or with a
    planned date in the window."""
    by_id = {fact.id: fact for fact in facts}
    themes_of: dict[int, list[tuple[str, str]]] = {}
    for tender_id, _, code, name, _ in themes:
        themes_of.setdefault(tender_id, []).append((code, name))
    items = []
    for row in tenders:
        fact = by_id[row["pk"]]
        changes = [day for day, _ in fact.history if baseline < day <= on]
        phases = {
            "phase_on": fact.phase_on(on),
            "phase_before": fact.phase_on(baseline),
            "last_change_on": max(changes, default=None),
        }
        item = _tender_item(
            {**row, **phases}, themes_of.get(row["pk"], []), on, baseline, window_end
        )
        if item.phase_changed or item.in_window:
            items.append(item)
    return items


def _tender_item(
    row: dict[str, Any],
    themes: list[tuple[str, str]],
    on: date,
    baseline: date,
    window_end: date,
) -> TenderItem:
    is_new = row["registered_on"] > baseline
    before = None if is_new else row["phase_before"]
    return TenderItem(
        tender_id=row["pk"],
        reference=row["reference"],
        title=row["title"],
        phase=row["phase_on"],
        phase_before=before,
        phase_changed_on=row["last_change_on"] or (row["registered_on"] if is_new else None),
        themes_applied=[code for code, _ in themes],
        theme_names=[name for _, name in themes],
        procedure=row["procedure"],
        department=row["department"],
        estimated_value=row["estimated_value"],
        planned_publication_on=row["planned_publication_on"],
        planned_start_on=row["planned_start_on"],
        phase_changed=is_new or row["phase_on"] != before,
        in_window=row["phase_on"] not in CLOSED_PHASES
        and (
            _in(on, window_end, row["planned_publication_on"])
            or _in(on, window_end, row["planned_start_on"])
        ),
    )


CONTRACT_FIELDS = (
    "pk",
    "reference",
    "title",
    "lot",
    "supplier__name",
    "supplier__city",
    "awarded_value",
    "awarded_on",
    "starts_on",
    "ends_on",
    "tender_id",
    "tender__reference",
    "tender__title",
)


def _contracts_awarded_by(organisation: Organisation, on: date) -> list[dict[str, Any]]:
    """The organisation's contracts awarded on or before D, in the order they were
    awarded (as procurement.selectors.contracts.contracts_awarded_between), as plain
    rows: one query, for the list (those awarded in (B, D]) and the tenders' values."""
    contracts = Contract.objects.filter(organisation=organisation, awarded_on__lte=on)
    return list(contracts.order_by("awarded_on", "reference", "pk").values(*CONTRACT_FIELDS))


def _contract_item(row: dict[str, Any]) -> ContractItem:
    return ContractItem(
        contract_id=row["pk"],
        reference=row["reference"],
        title=row["title"],
        lot=row["lot"],
        supplier=row["supplier__name"],
        supplier_city=row["supplier__city"],
        awarded_value=row["awarded_value"],
        awarded_on=row["awarded_on"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        tender_reference=row["tender__reference"] or "",
        tender_title=row["tender__title"] or "",
    )
