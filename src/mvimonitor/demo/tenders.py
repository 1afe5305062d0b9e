"""Loading a demo organisation's tender register (demo.data.tenders): tenders with their
phase history, the MVI themes applied, the actions they serve, suppliers and contracts,
and the plan's targets. Written through procurement.services and targets.services like
any user's records, so the history and audit trail are real.

Idempotent like the rest of the loader: a tender whose reference the organisation has
is left as it is (with its history, themes and links), as are a contract whose
reference it has, a supplier with the same KvK number and a target with the same
title. Dates still to come (only when "today" is set back, as tests do) are not written
as passed: such a tender is not registered yet, such a phase change or award not made.

Runs before the monitors are finalised (demo.services), so their frozen reports show
the register as it stood on their dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from mvimonitor.demo.data.tenders import (
    REGISTERS,
    DemoContract,
    DemoRegister,
    DemoSupplier,
    DemoTarget,
    DemoTender,
)
from mvimonitor.demo.moments import recorded_on
from mvimonitor.plans.selectors import actions_of_plan, national_themes
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.selectors import contracts as contract_selectors
from mvimonitor.procurement.selectors import tenders as tender_selectors
from mvimonitor.procurement.services import contracts as contract_services
from mvimonitor.procurement.services import tenders as tender_services
from mvimonitor.targets import services as target_services
from mvimonitor.targets.selectors import plan_target_titles
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, ActionPlan, Theme
    from mvimonitor.procurement.models import Contract, Supplier, Tender
    from mvimonitor.targets.models import Target


@dataclass
class DemoTendersResult:
    tenders: list[Tender] = field(default_factory=list)  # created
    contracts: list[Contract] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


@transaction.atomic
def demo_tenders_ensure(
    *, plan: ActionPlan, by: User | None, spec: DemoRegister | None = None
) -> DemoTendersResult:
    """Add what of `spec` (default: the demo register of the plan's organisation, if it
    has one) the organisation and the plan lack."""
    result = DemoTendersResult()
    organisation = plan.organisation
    spec = spec or REGISTERS.get(organisation.slug)
    if spec is None:
        return result
    existing = tender_selectors.tender_references(organisation=organisation)
    themes = {t.code: t for t in national_themes()}
    actions = {a.title: a for a in actions_of_plan(plan=plan)}
    for tender_spec in spec.tenders:
        if tender_spec.reference in existing or tender_spec.registered_on > today():
            continue
        tender = _tender_create(tender_spec, plan=plan, by=by, themes=themes, actions=actions)
        result.tenders.append(tender)
        for contract in tender_spec.contracts:
            if contract.awarded_on <= today():
                with recorded_on(contract.awarded_on):
                    result.contracts.append(_contract_create(contract, tender=tender, by=by))
    titles = plan_target_titles(plan=plan)
    for target in spec.targets:
        if target.title not in titles:
            with recorded_on(min(target.starts_on, today())):
                result.targets.append(_target_create(target, plan=plan, by=by))
    return result


def _steps(entries: tuple[str, ...]) -> list[tuple[date, Phase, str]]:
    """ "YYYY-MM-DD phase" or "YYYY-MM-DD phase: note" entries, oldest first."""
    steps = []
    for entry in entries:
        head, _, note = entry.partition(":")
        on, phase = head.split()
        steps.append((date.fromisoformat(on), Phase(phase), note.strip()))
    return steps


def _tender_create(
    spec: DemoTender,
    *,
    plan: ActionPlan,
    by: User | None,
    themes: dict[str, Theme],
    actions: dict[str, Action],
) -> Tender:
    """The tender registered, with its themes and actions, on its registration day and
    each phase change recorded on the day it took effect (demo.moments)."""
    with recorded_on(spec.registered_on) as registered_at:
        tender = tender_services.tender_create(
            organisation=plan.organisation,
            by=by,
            reference=spec.reference,
            title=spec.title,
            registered_on=spec.registered_on,
            recorded_at=registered_at,
            description=spec.description,
            cpv_codes=list(spec.cpv_codes),
            estimated_value=spec.estimated_value,
            procedure=spec.procedure,
            planned_publication_on=spec.planned_publication_on,
            planned_start_on=spec.planned_start_on,
            department=spec.department,
            buyer_name=spec.buyer_name,
        )
    for on, phase, note in _steps(spec.phases):
        if on > today():
            break
        with recorded_on(on) as recorded_at:
            tender_services.tender_change_phase(
                tender=tender,
                to_phase=phase,
                effective_on=on,
                by=by,
                version=tender.version,
                note=note,
                recorded_at=recorded_at,
            )
        tender.refresh_from_db(fields=["version", "phase"])
    # Current values without a history of their own: as entered when it was registered.
    with recorded_on(spec.registered_on):
        _themes_and_actions(spec, tender=tender, by=by, themes=themes, actions=actions)
    return tender


def _themes_and_actions(
    spec: DemoTender,
    *,
    tender: Tender,
    by: User | None,
    themes: dict[str, Theme],
    actions: dict[str, Action],
) -> None:
    for applied in spec.themes:
        tender_services.applied_theme_save(
            tender=tender,
            theme=themes[applied.theme],
            by=by,
            ambition_level=applied.ambition_level,
            criteria_ids=applied.criteria_ids,
            note=applied.note,
            **{f"as_{how}": True for how in applied.how},
        )
    if spec.actions:
        missing = [title for title in spec.actions if title not in actions]
        if missing:
            raise ValueError(f"The demo plan has no action titled {missing}.")
        tender_services.tender_link_actions(
            tender=tender, actions=[actions[title] for title in spec.actions], by=by
        )


def _supplier(spec: DemoSupplier, tender: Tender) -> Supplier:
    found = contract_selectors.supplier_with_kvk_number(
        organisation=tender.organisation, kvk_number=spec.kvk_number
    )
    return found or contract_services.supplier_create(
        organisation=tender.organisation,
        name=spec.name,
        kvk_number=spec.kvk_number,
        city=spec.city,
    )


def _contract_create(spec: DemoContract, *, tender: Tender, by: User | None) -> Contract:
    existing = contract_selectors.contract_with_reference(
        organisation=tender.organisation, reference=spec.reference
    )
    if existing is not None:
        return existing
    return contract_services.contract_create(
        organisation=tender.organisation,
        tender=tender,
        reference=spec.reference,
        title=spec.title,
        lot=spec.lot,
        supplier=_supplier(spec.supplier, tender),
        awarded_value=spec.awarded_value,
        awarded_on=spec.awarded_on,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        extension_options=spec.extension_options,
        extension_months=spec.extension_months,
    )


def _target_create(spec: DemoTarget, *, plan: ActionPlan, by: User | None) -> Target:
    return target_services.target_create(
        plan=plan,
        title=spec.title,
        kpi_kind=spec.kpi_kind,
        target_value=spec.target_value,
        starts_on=spec.starts_on,
        deadline=spec.deadline,
        by=by,
        start_year=spec.start_year,
        note=spec.note,
    )
