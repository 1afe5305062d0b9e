"""The report's section "Tenders and targets" (Aanbestedingen en doelen), registered
with monitoring's report by TargetsConfig.ready() (monitoring.sections, ADR 0018).
Definitions, on monitor date D with baseline B (the previous finalised monitor's date,
or the plan's adoption date) and window end E:

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

The register is read once for the whole section, through procurement.selectors.report:
the tenders, their phase histories, the themes applied and the contracts (four
queries); the phases on D and B, the lists, the totals and the targets' and themes'
figures are computed from those rows in memory (the targets app's facts,
targets.selectors.tender_facts). With the targets and the themes that is six queries
whatever the number of tenders, contracts or targets, and three for an organisation
without tenders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from mvimonitor.monitoring.sections import (
    FigureLink,
    KeyFigure,
    ObjectUrl,
    Section,
    SectionInput,
    object_url,
)
from mvimonitor.procurement.selectors.report import (
    CLOSED_PHASES,
    AppliedRow,
    contracts_awarded_by,
    tenders_registered_by,
    themes_applied_by,
)
from mvimonitor.targets.report_data import (
    ContractItem,
    TargetItem,
    TenderItem,
    TendersTargets,
    ThemeShareItem,
)
from mvimonitor.targets.selectors import (
    INSTRUMENT_FIELDS,
    TenderFacts,
    mvi_share_per_theme,
    target_values_on,
    tender_facts,
)

if TYPE_CHECKING:
    from openpyxl import Workbook

    from mvimonitor.monitoring.report import Report
    from mvimonitor.plans.models import ActionPlan
    from mvimonitor.utils.word import WordDocument


class TendersTargetsSection(Section):
    id = "tenders_targets"
    title = pgettext_lazy("report section", "Tenders and targets")
    app = "mvimonitor.targets"
    position = 90
    page_template = "targets/report/tenders.html"
    print_template = "targets/report/tenders_print.html"

    def compute(self, source: SectionInput) -> TendersTargets:
        return tenders_targets(
            plan=source.plan, on=source.on, baseline=source.baseline, window_end=source.window_end
        )

    def to_storage(self, data: TendersTargets) -> dict[str, Any]:
        return data.to_storage()

    def default(self) -> TendersTargets:
        return TendersTargets()

    def from_storage(self, stored: Mapping[str, Any]) -> TendersTargets:
        return TendersTargets.from_storage(stored)

    def to_json(self, data: TendersTargets) -> dict[str, Any]:
        return data.to_json()

    def context(
        self, data: TendersTargets, report: Report, link: FigureLink | None
    ) -> dict[str, Any]:
        # Imported here, like the charts: only needed when a report is rendered.
        from mvimonitor.targets.report_rendering import procurement_context

        return {
            "procurement": procurement_context(
                data, monitor_date=report.monitor_date, window_end=report.window_end
            )
        }

    def object_urls(self, report: Report) -> dict[str, ObjectUrl]:
        org_slug = report.organisation_slug
        return {
            "tender": object_url("procurement:tender_detail", org_slug=org_slug),
            "contract": object_url("procurement:contract_detail", org_slug=org_slug),
            "target": object_url("targets:detail", org_slug=org_slug, plan_slug=report.plan_slug),
        }

    def write_sheets(self, book: Workbook, data: TendersTargets, report: Report) -> None:
        from mvimonitor.targets.report_rendering import procurement_sheets

        procurement_sheets(book, data)

    def write_docx(self, document: WordDocument, data: TendersTargets, report: Report) -> None:
        from mvimonitor.targets.report_docx import write_tenders_targets

        write_tenders_targets(document, data, report)

    def key_figures(self, data: TendersTargets) -> list[KeyFigure]:
        if not data.tender_count:
            return []
        return [
            KeyFigure(
                _("Tenders with MVI applied"), f"{data.tenders_with_mvi} / {data.tender_count}"
            )
        ]


def tenders_targets(
    *, plan: ActionPlan, on: date, baseline: date, window_end: date
) -> TendersTargets:
    """The section's data on D (see the module's docstring)."""
    organisation = plan.organisation
    tenders, history = tenders_registered_by(organisation=organisation, on=on)
    themes = (
        themes_applied_by(organisation=organisation, on=on, flags=INSTRUMENT_FIELDS)
        if tenders
        else []
    )
    contracts = contracts_awarded_by(organisation=organisation, on=on)
    facts = tender_facts(
        tenders=(
            (t["pk"], t["registered_on"], t["planned_start_on"], t["estimated_value"])
            for t in tenders
        ),
        history=history,
        applied=(
            (tender_id, theme_id, flags) for tender_id, theme_id, _code, _name, flags in themes
        ),
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
    return TendersTargets(
        tender_count=len(current),
        tenders_with_mvi=sum(1 for t in current if t.applied),
        tenders=_tenders(tenders, facts, themes, on, baseline, window_end),
        contracts=[_contract_item(c) for c in contracts if c["awarded_on"] > baseline],
        targets=targets,
        mvi_share=[ThemeShareItem(**vars(share)) for share in shares],
    )


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
    themes_of: dict[int, list[tuple[str, tuple[str, str]]]] = {}
    for tender_id, _theme_id, code, names, _flags in themes:
        themes_of.setdefault(tender_id, []).append((code, names))
    items = []
    for row in tenders:
        fact = by_id[row["pk"]]
        changes = [day for day, _phase in fact.history if baseline < day <= on]
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
    themes: list[tuple[str, tuple[str, str]]],
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
        themes_applied=[code for code, _name in themes],
        theme_names=[dutch for _code, (dutch, _english) in themes],
        theme_names_en=[english or dutch for _code, (dutch, english) in themes],
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
