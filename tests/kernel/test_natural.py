"""kernel.natural: the key that puts codes and references in natural order when compared
as plain strings (docs/adr/0031-natural-order.md)."""

import re
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mvimonitor.kernel.natural import MAX_DIGITS, natural_sort_key, sort_key_length


def in_order(*codes: str) -> list[str]:
    return sorted(codes, key=natural_sort_key)


def test_numbers_sort_by_their_value_not_their_text():
    assert in_order("2.10", "2.11", "2.2", "2.1") == ["2.1", "2.2", "2.10", "2.11"]


def test_a_deeper_code_follows_its_parent_and_precedes_the_next_one():
    assert in_order("2.11", "2.10.1", "2.10", "2.9.12") == ["2.9.12", "2.10", "2.10.1", "2.11"]


def test_letters_before_numbers_sort_as_references_do():
    assert in_order("A12", "B1", "A3", "A1.2") == ["A1.2", "A3", "A12", "B1"]


def test_case_accents_and_leading_zeros_do_not_change_the_order():
    assert natural_sort_key("a3")[:5] == natural_sort_key("A3")[:5] == "a0113"
    assert in_order("2.2", "02.10", "Éé", "ee1", "ea") == ["2.2", "02.10", "ea", "Éé", "ee1"]


def test_codes_alike_but_for_case_accents_or_zeros_get_distinct_keys_in_a_fixed_order():
    alike = ["2.1", "02.1", "2.01", "A1", "a1", "Émission", "emission"]

    assert len({natural_sort_key(code) for code in alike}) == len(alike)
    assert in_order("2.1", "02.1") == ["02.1", "2.1"]  # "0" before "2" in the tie-break


def test_text_without_digits_sorts_alphabetically():
    words = ["Zorg", "afval", "Energie", "Bouw", "élan", "Œuvre", "straße", "strasse"]

    assert in_order(*words) == [
        "afval",
        "Bouw",
        "élan",
        "Energie",
        "Œuvre",
        "strasse",
        "straße",
        "Zorg",
    ]


def test_separators_only_separate_whatever_they_are():
    keys = [natural_sort_key(code) for code in ["2.10", "2-10", "2 10", "2/10", "2 - 10"]]

    assert all(key.startswith("11212100") for key in keys)  # 2, 10, the end, the tie-break
    assert in_order("2/10", "2-9", "2 11") == ["2-9", "2/10", "2 11"]


def test_an_empty_code_sorts_first():
    assert in_order("1", "", "a") == ["", "1", "a"]


def test_a_run_of_digits_longer_than_the_key_holds_keeps_its_first_digits():
    long_run = "9" * (MAX_DIGITS + 5)

    assert natural_sort_key(long_run).startswith("99" + "9" * MAX_DIGITS + "0")
    assert in_order(long_run, "8" * MAX_DIGITS) == ["8" * MAX_DIGITS, long_run]


# -- properties ---------------------------------------------------------------------------

SEPARATORS = st.sampled_from([".", "-", " ", "/", "_"])


@st.composite
def codes(draw: st.DrawFn) -> tuple[str, tuple[tuple[int, object], ...]]:
    """A code built from 1 to 4 numbers, with an optional letter prefix ("A3", "2.10.1",
    "BZ-02.7"), written with any separator, letter case and leading zeros; and its
    tuple: the prefix as a word, then the numbers (a number sorts before a word)."""
    prefix = draw(st.text(alphabet=string.ascii_lowercase, max_size=3))
    numbers = draw(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=4))
    separator = draw(SEPARATORS)
    written = [draw(st.sampled_from(["", "0", "00"])) + str(n) for n in numbers]
    text = separator.join(written)
    if prefix:
        cased = draw(st.sampled_from([prefix, prefix.upper()]))
        text = cased + draw(st.sampled_from(["", separator])) + text
    parts: tuple[tuple[int, object], ...] = tuple((0, n) for n in numbers)
    return text, (((1, prefix), *parts) if prefix else parts)


@given(first=codes(), second=codes())
@example(first=("2.2", ((0, 2), (0, 2))), second=("2.10", ((0, 2), (0, 10))))
@example(first=("2.10", ((0, 2), (0, 10))), second=("2.10.1", ((0, 2), (0, 10), (0, 1))))
@example(first=("A3", ((1, "a"), (0, 3))), second=("A12", ((1, "a"), (0, 12))))
def test_two_codes_compare_by_their_keys_as_by_their_tuples(first, second):
    (text_a, tuple_a), (text_b, tuple_b) = first, second
    key_a, key_b = natural_sort_key(text_a), natural_sort_key(text_b)

    if tuple_a != tuple_b:
        assert (key_a < key_b) == (tuple_a < tuple_b)
    else:  # alike but for case, separators or zeros: the tie-break tells them apart
        assert (key_a == key_b) == (text_a == text_b)


@given(st.lists(codes(), max_size=30))
def test_ordering_by_the_key_equals_ordering_by_the_tuples(generated):
    ordered = sorted(generated, key=lambda code: natural_sort_key(code[0]))

    tuples = [numbers for _text, numbers in ordered]
    assert tuples == sorted(tuples)


@given(st.text(max_size=60))
def test_any_text_has_a_key_of_digits_and_lowercase_letters_within_its_length(text):
    key = natural_sort_key(text)

    assert re.fullmatch(r"[0-9a-z]+", key)
    assert len(key) <= sort_key_length(len(text))


@given(st.text(max_size=30), st.text(max_size=30))
def test_distinct_texts_have_distinct_keys(first, second):
    assert (natural_sort_key(first) == natural_sort_key(second)) == (first == second)


@pytest.mark.parametrize("text", ["ﬃ" * 30, "㉑" * 30, "ﷺ" * 30, "9" * 30, "a1" * 15])
def test_the_longest_texts_fit_their_field(text):
    assert len(natural_sort_key(text)) <= sort_key_length(30)
