"""The tender and contract imports take every text up to its field's maximum and
refuse a longer one with its row and column, saving nothing (issue 12, item 3)."""

from datetime import date

import pytest

from mvimonitor.procurement.models import Contract, Supplier, Tender, TenderPhaseChange
from tests.procurement.test_exchange import import_contracts, import_tenders, problems, sheet

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


#: Column -> the field its text is stored in.
TENDER_COLUMNS = {
    "Kenmerk": (Tender, "reference"),
    "Titel": (Tender, "title"),
    "Omschrijving": (Tender, "description"),
    "Inkoper": (Tender, "buyer_name"),
    "Afdeling": (Tender, "department"),
    "Toelichting": (TenderPhaseChange, "note"),
}
CONTRACT_COLUMNS = {
    "Kenmerk": (Contract, "reference"),
    "Titel": (Contract, "title"),
    "Perceel": (Contract, "lot"),
    "Opdrachtnemer": (Supplier, "name"),
    "Plaats": (Supplier, "city"),
}


def maximum(columns, column: str) -> int:
    model, name = columns[column]
    limit = model._meta.get_field(name).max_length
    assert limit is not None
    return limit


def tender_sheet(column: str, text: str) -> bytes:
    """A tender registered and withdrawn at once (a withdrawal takes a note), with
    `text` in `column`."""
    row = {"Kenmerk": "AB-1", "Titel": "Groen", "Fase": "voorbereiding", "Toelichting": ""}
    row[column] = text
    headers = list(dict.fromkeys(["Kenmerk", "Titel", "Fase", column]))
    return sheet(headers, [row[h] for h in headers])


def refusal(column: str, limit: int) -> list[str]:
    return [
        f"Row 2, column {column}: Ensure this value has at most {limit} characters "
        f"(it has {limit + 1})."
    ]


@pytest.mark.parametrize(
    "column",
    TENDER_COLUMNS,
)
def test_a_tender_import_takes_a_text_of_its_maximum_and_refuses_one_character_more(world, column):
    limit = maximum(TENDER_COLUMNS, column)
    if column == "Toelichting":
        # The note of a phase change: the tender exists, and the import withdraws it.
        assert problems(import_tenders(world, tender_sheet("Fase", "voorbereiding"))) == []
        data = lambda text: sheet(  # noqa: E731
            ["Kenmerk", "Titel", "Fase", "Toelichting"], ["AB-1", "Groen", "ingetrokken", text]
        )
        over = import_tenders(world, data("y" * (limit + 1)))
        assert problems(over) == refusal(column, limit)
        assert problems(import_tenders(world, data("x" * limit))) == []
        return
    assert problems(import_tenders(world, tender_sheet(column, "x" * limit))) == []
    versions = list(Tender.objects.values_list("version", flat=True))

    result = import_tenders(world, tender_sheet(column, "y" * (limit + 1)))

    assert problems(result) == refusal(column, limit)
    assert list(Tender.objects.values_list("version", flat=True)) == versions


@pytest.mark.parametrize("column", CONTRACT_COLUMNS)
def test_a_contract_import_takes_a_text_of_its_maximum_and_refuses_one_character_more(
    world, column
):
    limit = maximum(CONTRACT_COLUMNS, column)
    headers = ["Kenmerk", "Titel", "Opdrachtnemer", "Gegund op", "Startdatum", "Einddatum"]
    headers = list(dict.fromkeys([*headers, column]))

    def data(text: str) -> bytes:
        row = {
            "Kenmerk": "OV-1",
            "Titel": "Groen",
            "Opdrachtnemer": "Groen BV",
            "Gegund op": date(2017, 5, 1),
            "Startdatum": date(2017, 6, 1),
            "Einddatum": date(2018, 6, 1),
            column: text,
        }
        return sheet(headers, [row[h] for h in headers])

    assert problems(import_contracts(world, data("x" * limit))) == []
    result = import_contracts(world, data("y" * (limit + 1)))
    assert problems(result) == refusal(column, limit)
    assert not Supplier.objects.filter(name__startswith="y").exists()
