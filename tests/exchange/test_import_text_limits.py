"""A plan import takes every text up to its field's maximum and refuses a longer one
with its row and column, saving nothing (issue 12, item 3): the same maximum as the
forms, so that what an import stores fits every output too."""

import pytest

from mvimonitor.plans.models import Action, StatusChange
from tests.exchange.conftest import run_import, xlsx

pytestmark = pytest.mark.usefixtures("frozen_today")

BASE = ["Code", "Titel", "Periode", "Status"]
PERIOD = "Aan de slag in 2017"

#: Column -> the field its text is stored in.
TEXT_COLUMNS = {
    "Code": (Action, "code"),
    "Titel": (Action, "title"),
    "Omschrijving": (Action, "description"),
    "Eigenaar": (Action, "owner_name"),
    "Afdeling": (Action, "department"),
    "Resultaat": (Action, "result"),
    "Toelichting": (StatusChange, "note"),
}


def maximum(column: str) -> int:
    model, name = TEXT_COLUMNS[column]
    limit = model._meta.get_field(name).max_length
    assert limit is not None
    return limit


def sheet_with(column: str, text: str) -> bytes:
    """A1 (running) completed, with `text` in `column`; the note goes with that change."""
    row = {"Code": "A1", "Titel": "Titel", "Periode": PERIOD, "Status": "voltooid"}
    row[column] = text
    headers = list(dict.fromkeys([*BASE, column]))
    return xlsx([headers, [row[h] for h in headers]])


@pytest.mark.parametrize("column", TEXT_COLUMNS)
def test_an_import_takes_a_text_of_its_fields_maximum_and_refuses_one_character_more(world, column):
    limit = maximum(column)
    longest = sheet_with(column, "x" * limit)
    assert run_import(world.plan, longest).problems == []
    versions = list(Action.objects.order_by("pk").values_list("version", flat=True))

    result = run_import(world.plan, sheet_with(column, "y" * (limit + 1)))

    assert [str(p) for p in result.problems] == [
        f"Row 2, column {column}: Ensure this value has at most {limit} characters "
        f"(it has {limit + 1})."
    ]
    assert list(Action.objects.order_by("pk").values_list("version", flat=True)) == versions
    assert not Action.objects.filter(code="y" * (limit + 1)).exists()
