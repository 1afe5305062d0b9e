"""procurement.selectors.register: the tender register as rows of plain values, as of a
date, for the figures other apps compute from it (targets' KPIs)."""

from datetime import date
from decimal import Decimal

from mvimonitor.procurement.selectors import register
from tests.procurement.factories import AppliedThemeFactory, ContractFactory, TenderFactory


def test_tender_phase_rows_are_the_tenders_registered_by_the_date_with_their_first_phase(world):
    tender = TenderFactory(organisation=world.helmond, registered_on=date(2017, 4, 1))
    TenderFactory(organisation=world.helmond, registered_on=date(2017, 9, 1))
    TenderFactory(organisation=world.other, registered_on=date(2017, 4, 1))

    rows = register.tender_phase_rows(
        organisation_id=world.helmond.pk, registered_by=date(2017, 6, 1)
    )

    assert rows == [
        (
            tender.pk,
            date(2017, 4, 1),
            date(2018, 1, 1),
            Decimal("250000.00"),
            date(2017, 4, 1),
            "preparation",
        )
    ]


def test_applied_theme_rows_carry_the_instrument_flags_asked_for(world):
    applied = AppliedThemeFactory(tender=TenderFactory(organisation=world.helmond))

    rows = register.applied_theme_rows(
        organisation_id=world.helmond.pk,
        registered_by=date(2017, 6, 1),
        instruments=["as_award", "as_requirement"],
    )

    assert rows == [(applied.tender_id, applied.theme_id, True, False)]


def test_awarded_contract_rows_are_the_contracts_of_a_tender_awarded_by_the_date(world):
    contract = ContractFactory(tender=TenderFactory(organisation=world.helmond))
    ContractFactory(tender=TenderFactory(organisation=world.helmond), awarded_on=date(2018, 1, 1))
    ContractFactory(tender=None, organisation=world.helmond)

    rows = register.awarded_contract_rows(
        organisation_id=world.helmond.pk, awarded_by=date(2017, 12, 31)
    )

    assert rows == [(contract.tender_id, date(2017, 7, 1), Decimal("200000.00"))]
