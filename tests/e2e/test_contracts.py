"""An editor awards a contract from a tender's page to a new supplier, finds it in the
lists, and imports contracts with an error; every page axe-checked. Fields are found by
id, so the test does not depend on the Dutch catalogue."""

from datetime import date

from playwright.sync_api import Page, expect

from mvimonitor.exchange.tables import Table, render_table
from mvimonitor.procurement.models import Contract
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url
from tests.procurement.factories import TenderFactory


def test_an_editor_awards_a_contract_from_a_tender_and_imports_contracts(
    page: Page, world: World, tmp_path
):
    tender = TenderFactory(organisation=world.helmond, reference="2017-STOP", title="Stop and Go")
    log_in(page, world.editor.email, world.password)
    page.goto(url("procurement:tender_detail", org_slug="helmond", pk=tender.pk))
    award = f"{url('procurement:contract_create', org_slug='helmond')}?tender={tender.pk}"
    with page.expect_navigation():
        page.locator(f"a[href='{award}']").click()
    assert_accessible(page)
    expect(page.locator("#id_tender")).to_have_value(str(tender.pk))
    page.locator("#id_reference").fill("OV-2017-STOP")
    page.locator("#id_lot").fill("Perceel 1")
    page.locator("#id_new_supplier_name").fill("Zorgtech BV")
    page.locator("#id_new_supplier_kvk").fill("0901 2345")
    page.locator("#id_new_supplier_city").fill("Eindhoven")
    page.locator("#id_awarded_value").fill("250000")
    page.locator("#id_awarded_on").fill("2017-07-01")
    page.locator("#id_starts_on").fill("2017-09-01")
    page.locator("#id_ends_on").fill("2019-08-31")
    page.locator("#id_extension_options").fill("2")
    page.locator("#id_extension_months").fill("12")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    contract = Contract.objects.get(reference="OV-2017-STOP")
    assert (contract.tender, contract.supplier.kvk_number) == (tender, "09012345")
    assert_accessible(page)

    page.goto(url("procurement:tender_detail", org_slug="helmond", pk=tender.pk))
    expect(page.locator("#tender-contracts + div table tbody tr")).to_have_count(1)
    page.goto(url("procurement:contract_list", org_slug="helmond"))
    assert_accessible(page)
    page.goto(url("procurement:supplier_list", org_slug="helmond"))
    expect(page.locator("main table tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.goto(url("procurement:supplier_detail", org_slug="helmond", pk=contract.supplier_id))
    assert_accessible(page)

    headers = ["Kenmerk", "Titel", "Opdrachtnemer", "KvK-nummer", "Gegund op", "Startdatum"]
    row = ["OV-NIEUW", "Groen", "Groen BV", "123", date(2017, 7, 1), date(2017, 9, 1)]
    source = tmp_path / "opdrachten.ods"
    source.write_bytes(
        render_table(Table("Blad1", [*headers, "Einddatum"], [[*row, date(2018, 1, 1)]]), "ods")
    )
    page.goto(url("procurement:contract_import", org_slug="helmond"))
    assert_accessible(page)
    page.locator("#id_file").set_input_files(str(source))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary li")).to_have_count(1)
    expect(page.locator(".error-summary li")).to_contain_text("KvK")
    assert not Contract.objects.filter(reference="OV-NIEUW").exists()
    assert_accessible(page)
