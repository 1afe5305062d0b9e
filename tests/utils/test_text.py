from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.utils.text import strip_control
from tests.hostile import CONTROL, is_control, without_control


@given(st.text())
def test_stripped_text_holds_no_control_character(text):
    assert not any(is_control(char) for char in strip_control(text))


@given(st.text())
def test_stripping_takes_only_control_characters_and_makes_line_breaks_line_feeds(text):
    expected = without_control(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert strip_control(text) == expected


def test_every_control_character_of_the_corpus_is_stripped_and_tabs_stay():
    assert [strip_control(text) for text in CONTROL] == [
        "Bel tab\t vt ff esc del",
        "Nul in de tekst",
        "C0  einde",
        "C1  einde",
        "Geen tekens  einde",
    ]


def test_line_breaks_of_every_kind_become_line_feeds():
    assert strip_control("regel 1\r\nregel 2\rregel 3\nregel 4") == (
        "regel 1\nregel 2\nregel 3\nregel 4"
    )
