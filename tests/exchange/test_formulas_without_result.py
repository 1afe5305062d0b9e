"""A formula whose result was never calculated (a workbook written by a program and not
saved by Excel or LibreOffice since) is refused with its own message, in every import:
it is not read as an empty cell, which would clear a result without a word or call a
filled-in title empty (issue 12, item 6). openpyxl writes exactly such formulas."""

import pytest

from mvimonitor.procurement.models import Tender
from tests.exchange.conftest import run_import, xlsx
from tests.procurement.test_exchange import import_tenders, problems

pytestmark = [
    pytest.mark.usefixtures("frozen_today"),
]

FORMULA = (
    "This cell holds a formula without a calculated value; open the file in Excel or "
    "LibreOffice and save it, or paste the values."
)


def test_a_plan_import_refuses_formulas_without_a_result_and_saves_nothing(world):
    before = world.plan.actions.count()
    rows = [
        ["Code", "Titel", "Periode", "Status", "Resultaat"],
        ["N1", '="Nieuwe actie"', "Aan de slag in 2017", "lopend", "=1+1"],
    ]
    result = run_import(world.plan, xlsx(rows))

    assert [str(p) for p in result.problems] == [
        f"Row 2, column Titel: {FORMULA}",
        f"Row 2, column Resultaat: {FORMULA}",
    ]
    assert world.plan.actions.count() == before


def test_a_tender_import_refuses_formulas_without_a_result_and_saves_nothing(world):
    rows = [["Kenmerk", "Titel", "Geraamde waarde"], ["AB-1", "Groen", "=100000*2"]]
    result = import_tenders(world, xlsx(rows))

    assert problems(result) == [f"Row 2, column Geraamde waarde: {FORMULA}"]
    assert not Tender.objects.filter(organisation=world.helmond).exists()
