"""Contract and supplier pages: lists with filters, create (also from a tender, with a
new supplier), edit with the optimistic lock, and a tender page's contracts section."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from mvimonitor.organisations.models import Membership
from mvimonitor.procurement.models import Contract, Supplier
from tests.procurement.factories import ContractFactory, SupplierFactory, TenderFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name, **kwargs):
    return reverse(f"procurement:{name}", kwargs={"org_slug": "helmond", **kwargs})


def refs(response):
    return [c.reference for c in response.context["page"].object_list]


def form_data(supplier=None, **changes):
    data = {
        "reference": "OV-2017-010",
        "title": "Groenonderhoud",
        "tender": "",
        "lot": "",
        "supplier": supplier.pk if supplier else "",
        "new_supplier_name": "",
        "new_supplier_kvk": "",
        "new_supplier_city": "",
        "awarded_value": "450000.00",
        "awarded_on": "2017-07-01",
        "starts_on": "2017-09-01",
        "ends_on": "2019-08-31",
        "extension_options": "2",
        "extension_months": "12",
    }
    return {**data, **changes}


# Access


@pytest.mark.parametrize("role", ["coordinator", "editor", "owner", "viewer"])
def test_every_member_reads_contracts_and_suppliers(world, login, role):
    contract = ContractFactory(organisation=world.helmond, tender=None)
    client = login(world.user(role))
    for page in [
        url("contract_list"),
        url("contract_detail", pk=contract.pk),
        url("supplier_list"),
        url("supplier_detail", pk=contract.supplier_id),
    ]:
        assert client.get(page).status_code == 200, page


@pytest.mark.parametrize(("role", "expected"), [("editor", 200), ("owner", 403), ("viewer", 403)])
def test_only_editors_and_coordinators_enter_contracts_and_suppliers(world, login, role, expected):
    client = login(world.user(role))
    assert client.get(url("contract_create")).status_code == expected
    assert client.get(url("supplier_create")).status_code == expected


def test_the_options_to_extend_are_written_in_words(world, login):
    contract = ContractFactory(organisation=world.helmond, extension_options=2, extension_months=12)
    page = login(world.viewer).get(url("contract_detail", pk=contract.pk)).content.decode()
    assert "two extensions of twelve months each" in page


def test_a_contract_or_supplier_of_another_organisation_is_not_found(world, login):
    contract = ContractFactory(organisation=world.other, tender=None)
    client = login(world.coordinator)
    assert client.get(url("contract_detail", pk=contract.pk)).status_code == 404
    assert client.get(url("contract_edit", pk=contract.pk)).status_code == 404
    assert client.get(url("supplier_detail", pk=contract.supplier_id)).status_code == 404
    assert client.get(url("supplier_edit", pk=contract.supplier_id)).status_code == 404


# Lists


def test_the_contract_list_filters_on_supplier_tender_and_running_date(world, login):
    supplier = SupplierFactory(organisation=world.helmond)
    tender = TenderFactory(organisation=world.helmond)
    ContractFactory(organisation=world.helmond, tender=None, reference="S", supplier=supplier)
    ContractFactory(organisation=world.helmond, tender=tender, reference="T")
    ContractFactory(
        organisation=world.helmond,
        tender=None,
        reference="LATE",
        starts_on=date(2020, 1, 1),
        ends_on=date(2021, 1, 1),
    )
    ContractFactory(organisation=world.other, tender=None, reference="X")
    client = login(world.viewer)

    assert sorted(refs(client.get(url("contract_list")))) == ["LATE", "S", "T"]
    assert refs(client.get(url("contract_list"), {"supplier": supplier.pk})) == ["S"]
    assert refs(client.get(url("contract_list"), {"tender": tender.pk})) == ["T"]
    assert refs(client.get(url("contract_list"), {"running_on": "2020-06-01"})) == ["LATE"]


def test_the_supplier_list_shows_count_and_total_in_euros(world, login):
    supplier = SupplierFactory(organisation=world.helmond, name="Groen BV")
    ContractFactory(
        organisation=world.helmond, tender=None, supplier=supplier, awarded_value=Decimal("1250000")
    )
    response = login(world.viewer).get(url("supplier_list"), {"q": "groen"})
    assert [s.name for s in response.context["page"].object_list] == ["Groen BV"]
    assert "€\N{NO-BREAK SPACE}1,250,000.00" in response.content.decode()


# Create and edit


def test_an_editor_awards_a_contract_to_an_existing_supplier(world, login):
    supplier = SupplierFactory(organisation=world.helmond)
    response = login(world.editor).post(url("contract_create"), form_data(supplier))

    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("contract_detail", pk=contract.pk)
    assert (contract.supplier, contract.organisation, contract.tender) == (
        supplier,
        world.helmond,
        None,
    )
    assert (contract.extension_options, contract.extension_months) == (2, 12)


def test_a_contract_is_awarded_to_a_new_supplier_from_the_same_form(world, login):
    response = login(world.editor).post(
        url("contract_create"),
        form_data(
            new_supplier_name="Groen BV", new_supplier_kvk="1700 1234", new_supplier_city="Deurne"
        ),
    )
    assert response.status_code == 302
    supplier = Contract.objects.get().supplier
    assert (supplier.name, supplier.kvk_number, supplier.city, supplier.organisation) == (
        "Groen BV",
        "17001234",
        "Deurne",
        world.helmond,
    )


def test_a_wrong_kvk_number_of_a_new_supplier_saves_neither(world, login):
    response = login(world.editor).post(
        url("contract_create"), form_data(new_supplier_name="Groen BV", new_supplier_kvk="123")
    )
    assert response.status_code == 200
    assert "8 digits" in response.context["form"].errors["new_supplier_kvk"][0]
    assert not Supplier.objects.exists()
    assert not Contract.objects.exists()


def test_a_contract_that_ends_before_it_starts_saves_neither_it_nor_the_new_supplier(world, login):
    response = login(world.editor).post(
        url("contract_create"),
        form_data(new_supplier_name="Groen BV", ends_on="2017-01-01"),
    )
    assert response.context["form"].errors["ends_on"] == [
        "The end date lies before the start date."
    ]
    assert not Supplier.objects.exists()


def test_a_contract_needs_a_supplier(world, login):
    response = login(world.editor).post(url("contract_create"), form_data())
    assert "Choose the supplier" in response.context["form"].errors["supplier"][0]


def test_award_a_contract_from_a_tender_preselects_it(world, login):
    tender = TenderFactory(organisation=world.helmond, title="Groenonderhoud 2018")
    response = login(world.editor).get(url("contract_create"), {"tender": tender.pk})
    form = response.context["form"]
    assert form["tender"].value() == tender.pk
    assert form["title"].value() == "Groenonderhoud 2018"


def test_a_tender_of_another_organisation_is_not_preselected_nor_accepted(world, login):
    tender = TenderFactory(organisation=world.other)
    client = login(world.editor)
    assert client.get(url("contract_create"), {"tender": tender.pk}).context["form"][
        "tender"
    ].value() in (None, "")
    supplier = SupplierFactory(organisation=world.helmond)
    response = client.post(url("contract_create"), form_data(supplier, tender=tender.pk))
    assert "tender" in response.context["form"].errors
    assert not Contract.objects.exists()


def test_an_edit_saves_and_a_stale_one_is_refused(world, login):
    contract = ContractFactory(organisation=world.helmond, tender=None, title="Oud")
    client = login(world.editor)
    data = form_data(contract.supplier, reference=contract.reference, title="Nieuw", version=1)
    assert client.post(url("contract_edit", pk=contract.pk), data).status_code == 302
    contract.refresh_from_db()
    assert (contract.title, contract.version) == ("Nieuw", 2)

    response = client.post(url("contract_edit", pk=contract.pk), {**data, "title": "Later"})
    assert "Someone else changed this contract" in str(response.context["form"].non_field_errors())
    contract.refresh_from_db()
    assert contract.title == "Nieuw"


def test_an_edit_without_changes_does_not_raise_the_version(world, login):
    contract = ContractFactory(organisation=world.helmond, tender=None, lot="")
    client = login(world.editor)
    data = {
        **form_data(contract.supplier),
        "reference": contract.reference,
        "title": contract.title,
        "awarded_value": str(contract.awarded_value),
        "awarded_on": contract.awarded_on.isoformat(),
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat(),
        "extension_options": "0",
        "extension_months": "",
        "version": "1",
    }
    assert client.post(url("contract_edit", pk=contract.pk), data).status_code == 302
    contract.refresh_from_db()
    assert contract.version == 1


def test_a_supplier_is_created_and_edited(world, login):
    client = login(world.editor)
    response = client.post(
        url("supplier_create"), {"name": "Groen BV", "kvk_number": "17.00.12.34", "city": ""}
    )
    supplier = Supplier.objects.get()
    assert response["Location"] == url("supplier_detail", pk=supplier.pk)
    assert supplier.kvk_number == "17001234"

    data = {"name": "Groen en Zo BV", "kvk_number": "17001234", "city": "Deurne", "version": 1}
    client.post(url("supplier_edit", pk=supplier.pk), data)
    supplier.refresh_from_db()
    assert (supplier.name, supplier.city, supplier.version) == ("Groen en Zo BV", "Deurne", 2)

    response = client.post(url("supplier_edit", pk=supplier.pk), {**data, "city": "Asten"})
    assert "Someone else changed this supplier" in str(response.context["form"].non_field_errors())


def test_a_duplicate_kvk_number_is_shown_on_its_field(world, login):
    SupplierFactory(organisation=world.helmond, name="Groen BV", kvk_number="17001234")
    response = login(world.editor).post(
        url("supplier_create"), {"name": "Ander BV", "kvk_number": "17001234"}
    )
    assert "already has the KvK number" in response.context["form"].errors["kvk_number"][0]


# The tender page's section


def render_section(world, user, tender) -> str:
    request = RequestFactory().get("/")
    request.user = user
    request.organisation = world.helmond
    request.membership = Membership.objects.get(user=user, organisation=world.helmond)
    template = Template("{% load procurement_contracts %}{% tender_contracts tender %}")
    return template.render(Context({"request": request, "tender": tender}))


def test_a_tender_page_lists_its_contracts_and_their_total(world):
    tender = TenderFactory(organisation=world.helmond)
    ContractFactory(tender=tender, lot="Perceel 1", awarded_value=Decimal("100000"))
    ContractFactory(tender=tender, lot="Perceel 2", awarded_value=Decimal("50000.50"))

    html = render_section(world, world.viewer, tender)
    assert "Perceel 1" in html
    assert "Perceel 2" in html
    assert "€\N{NO-BREAK SPACE}150,000.50" in html
    assert "Award a contract" not in html


def test_an_editor_sees_award_a_contract_on_the_tender_page(world):
    tender = TenderFactory(organisation=world.helmond)
    html = render_section(world, world.editor, tender)
    assert "No contract has been awarded in this tender yet." in html
    assert f"{url('contract_create')}?tender={tender.pk}" in html
