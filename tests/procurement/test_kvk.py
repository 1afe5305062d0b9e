"""KvK numbers: eight digits, written with or without spaces and dots; no check digit."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.procurement.kvk import kvk_normalise

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("09012345", "09012345"),
        ("0901 2345", "09012345"),
        ("09.01.23.45", "09012345"),
        (" 0901\u00a02345 ", "09012345"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_kvk_number_is_stored_as_its_eight_digits(typed, stored):
    assert kvk_normalise(typed) == stored


def test_a_kvk_number_that_fails_the_old_eleven_test_is_accepted():
    # 1*8 + 2*7 + ... + 8*1 = 120, not a multiple of 11: numbers issued since 2016
    # need not pass the test, so it is not applied.
    assert kvk_normalise("12345678") == "12345678"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1234567", "A KvK number has 8 digits; “1234567” has 7."),
        ("123456789", "A KvK number has 8 digits; “123456789” has 9."),
        ("1234-5678", "has other characters"),
        ("NL12345678", "has other characters"),
        ("\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", "has other characters"),  # full-width
        ("000012345678", "like a branch number (vestigingsnummer)"),
    ],
)
def test_anything_else_is_refused_with_a_message_saying_what_is_wrong(typed, message):
    with pytest.raises(ValidationError) as refused:
        kvk_normalise(typed)
    assert message in refused.value.messages[0]


@given(st.from_regex(r"[0-9]{8}", fullmatch=True), st.lists(st.sampled_from([" ", "."])))
def test_separators_anywhere_leave_the_same_number(digits, separators):
    typed = digits
    for position, separator in enumerate(separators):
        at = position % (len(typed) + 1)
        typed = typed[:at] + separator + typed[at:]
    assert kvk_normalise(typed) == digits
