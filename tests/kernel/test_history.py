"""kernel.history: a change may be back-dated, but not into the future, not before the
record was added and not before its latest change."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mvimonitor.kernel.history import HistoryMessages, check_effective_on
from tests.conftest import MONITOR_DAY

MESSAGES = HistoryMessages(
    in_future="in the future",
    before_added="before it was added (%(date)s)",
    before_latest="before its latest change (%(date)s)",
)
ADDED, LATEST, TODAY = date(2017, 3, 1), date(2017, 6, 1), MONITOR_DAY

pytestmark = pytest.mark.usefixtures("frozen_today")


def refusal(effective_on, latest=LATEST):
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        check_effective_on(effective_on, added_on=ADDED, latest=latest, messages=MESSAGES)
    return caught.value.message_dict


@pytest.mark.parametrize("effective_on", [LATEST, date(2017, 7, 1), TODAY])
def test_a_date_from_the_latest_change_up_to_today_is_accepted(effective_on):
    check_effective_on(effective_on, added_on=ADDED, latest=LATEST, messages=MESSAGES)


def test_the_first_change_may_be_dated_on_the_day_the_record_was_added():
    check_effective_on(ADDED, added_on=ADDED, latest=None, messages=MESSAGES)


def test_a_date_in_the_future_is_refused():
    assert refusal(date(2017, 9, 21)) == {"effective_on": ["in the future"]}


def test_a_date_before_the_record_was_added_is_refused_naming_that_date():
    assert refusal(date(2017, 2, 28), latest=None) == {
        "effective_on": ["before it was added (March 1, 2017)"]
    }


def test_a_date_before_the_latest_change_is_refused_naming_that_date():
    assert refusal(date(2017, 5, 31)) == {
        "effective_on": ["before its latest change (June 1, 2017)"]
    }
