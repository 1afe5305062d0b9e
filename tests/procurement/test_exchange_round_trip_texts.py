"""Whatever text the tender, contract and supplier forms take comes back unchanged from
an export read in again, in .xlsx and in .ods (issue 12, item 3): the texts of
tests/texts.py, long ones about the maxima and a cell's limit included. The import then
reports every row unchanged and writes nothing."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.models import AuditEntry
from mvimonitor.procurement.exchange.services import contracts_export, tenders_export
from tests.procurement.factories import ContractFactory, SupplierFactory, TenderFactory
from tests.procurement.test_exchange import import_contracts, import_tenders, problems
from tests.texts import about, beyond, filled, texts, up_to

long_texts = st.one_of(texts, about(10_000), beyond(10_000))
SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def url(name: str, pk: int) -> str:
    return reverse(f"procurement:{name}", kwargs={"org_slug": "helmond", "pk": pk})


def assert_export_and_import_change_nothing(world, export, run) -> None:
    entries = AuditEntry.objects.count()
    for fmt in ("xlsx", "ods"):
        result = run(world, export(organisation=world.helmond, fmt=fmt), f"register.{fmt}")
        assert problems(result) == []
        assert (result.created, result.updated, result.history_changes) == (0, 0, 0)
    assert AuditEntry.objects.count() == entries


@given(
    reference=filled(60),
    title=filled(300),
    description=long_texts,
    buyer_name=up_to(150),
    department=up_to(150),
)
@example(reference="AB-1", title="Groen", description="x" * 40_000, buyer_name="", department="")
@example(reference="AB\r1", title="Groen", description="", buyer_name="", department="")
@SETTINGS
def test_any_text_the_tender_form_takes_survives_export_and_import(
    world, frozen_today, login, reference, title, description, buyer_name, department
):
    client = login(world.editor)
    with transaction.atomic():
        tender = TenderFactory(organisation=world.helmond, registered_on=date(2017, 4, 1))
        data = {
            "version": tender.version,
            "registered_on": "2017-04-01",
            "reference": reference,
            "title": title,
            "description": description,
            "buyer_name": buyer_name,
            "department": department,
        }
        response = client.post(url("tender_edit", tender.pk), data)
        if response.status_code == 302:
            event("taken by the form, exported and imported")
            assert_export_and_import_change_nothing(world, tenders_export, import_tenders)
        else:
            assert response.context["form"].errors  # refused, with a message
        transaction.set_rollback(True)


@given(
    reference=filled(60),
    title=filled(300),
    lot=up_to(100),
    name=filled(200),
    city=up_to(100),
)
@example(reference="OV\x1b1", title="Groen", lot="", name="Groen BV", city="")
@SETTINGS
def test_any_text_the_contract_and_supplier_forms_take_survives_export_and_import(
    world, frozen_today, login, reference, title, lot, name, city
):
    client = login(world.editor)
    with transaction.atomic():
        supplier = SupplierFactory(organisation=world.helmond, kvk_number="")
        contract = ContractFactory(organisation=world.helmond, tender=None, supplier=supplier)
        contract_data = {
            "version": contract.version,
            "reference": reference,
            "title": title,
            "lot": lot,
            "supplier": supplier.pk,
            "awarded_on": "2017-07-01",
            "starts_on": "2017-09-01",
            "ends_on": "2019-08-31",
            "extension_options": "0",
        }
        supplier_data = {"version": supplier.version, "name": name, "kvk_number": "", "city": city}
        saved = [
            client.post(url("contract_edit", contract.pk), contract_data),
            client.post(url("supplier_edit", supplier.pk), supplier_data),
        ]
        if all(response.status_code == 302 for response in saved):
            event("taken by the form, exported and imported")
            assert_export_and_import_change_nothing(world, contracts_export, import_contracts)
        else:
            assert any(r.context["form"].errors for r in saved if r.status_code != 302)
        transaction.set_rollback(True)
