"""Dates written as text are read day first, as in Dutch (issue 14, item 2):
01-09-2017, 1/9/2017, 1.9.17, 2017-09-01, 3 januari 2017, 3-jan-2017, 3 Mar 2017; a
two-digit year as Excel reads it (00-29: 2000-2029, 30-99: 1930-1999)."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.exchange.values import parse_date
from tests.exchange.conftest import AMSTERDAM


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01-09-2017", date(2017, 9, 1)),
        ("1-9-2017", date(2017, 9, 1)),
        ("1/9/2017", date(2017, 9, 1)),
        ("1.9.2017", date(2017, 9, 1)),
        (" 2017-09-01 ", date(2017, 9, 1)),
        ("2017/9/1", date(2017, 9, 1)),
        ("2017-09-01 00:00:00", date(2017, 9, 1)),
        ("01-09-2017 14:30", date(2017, 9, 1)),
        ("1-9-17", date(2017, 9, 1)),
        ("31-12-29", date(2029, 12, 31)),
        ("1-1-30", date(1930, 1, 1)),
        ("3 januari 2017", date(2017, 1, 3)),
        ("3 jan 2017", date(2017, 1, 3)),
        ("3 jan. 2017", date(2017, 1, 3)),
        ("3-jan-2017", date(2017, 1, 3)),
        ("3-Mrt-17", date(2017, 3, 3)),
        ("15 Oktober 2018", date(2018, 10, 15)),
        ("3 March 2017", date(2017, 3, 3)),
        ("1 mei 2020", date(2020, 5, 1)),
    ],
)
def test_a_date_written_as_text_is_read_day_first(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31-02-2017", "30 februari 2017", "0-1-2017"])
def test_a_date_that_does_not_exist_is_refused(english, text):
    with pytest.raises(ValueError, match="is not a date that exists"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["morgen", "3 brumaire 2017", "1-9", "2017", "1-9-017", "9/1/2017 PM"]
)
def test_what_is_no_date_is_refused_with_how_to_write_it(english, text):
    with pytest.raises(
        ValueError, match=r"is not a date\. Use a date cell or write it as dd-mm-yyyy"
    ):
        parse_date(text)


def test_a_date_cell_and_an_empty_cell_need_no_reading():
    assert parse_date(datetime(2017, 9, 1, 12, tzinfo=AMSTERDAM)) == date(2017, 9, 1)
    assert parse_date(date(2017, 9, 1)) == date(2017, 9, 1)
    assert parse_date("  ") is None


DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)


#: As Excel and LibreOffice in Dutch write them (the format d-mmm-jj).
SHORT_MONTHS = "jan feb mrt apr mei jun jul aug sep okt nov dec"


@given(day=st.dates(min_value=date(1930, 1, 1), max_value=date(2029, 12, 31)))
def test_any_date_reads_back_in_every_way_it_is_written(day):
    month = DUTCH_MONTHS.split()[day.month - 1]
    short = SHORT_MONTHS.split()[day.month - 1]
    for text in (
        day.strftime("%d-%m-%Y"),
        f"{day.day}-{day.month}-{day.year}",
        day.strftime("%d-%m-%y"),
        day.isoformat(),
        f"{day.day} {month} {day.year}",
        f"{day.day}-{short}-{day.strftime('%y')}",
    ):
        assert parse_date(text) == day, text
