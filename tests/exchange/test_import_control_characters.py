"""A plan import refuses a cell holding a control character, naming it and its row and
column, and saves nothing (issue 12, item 8); a carriage return, alone or before a line
feed, is read as a line feed. openpyxl reads an .xlsx cell's escaped characters
("_x0007_") as the text they are written with, so the characters a file can hand over
are the C1 controls (XML carries them) and, in .xlsx, the carriage return."""

import pytest
from django.utils import translation

from mvimonitor.plans.models import Action
from tests.exchange.conftest import ods, run_import, xlsx

pytestmark = pytest.mark.usefixtures("frozen_today")

HEADERS = ["Code", "Titel", "Omschrijving", "Periode", "Status"]
PERIOD = "Aan de slag in 2017"


def sheet(fmt: str, title: str, description: str = "") -> bytes:
    row = ["N1", title, description, PERIOD, "lopend"]
    return xlsx([HEADERS, row]) if fmt == "xlsx" else ods([HEADERS, row])


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
@pytest.mark.parametrize("character", ["\x85", "\x9b", "\x80"], ids=["NEL", "CSI", "PAD"])
def test_a_cell_with_a_control_character_is_refused_by_name(world, english, fmt, character):
    result = run_import(world.plan, sheet(fmt, f"Bel{character}ding"), filename=f"p.{fmt}")

    assert [str(p) for p in result.problems] == [
        f"Row 2, column Titel: This text holds an invisible control character "
        f"(U+{ord(character):04X}) at position 4: type that part of the text again without it."
    ]
    assert not Action.objects.filter(code="N1").exists()


def test_the_refusal_is_in_dutch_for_a_dutch_user(world):
    with translation.override("nl"):
        result = run_import(world.plan, sheet("xlsx", "Titel", "Regel\x85"))
        problems = [str(p) for p in result.problems]
    assert problems == [
        "Rij 2, kolom Omschrijving: Deze tekst bevat een onzichtbaar stuurteken (U+0085) op "
        "positie 6: typ dat stuk tekst opnieuw, zonder het teken."
    ]


def test_a_carriage_return_in_a_cell_is_read_as_a_line_feed(world):
    result = run_import(world.plan, sheet("xlsx", "Titel", "Regel 1\r\nRegel 2\rRegel 3"))
    assert result.ok, [str(p) for p in result.problems]
    assert Action.objects.get(code="N1").description == "Regel 1\nRegel 2\nRegel 3"
