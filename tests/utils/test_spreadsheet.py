from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.utils.spreadsheet import FORMULA_STARTS, neutralise, restore
from mvimonitor.utils.text import strip_control


@given(st.text())
def test_restore_gives_back_what_neutralise_was_given_less_control_characters(text):
    assert restore(neutralise(text)) == strip_control(text)


@given(st.text())
def test_a_neutralised_cell_never_starts_with_a_formula_character(text):
    assert not neutralise(text).startswith(FORMULA_STARTS)


@given(st.text())
def test_a_neutralised_cell_holds_no_control_character_but_tab_and_line_feed(text):
    assert all(
        ch in "\t\n" or (ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F) for ch in neutralise(text)
    )


def test_formula_like_text_gets_an_apostrophe_in_front():
    assert neutralise('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert neutralise("+31 6 1234") == "'+31 6 1234"
    assert neutralise("-5%") == "'-5%"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"


def test_other_text_is_written_as_it_is():
    assert neutralise("Duurzaam inkopen = slim") == "Duurzaam inkopen = slim"
    assert neutralise("'quoted'") == "'quoted'"


def test_text_that_itself_starts_with_an_apostrophe_and_a_formula_character_survives():
    assert neutralise("'=1") == "''=1"
    assert restore("''=1") == "'=1"


def test_control_characters_are_stripped_and_line_breaks_normalised():
    assert neutralise("a\x00b\x07c\x1bd") == "abcd"
    assert neutralise("regel 1\r\nregel 2\rregel 3") == "regel 1\nregel 2\nregel 3"
