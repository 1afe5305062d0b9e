"""Percentages are rounded half up on exact decimals, whole unless asked (utils.numbers):
4 of 6 is 67%, 1 of 8 is 13%, and a share with one decimal rounds the same way."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.utils.numbers import percentage, rounded, whole_percentage


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (4, 6, 67),
        (2, 3, 67),
        (1, 3, 33),
        (1, 8, 13),
        (3, 8, 38),
        (1, 200, 1),
        (0, 5, 0),
        (6, 6, 100),
    ],
)
def test_whole_percentages_round_half_up(part, whole, percent):
    assert whole_percentage(part, whole) == percent


def test_nothing_to_divide_by_gives_no_percentage():
    assert percentage(0, 0) is None and whole_percentage(3, 0) is None


def test_a_share_with_one_decimal_rounds_half_up_too():
    assert percentage(1, 16, places=1) == Decimal("6.3")  # 6.25
    assert percentage(2, 3, places=1) == Decimal("66.7")


def test_a_float_rounds_as_it_reads():
    assert rounded(2.675, 2) == Decimal("2.68")  # the float is 2.67499999...
    assert rounded(Decimal("12.25"), 1) == Decimal("12.3") and rounded(0.5) == Decimal(1)


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_a_whole_percentage_is_never_more_than_half_a_percent_off(part, whole):
    exact = Decimal(part) * 100 / Decimal(whole)
    assert abs(whole_percentage(part, whole) - exact) <= Decimal("0.5")
    assert whole_percentage(part, whole) - exact != Decimal("-0.5")  # a half goes up
