"""Writes to suppliers and contracts: the rules of issue 5, item 3."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.procurement.models import Contract, Supplier
from mvimonitor.procurement.services.contracts import (
    StaleContractError,
    StaleSupplierError,
    contract_create,
    contract_update,
    supplier_create,
    supplier_update,
)
from tests.procurement.factories import ContractFactory, SupplierFactory, TenderFactory

pytestmark = pytest.mark.usefixtures("english")


def create_contract(world, **kwargs):
    supplier = kwargs.pop("supplier", None) or SupplierFactory(organisation=world.helmond)
    defaults = {
        "organisation": world.helmond,
        "reference": "OV-2017-001",
        "title": "Groenonderhoud perceel Noord",
        "supplier": supplier,
        "awarded_on": date(2017, 7, 1),
        "starts_on": date(2017, 9, 1),
        "ends_on": date(2019, 8, 31),
    }
    return contract_create(**{**defaults, **kwargs})


def messages(refused) -> dict:
    return refused.value.message_dict


# Suppliers


def test_a_supplier_is_created_with_its_kvk_number_as_eight_digits(world):
    supplier = supplier_create(
        organisation=world.helmond, name=" Groen BV ", kvk_number="1700 1234", city="Helmond"
    )

    supplier.refresh_from_db()
    assert (supplier.name, supplier.kvk_number, supplier.city) == (
        "Groen BV",
        "17001234",
        "Helmond",
    )
    assert supplier.version == 1


def test_a_supplier_abroad_may_have_no_kvk_number(world):
    supplier = supplier_create(organisation=world.helmond, name="Grün GmbH")
    assert supplier.kvk_number == ""


def test_a_wrong_kvk_number_is_refused_on_its_field(world):
    with pytest.raises(ValidationError) as refused:
        supplier_create(organisation=world.helmond, name="Groen BV", kvk_number="1234567")
    assert "8 digits" in messages(refused)["kvk_number"][0]
    assert not Supplier.objects.exists()


def test_two_suppliers_of_an_organisation_cannot_share_a_kvk_number(world):
    supplier_create(organisation=world.helmond, name="Groen BV", kvk_number="17001234")
    with pytest.raises(ValidationError) as refused:
        supplier_create(organisation=world.helmond, name="Groen B.V.", kvk_number="1700.1234")
    assert "“Groen BV” already has the KvK number 17001234" in messages(refused)["kvk_number"][0]


def test_another_organisation_may_have_a_supplier_with_the_same_kvk_number(world):
    supplier_create(organisation=world.helmond, name="Groen BV", kvk_number="17001234")
    other = supplier_create(organisation=world.other, name="Groen BV", kvk_number="17001234")
    assert other.organisation == world.other


def test_a_supplier_needs_a_name(world):
    with pytest.raises(ValidationError) as refused:
        supplier_create(organisation=world.helmond, name="  ")
    assert "name" in messages(refused)


def test_a_supplier_update_saves_and_raises_the_version(world):
    supplier = SupplierFactory(organisation=world.helmond, name="Groen BV")
    supplier_update(supplier=supplier, expected_version=1, name="Groen en Zo BV", city="Deurne")

    supplier.refresh_from_db()
    assert (supplier.name, supplier.city, supplier.version) == ("Groen en Zo BV", "Deurne", 2)


def test_a_stale_supplier_update_is_refused_and_saves_nothing(world):
    supplier = SupplierFactory(organisation=world.helmond, name="Groen BV")
    theirs = Supplier.objects.get(pk=supplier.pk)
    supplier_update(supplier=theirs, expected_version=1, city="Deurne")

    with pytest.raises(StaleSupplierError, match="Someone else changed this supplier"):
        supplier_update(supplier=supplier, expected_version=1, name="Mijn naam")
    supplier.refresh_from_db()
    assert (supplier.name, supplier.city) == ("Groen BV", "Deurne")


def test_a_supplier_update_checks_the_kvk_number_too(world):
    SupplierFactory(organisation=world.helmond, kvk_number="17001234")
    supplier = SupplierFactory(organisation=world.helmond, kvk_number="17005678")
    with pytest.raises(ValidationError):
        supplier_update(supplier=supplier, expected_version=1, kvk_number="17001234")
    with pytest.raises(ValidationError):
        supplier_update(supplier=supplier, expected_version=1, kvk_number="17A01234")
    assert Supplier.objects.get(pk=supplier.pk).kvk_number == "17005678"


# Contracts


def test_a_contract_is_created_for_a_lot_of_a_tender(world):
    tender = TenderFactory(organisation=world.helmond)
    contract = create_contract(
        world, tender=tender, lot=" Perceel 1 ", awarded_value=Decimal("450000.00")
    )

    contract.refresh_from_db()
    assert contract.tender == tender
    assert contract.lot == "Perceel 1"
    assert contract.awarded_value == Decimal("450000.00")
    assert contract.version == 1


def test_a_contract_may_have_no_tender(world):
    assert create_contract(world).tender is None


def test_a_contract_cannot_belong_to_a_tender_of_another_organisation(world):
    tender = TenderFactory(organisation=world.other)
    with pytest.raises(ValidationError) as refused:
        create_contract(world, tender=tender)
    assert messages(refused)["tender"] == ["This tender belongs to another organisation."]
    assert not Contract.objects.exists()


def test_a_contract_cannot_go_to_a_supplier_of_another_organisation(world):
    supplier = SupplierFactory(organisation=world.other)
    with pytest.raises(ValidationError) as refused:
        create_contract(world, supplier=supplier)
    assert messages(refused)["supplier"] == ["This supplier belongs to another organisation."]


def test_a_contract_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError) as refused:
        create_contract(world, starts_on=date(2018, 1, 1), ends_on=date(2017, 12, 31))
    assert messages(refused)["ends_on"] == ["The end date lies before the start date."]


def test_a_contract_may_end_on_the_day_it_starts(world):
    contract = create_contract(world, starts_on=date(2018, 1, 1), ends_on=date(2018, 1, 1))
    assert contract.pk


def test_options_to_extend_need_the_months_per_extension(world):
    with pytest.raises(ValidationError) as refused:
        create_contract(world, extension_options=2)
    assert "months each extension lasts" in messages(refused)["extension_months"][0]

    contract = create_contract(world, extension_options=2, extension_months=12)
    assert (contract.extension_options, contract.extension_months) == (2, 12)


def test_an_extension_lasts_at_least_a_month(world):
    with pytest.raises(ValidationError) as refused:
        create_contract(world, extension_options=1, extension_months=0)
    assert "extension_months" in messages(refused)


def test_two_contracts_of_an_organisation_cannot_share_a_reference(world):
    create_contract(world, reference="OV-1")
    with pytest.raises(ValidationError) as refused:
        create_contract(world, reference=" OV-1 ")
    assert messages(refused)["reference"] == [
        "There is already a contract with the reference “OV-1”."
    ]


def test_a_negative_awarded_value_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        create_contract(world, awarded_value=Decimal("-1"))
    assert "awarded_value" in messages(refused)


def test_a_contract_update_saves_the_changes_and_raises_the_version(world):
    contract = ContractFactory(tender=None, organisation=world.helmond)
    tender = TenderFactory(organisation=world.helmond)
    contract_update(contract=contract, expected_version=1, tender=tender, ends_on=date(2020, 8, 31))

    contract.refresh_from_db()
    assert (contract.tender, contract.ends_on, contract.version) == (tender, date(2020, 8, 31), 2)


def test_a_stale_contract_update_is_refused_and_saves_nothing(world):
    contract = ContractFactory(tender=None, organisation=world.helmond, title="Oud")
    theirs = Contract.objects.get(pk=contract.pk)
    contract_update(contract=theirs, expected_version=1, lot="Perceel 2")

    with pytest.raises(StaleContractError, match="Someone else changed this contract"):
        contract_update(contract=contract, expected_version=1, title="Nieuw")
    contract.refresh_from_db()
    assert (contract.title, contract.lot, contract.version) == ("Oud", "Perceel 2", 2)


def test_a_contract_update_keeps_the_rules(world):
    contract = ContractFactory(tender=None, organisation=world.helmond)
    with pytest.raises(ValidationError):
        contract_update(contract=contract, expected_version=1, ends_on=date(2017, 1, 1))
    with pytest.raises(ValidationError):
        contract_update(
            contract=contract, expected_version=1, tender=TenderFactory(organisation=world.other)
        )
    contract.refresh_from_db()
    assert (contract.ends_on, contract.tender, contract.version) == (date(2019, 8, 31), None, 1)


def test_a_contract_update_refuses_fields_it_does_not_know(world):
    contract = ContractFactory(tender=None, organisation=world.helmond)
    with pytest.raises(TypeError):
        contract_update(contract=contract, expected_version=1, organisation=world.other)
