"""Control characters in stored text (typed before the forms refused them, or imported
from an old file) are dropped from the spreadsheet exports, whose XML cannot carry them:
the plan's .xlsx and the tender register's .xlsx and .ods open in openpyxl and in
LibreOffice with the rest of the text as it was."""

import io
import zipfile

import pytest
from defusedxml import ElementTree as defused
from openpyxl import load_workbook

from mvimonitor.exchange.services import plan_export_xlsx
from mvimonitor.plans.models import Action
from mvimonitor.procurement.exchange.services import contracts_export, tenders_export
from mvimonitor.procurement.models import Contract, Supplier, Tender
from tests.exchange.conftest import convert
from tests.hostile import every_control_character, without_control
from tests.procurement.factories import ContractFactory, TenderFactory

EVERY_CONTROL = every_control_character()


def fill(world, text: str) -> None:
    """`text` in every free text of the plan's actions and of the tender register."""
    Action.objects.filter(plan=world.plan).update(
        title=text, description=text, result=text, owner_name=text, department=text
    )
    Tender.objects.filter(organisation=world.helmond).update(
        title=text, description=text, buyer_name=text, department=text
    )
    Contract.objects.filter(organisation=world.helmond).update(title=text, lot=text)
    Supplier.objects.filter(organisation=world.helmond).update(name=text, city=text)


def exports(world) -> dict[str, bytes]:
    return {
        "plan.xlsx": plan_export_xlsx(plan=world.plan),
        "tenders.xlsx": tenders_export(organisation=world.helmond, fmt="xlsx"),
        "contracts.xlsx": contracts_export(organisation=world.helmond, fmt="xlsx"),
        "tenders.ods": tenders_export(organisation=world.helmond, fmt="ods"),
        "contracts.ods": contracts_export(organisation=world.helmond, fmt="ods"),
    }


@pytest.fixture
def files(world) -> dict[str, dict[str, bytes]]:
    """Every export with the texts free of control characters ("clean") and holding
    every one of them ("control")."""
    ContractFactory(tender=TenderFactory(organisation=world.helmond))
    fill(world, without_control(EVERY_CONTROL))
    clean = exports(world)
    fill(world, EVERY_CONTROL)
    return {"clean": clean, "control": exports(world)}


def cells(xlsx: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(xlsx))
    return list(book.worksheets[0].iter_rows(values_only=True))


@pytest.mark.parametrize("name", ["plan.xlsx", "tenders.xlsx", "contracts.xlsx"])
def test_an_xlsx_export_opens_with_the_rest_of_the_text(files, name):
    assert cells(files["control"][name]) == cells(files["clean"][name])
    assert "Alle  tekens" in str(cells(files["control"][name]))


@pytest.mark.parametrize("name", ["tenders.ods", "contracts.ods"])
def test_an_ods_export_is_well_formed_xml(files, name):
    with zipfile.ZipFile(io.BytesIO(files["control"][name])) as archive:
        defused.fromstring(archive.read("content.xml"))


@pytest.mark.slow
def test_libreoffice_opens_an_ods_export_with_the_rest_of_the_text(files, tmp_path):
    def opened(data: bytes) -> list[tuple]:
        return cells(convert(data, tmp_path, suffix=".ods", to="xlsx"))

    text = opened(files["control"]["tenders.ods"])

    assert text == opened(files["clean"]["tenders.ods"])
    assert "Alle  tekens" in str(text)
