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
the PDF shows them and an edition freezes them. A constant number of queries whatever
the number of tenders, contracts or targets: twelve, or three for an organisation
without tenders.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import translation

from mvimonitor.monitoring.report_procurement import (
    ContractItem,
    TargetItem,
    TenderItem,
    ThemeShareItem,
)
from mvimonitor.organisations.models import Organisation
from mvimonitor.plans.models import ActionPlan
from mvimonitor.procurement.models import AppliedTheme, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.selectors.contracts import contracts_awarded_between
from mvimonitor.procurement.selectors.tenders import phase_on_expression, tenders_registered_on
from mvimonitor.targets.selectors import mvi_share_per_theme, target_values_on

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
    registered, count, with_mvi = _register_totals(organisation, on)
    with translation.override(settings.LANGUAGE_CODE):
        targets = [TargetItem(**vars(value)) for value in target_values_on(plan=plan, on=on)]
        # Without tenders there is nothing to list or to divide: no more queries.
        shares = mvi_share_per_theme(organisation=organisation, on=on) if registered else []
    return TenderSection(
        tender_count=count,
        tenders_with_mvi=with_mvi,
        tenders=_tenders(organisation, on, baseline, window_end) if registered else [],
        contracts=_contracts(organisation, on, baseline),
        targets=targets,
        mvi_share=[ThemeShareItem(**vars(share)) for share in shares],
    )


def _register_totals(organisation: Organisation, on: date) -> tuple[int, int, int]:
    """The tenders registered on or before D; of them, those in the register on D (not
    withdrawn); and of those, the ones applying MVI. One query."""
    applied = AppliedTheme.objects.filter(tender=OuterRef("pk"))
    current = ~Q(phase_on=Phase.WITHDRAWN.value)
    totals = (
        tenders_registered_on(organisation=organisation, on=on)
        .annotate(has_mvi=Exists(applied))
        .aggregate(
            registered=Count("pk"),
            current=Count("pk", filter=current),
            with_mvi=Count("pk", filter=current & Q(has_mvi=True)),
        )
    )
    return totals["registered"], totals["current"], totals["with_mvi"]


def _in(start: date, end: date, field_name: str) -> Q:
    """`field_name` in (start, end]."""
    return Q(**{f"{field_name}__gt": start, f"{field_name}__lte": end})


def _tenders(
    organisation: Organisation, on: date, baseline: date, window_end: date
) -> list[TenderItem]:
    """The tenders of either list, each once, by reference: two queries (the tenders
    with their phases on both dates, and their themes), read as plain rows. The phase
    subqueries run only for the candidates: tenders with a phase change in (B, D],
    registered after B, or with a planned date in the window."""
    changes = TenderPhaseChange.objects.filter(
        tender=OuterRef("pk"), effective_on__gt=baseline, effective_on__lte=on
    )
    last_change = changes.order_by("-effective_on").values("effective_on")[:1]
    in_window = _in(on, window_end, "planned_publication_on") | _in(
        on, window_end, "planned_start_on"
    )
    candidates = (
        tenders_registered_on(organisation=organisation, on=on)
        .filter(Q(registered_on__gt=baseline) | Q(Exists(changes)) | in_window)
        .annotate(phase_before=phase_on_expression(baseline), last_change_on=Subquery(last_change))
        .order_by("reference", "pk")
    )
    rows = list(candidates.values(*TENDER_FIELDS))
    themes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if rows:
        applied = AppliedTheme.objects.filter(tender__in=candidates.values("pk"))
        ordered = applied.order_by("theme__position", "theme__name", "theme_id")
        for tender_id, code, name in ordered.values_list("tender_id", "theme__code", "theme__name"):
            themes[tender_id].append((code, name))
    items = [_tender_item(row, themes[row["pk"]], on, baseline, window_end) for row in rows]
    return [item for item in items if item.phase_changed or item.in_window]


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
    "phase_on",
    "phase_before",
    "last_change_on",
)


def _tender_item(
    row: dict[str, Any],
    themes: list[tuple[str, str]],
    on: date,
    baseline: date,
    window_end: date,
) -> TenderItem:
    is_new = row["registered_on"] > baseline
    before = None if is_new else row["phase_before"]

    def planned(day: date | None) -> bool:
        return day is not None and on < day <= window_end

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
        and (planned(row["planned_publication_on"]) or planned(row["planned_start_on"])),
    )


def _contracts(organisation: Organisation, on: date, baseline: date) -> list[ContractItem]:
    contracts = contracts_awarded_between(organisation=organisation, after=baseline, until=on)
    return [
        ContractItem(
            contract_id=contract.pk,
            reference=contract.reference,
            title=contract.title,
            lot=contract.lot,
            supplier=contract.supplier.name,
            supplier_city=contract.supplier.city,
            awarded_value=contract.awarded_value,
            awarded_on=contract.awarded_on,
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            tender_reference=contract.tender.reference if contract.tender else "",
            tender_title=contract.tender.title if contract.tender else "",
        )
        for contract in contracts
    ]
