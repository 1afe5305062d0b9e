"""The tender and contract imports refuse a cell holding a control character, naming it
and its row and column, and save nothing (issue 12, item 8). The files are written as
given (tests/exchange/conftest.py): the app's own writer would drop the character."""

from datetime import date

import pytest

from mvimonitor.procurement.models import Contract, Supplier, Tender
from tests.exchange.conftest import ods, xlsx
from tests.procurement.test_exchange import import_contracts, import_tenders, problems

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def refusal(column: str, position: int) -> list[str]:
    return [
        f"Row 2, column {column}: This text holds an invisible control character (U+0085) "
        f"at position {position}: type that part of the text again without it."
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
@pytest.mark.parametrize("column", ["Kenmerk", "Titel", "Omschrijving", "Afdeling", "Inkoper"])
def test_a_tender_cell_with_a_control_character_is_refused(world, fmt, column):
    row = {"Kenmerk": "AB-1", "Titel": "Groen", "Omschrijving": "", "Afdeling": "", "Inkoper": ""}
    row[column] = "Ee\x85n"
    rows = [list(row), list(row.values())]
    data = xlsx(rows) if fmt == "xlsx" else ods(rows)
    result = import_tenders(world, data, f"t.{fmt}")
    assert problems(result) == refusal(column, 3)
    assert not Tender.objects.filter(organisation=world.helmond).exists()


@pytest.mark.parametrize("column", ["Kenmerk", "Titel", "Perceel", "Opdrachtnemer", "Plaats"])
def test_a_contract_cell_with_a_control_character_is_refused(world, column):
    row = {
        "Kenmerk": "OV-1",
        "Titel": "Groen",
        "Perceel": "",
        "Opdrachtnemer": "Groen BV",
        "Plaats": "",
        "Gegund op": date(2017, 5, 1),
        "Startdatum": date(2017, 6, 1),
        "Einddatum": date(2018, 6, 1),
    }
    row[column] = "Ee\x85n"
    result = import_contracts(world, xlsx([list(row), list(row.values())]))
    assert problems(result) == refusal(column, 3)
    assert not Contract.objects.exists() and not Supplier.objects.exists()
