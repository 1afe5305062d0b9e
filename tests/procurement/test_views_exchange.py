"""The import and export pages of tenders and contracts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mvimonitor.exchange.tables import Table, render_table
from mvimonitor.procurement.models import Contract, Tender
from tests.exchange.conftest import sheet_rows
from tests.procurement.factories import ContractFactory, SupplierFactory, TenderFactory

pytestmark = pytest.mark.usefixtures("english")


def url(name, **kwargs):
    return reverse(f"procurement:{name}", kwargs={"org_slug": "helmond", **kwargs})


def upload(headers, *rows, name="register.xlsx"):
    fmt = name.rsplit(".", 1)[1]
    content = render_table(Table(title="Blad1", headers=headers, rows=rows), fmt)
    return SimpleUploadedFile(name, content)


def test_a_viewer_downloads_the_tenders_as_xlsx_and_ods(world, login):
    TenderFactory(organisation=world.helmond, reference="AB-1")
    TenderFactory(organisation=world.other, reference="X-1")
    client = login(world.viewer)

    response = client.get(url("tender_export", fmt="xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="helmond-aanbestedingen-' in response["Content-Disposition"]
    assert [row[0] for row in sheet_rows(response.content)] == ["Kenmerk", "AB-1"]

    response = client.get(url("tender_export", fmt="ods"))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert client.get(url("tender_export", fmt="csv")).status_code == 404


def test_the_contract_export_follows_the_lists_filters(world, login):
    supplier = SupplierFactory(organisation=world.helmond)
    ContractFactory(organisation=world.helmond, tender=None, reference="S", supplier=supplier)
    ContractFactory(organisation=world.helmond, tender=None, reference="N")
    response = login(world.viewer).get(
        url("contract_export", fmt="xlsx"), {"supplier": supplier.pk}
    )
    assert [row[0] for row in sheet_rows(response.content)] == ["Kenmerk", "S"]


def test_the_lists_offer_import_to_editors_and_export_to_everyone(world, login):
    viewer_page = login(world.viewer).get(url("contract_list")).content.decode()
    assert url("contract_export", fmt="xlsx") in viewer_page
    assert url("contract_import") not in viewer_page
    editor = login(world.editor)
    assert url("contract_import") in editor.get(url("contract_list")).content.decode()
    tender_page = editor.get(url("tender_list")).content.decode()
    assert url("tender_import") in tender_page
    assert url("tender_export", fmt="ods") in tender_page


def test_an_editor_imports_tenders_and_sees_a_summary(world, login):
    client = login(world.editor)
    response = client.post(
        url("tender_import"),
        {"file": upload(["Kenmerk", "Titel", "Fase"], ["AB-1", "Groen", "publicatie"])},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("tender_list")
    assert "Imported 1 rows: 1 new" in response.content.decode()
    assert Tender.objects.get(reference="AB-1").organisation == world.helmond


def test_an_import_with_errors_lists_them_and_saves_nothing(world, login):
    client = login(world.editor)
    response = client.post(
        url("contract_import"),
        {
            "file": upload(
                [
                    "Kenmerk",
                    "Titel",
                    "Opdrachtnemer",
                    "KvK-nummer",
                    "Gegund op",
                    "Startdatum",
                    "Einddatum",
                ],
                [
                    "OV-1",
                    "Groen",
                    "Groen BV",
                    "123",
                    date(2017, 7, 1),
                    date(2017, 9, 1),
                    date(2018, 8, 31),
                ],
                name="opdrachten.ods",
            )
        },
    )
    assert response.status_code == 200
    assert response.context["problems"] == [
        "Row 2, column KvK-nummer: A KvK number has 8 digits; “123” has 3."
    ]
    assert "Nothing has been imported" in response.content.decode()
    assert not Contract.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(world, login):
    response = login(world.editor).post(
        url("tender_import"), {"file": SimpleUploadedFile("t.png", b"\x89PNG\r\n\x1a\n\x00")}
    )
    assert "or CSV file" in str(response.context["form"].errors)
