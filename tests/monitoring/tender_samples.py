"""Tenders, contracts and targets for the report's section "Tenders and targets", made
straight on the models (the register's own rules are tested in tests/procurement and
tests/targets): a tender with its phase history, the themes applied, a contract with its
supplier, a target of the plan."""

from datetime import date
from decimal import Decimal

from mvimonitor.organisations.models import Organisation
from mvimonitor.plans.models import ActionPlan, Theme
from mvimonitor.procurement.models import (
    AppliedTheme,
    Contract,
    Supplier,
    Tender,
    TenderPhaseChange,
)
from mvimonitor.targets.models import Target


def theme(code: str) -> Theme:
    return Theme.objects.get(organisation=None, code=code)


def tender(
    organisation: Organisation,
    reference: str,
    *,
    registered_on: date = date(2017, 4, 1),
    phases: tuple[tuple[date, str], ...] = (),
    themes: tuple[str, ...] = (),
    **fields,
) -> Tender:
    """A tender in preparation from `registered_on`, then in each phase of `phases`
    ((date, phase) oldest first)."""
    values = {"title": f"Aanbesteding {reference}", **fields}
    created = Tender.objects.create(
        organisation=organisation, reference=reference, registered_on=registered_on, **values
    )
    TenderPhaseChange.objects.create(
        tender=created, from_phase=None, to_phase="preparation", effective_on=registered_on
    )
    previous = "preparation"
    for day, phase in phases:
        TenderPhaseChange.objects.create(
            tender=created, from_phase=previous, to_phase=phase, effective_on=day
        )
        previous = phase
    Tender.objects.filter(pk=created.pk).update(phase=previous)
    for code in themes:
        AppliedTheme.objects.create(tender=created, theme=theme(code), as_award=True)
    created.refresh_from_db()
    return created


def change_phase(tender: Tender, to: str, on: date) -> None:
    TenderPhaseChange.objects.create(
        tender=tender, from_phase=tender.phase, to_phase=to, effective_on=on
    )
    Tender.objects.filter(pk=tender.pk).update(phase=to)
    tender.refresh_from_db()


def contract(
    organisation: Organisation,
    reference: str,
    awarded_on: date,
    *,
    tender: Tender | None = None,
    supplier: str = "Groen & Co B.V.",
    value: Decimal | None = Decimal("125000.50"),
) -> Contract:
    supplier_record, _ = Supplier.objects.get_or_create(
        organisation=organisation, name=supplier, defaults={"city": "Helmond"}
    )
    return Contract.objects.create(
        organisation=organisation,
        tender=tender,
        reference=reference,
        title=f"Opdracht {reference}",
        supplier=supplier_record,
        awarded_value=value,
        awarded_on=awarded_on,
        starts_on=date(2018, 1, 1),
        ends_on=date(2019, 12, 31),
    )


def five_tenders_target(plan: ActionPlan, **fields) -> Target:
    """The seed's target: at least five tenders with MVI impact starting in 2018."""
    values = {
        "title": "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018",
        "kpi_kind": "mvi_count",
        "start_year": 2018,
        "target_value": Decimal(5),
        "starts_on": date(2017, 10, 1),
        "deadline": date(2017, 12, 31),
        **fields,
    }
    return Target.objects.create(plan=plan, **values)


def share_target(plan: ActionPlan) -> Target:
    return Target.objects.create(
        plan=plan,
        title="Driekwart van de aanbestedingen met MVI",
        kpi_kind="mvi_share",
        target_value=Decimal(75),
        starts_on=date(2017, 4, 1),
        deadline=date(2018, 12, 31),
    )
