"""Reads of contracts and suppliers: filters, awarded between two dates, supplier
totals; counted in queries that do not grow with the data."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.procurement.selectors.contracts import (
    contract_list,
    contract_with_reference,
    contracts_awarded_between,
    supplier_list,
    supplier_with_kvk_number,
    suppliers_matching,
    tender_contracts,
)
from tests.procurement.factories import ContractFactory, SupplierFactory, TenderFactory


def refs(contracts) -> list[str]:
    return [c.reference for c in contracts]


def contract(world, reference, **kwargs):
    return ContractFactory(
        organisation=world.helmond, tender=kwargs.pop("tender", None), reference=reference, **kwargs
    )


def test_the_contract_list_holds_the_organisations_contracts_newest_award_first(world):
    contract(world, "B", awarded_on=date(2017, 5, 1))
    contract(world, "A", awarded_on=date(2017, 8, 1))
    ContractFactory(organisation=world.other, tender=None, reference="X")

    assert refs(contract_list(organisation=world.helmond)) == ["A", "B"]


def test_the_contract_list_filters_on_supplier_and_tender(world):
    supplier = SupplierFactory(organisation=world.helmond)
    tender = TenderFactory(organisation=world.helmond)
    contract(world, "S", supplier=supplier)
    contract(world, "T", tender=tender)
    contract(world, "N")

    assert refs(contract_list(organisation=world.helmond, supplier=supplier)) == ["S"]
    assert refs(contract_list(organisation=world.helmond, tender=tender)) == ["T"]


def test_a_contract_runs_from_its_first_to_its_last_day(world):
    contract(world, "R", starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31))

    def running(day):
        return refs(contract_list(organisation=world.helmond, running_on=day))

    assert running(date(2017, 12, 31)) == []
    assert running(date(2018, 1, 1)) == ["R"]
    assert running(date(2018, 12, 31)) == ["R"]
    assert running(date(2019, 1, 1)) == []


def test_contracts_awarded_between_two_monitors_exclude_the_first_day_and_include_the_last(
    world,
):
    for reference, day in [
        ("on-previous", date(2017, 7, 12)),
        ("day-after", date(2017, 7, 13)),
        ("on-monitor", date(2017, 9, 20)),
        ("after", date(2017, 9, 21)),
    ]:
        contract(world, reference, awarded_on=day)
    ContractFactory(organisation=world.other, tender=None, awarded_on=date(2017, 8, 1))

    awarded = contracts_awarded_between(
        organisation=world.helmond, after=date(2017, 7, 12), until=date(2017, 9, 20)
    )
    assert refs(awarded) == ["day-after", "on-monitor"]


def test_a_tenders_contracts_are_its_lots(world):
    tender = TenderFactory(organisation=world.helmond)
    contract(world, "L2", tender=tender, lot="Perceel 2")
    contract(world, "L1", tender=tender, lot="Perceel 1")
    contract(world, "other")

    assert refs(tender_contracts(tender=tender)) == ["L1", "L2"]


def test_the_supplier_list_counts_contracts_and_adds_up_their_known_values(world):
    busy = SupplierFactory(organisation=world.helmond, name="Alfa")
    idle = SupplierFactory(organisation=world.helmond, name="Beta")
    contract(world, "1", supplier=busy, awarded_value=Decimal("100000.50"))
    contract(world, "2", supplier=busy, awarded_value=Decimal("20000.25"))
    contract(world, "3", supplier=busy, awarded_value=None)

    rows = {
        s.name: (s.contract_count, s.total_value) for s in supplier_list(organisation=world.helmond)
    }
    assert rows == {"Alfa": (3, Decimal("120000.75")), "Beta": (0, Decimal("0"))}
    assert idle.pk in [s.pk for s in supplier_list(organisation=world.helmond)]


def test_suppliers_are_found_by_name_kvk_number_or_city(world):
    SupplierFactory(
        organisation=world.helmond, name="Groen BV", kvk_number="17001234", city="Deurne"
    )
    SupplierFactory(
        organisation=world.helmond, name="Schoon BV", kvk_number="17005678", city="Helmond"
    )

    def names(text):
        return [s.name for s in suppliers_matching(organisation=world.helmond, text=text)]

    assert names("groen") == ["Groen BV"]
    assert names("1700567") == ["Schoon BV"]
    assert names("deurne") == ["Groen BV"]
    assert names("") == ["Groen BV", "Schoon BV"]


def test_lists_are_read_in_the_same_number_of_queries_whatever_their_length(world):
    def queries(count: int) -> int:
        for n in range(count):
            contract(world, f"Q{count}-{n}", tender=TenderFactory(organisation=world.helmond))
        with CaptureQueriesContext(connection) as captured:
            names = [
                (c.supplier.name, c.tender and c.tender.title)
                for c in contract_list(organisation=world.helmond)
            ]
            list(supplier_list(organisation=world.helmond))
        assert names
        return len(captured)

    assert queries(1) == queries(5)


def test_a_contract_is_found_by_its_reference_in_the_organisation_only(world):
    found = contract(world, "OV-HLM-1")
    ContractFactory(tender=None, organisation=world.other, reference="OV-OTH-1")

    assert contract_with_reference(organisation=world.helmond, reference="OV-HLM-1") == found
    assert contract_with_reference(organisation=world.helmond, reference="OV-OTH-1") is None


def test_a_supplier_is_found_by_its_kvk_number_in_the_organisation_only(world):
    found = SupplierFactory(organisation=world.helmond, kvk_number="17284539")
    SupplierFactory(organisation=world.other, kvk_number="16057321")

    def find(kvk_number):
        return supplier_with_kvk_number(organisation=world.helmond, kvk_number=kvk_number)

    assert find("17284539") == found
    assert find("16057321") is None


def test_no_supplier_is_found_by_an_empty_kvk_number(world):
    SupplierFactory(organisation=world.helmond, kvk_number="")

    assert supplier_with_kvk_number(organisation=world.helmond, kvk_number="") is None
