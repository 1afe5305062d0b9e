"""Target tests run on a frozen "today" (1 December 2017) and match messages in English
(the msgids)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

TODAY = date(2017, 12, 1)


@pytest.fixture(autouse=True)
def _frozen_today_in_english(time_machine):
    time_machine.move_to(datetime(2017, 12, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
    with translation.override("en"):
        yield
