"""Amounts written as text are read the Dutch way, and the English way where that
cannot be mistaken (issue 14, item 2): "1.900.000,00", "EUR 95.000", "€ 1.234,5",
"€ 95.000,-", "1900000.00", "1,900,000.00"; "1,250" (1250 in English, 1,25 in Dutch) is
refused with a message that says how to write it."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.procurement.exchange.values import LARGEST_AMOUNT, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.900.000,00", "1900000.00"),
        ("EUR 95.000", "95000.00"),
        ("€ 1.234,5", "1234.50"),
        ("€ 95.000,-", "95000.00"),
        ("95.000 euro", "95000.00"),
        ("1900000.00", "1900000.00"),
        ("1,900,000.00", "1900000.00"),
        ("1,900,000", "1900000.00"),
        ("1 900 000,00", "1900000.00"),
        ("1.250", "1250.00"),
        ("12,5", "12.50"),
        ("12.5", "12.50"),
        ("-€ 5", "-5.00"),
    ],
)
def test_an_amount_written_as_text_is_read(text, amount):
    assert parse_amount(text) == Decimal(amount)


def test_a_single_comma_before_three_digits_is_refused_as_it_reads_two_ways(english):
    with pytest.raises(ValueError, match=r"“1,250” can be read in two ways\. Write 1250 without"):
        parse_amount("1,250")


@pytest.mark.parametrize("text", ["0,125", "0.125", "1,2345"])
def test_three_decimals_after_a_zero_or_more_than_three_are_too_many_decimals(english, text):
    with pytest.raises(ValueError, match="more than two decimals"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["1.23.456", ",5", "5,", "-", "veel", "1.000,00,00"])
def test_what_is_no_amount_is_refused(english, text):
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(text)


amounts = st.decimals(
    min_value=-LARGEST_AMOUNT, max_value=LARGEST_AMOUNT, places=2, allow_nan=False
)


def grouped(whole: int, separator: str) -> str:
    return f"{whole:,}".replace(",", separator)


def dutch_way(amount: Decimal, *, group: bool, currency: str, dash: bool) -> str:
    whole, cents = divmod(abs(amount) * 100, 100)
    digits = grouped(int(whole), ".") if group else str(int(whole))
    if cents:
        digits += f",{int(cents):02d}"
    elif dash:
        digits += ",-"
    return ("-" if amount < 0 else "") + currency + digits


def english_way(amount: Decimal, *, group: bool, currency: str) -> str:
    whole, cents = divmod(abs(amount) * 100, 100)
    digits = grouped(int(whole), ",") if group else str(int(whole))
    return ("-" if amount < 0 else "") + currency + f"{digits}.{int(cents):02d}"


@given(
    amount=amounts,
    group=st.booleans(),
    currency=st.sampled_from(["", "€ ", "€", "EUR ", "eur "]),
    dash=st.booleans(),
)
def test_any_amount_written_the_dutch_way_reads_back_equal(amount, group, currency, dash):
    assert parse_amount(dutch_way(amount, group=group, currency=currency, dash=dash)) == amount


@given(amount=amounts, group=st.booleans(), currency=st.sampled_from(["", "€ ", "EUR "]))
def test_any_amount_written_the_english_way_with_cents_reads_back_equal(amount, group, currency):
    assert parse_amount(english_way(amount, group=group, currency=currency)) == amount


@given(amount=amounts)
def test_any_amount_in_a_number_cell_reads_back_equal(amount):
    assert parse_amount(float(amount)) == amount
