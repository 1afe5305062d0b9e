"""Target tests run on a frozen "today" (1 December 2017) and match messages in English
(the msgids)."""

from datetime import date

import pytest

TODAY = date(2017, 12, 1)


@pytest.fixture(autouse=True)
def _first_of_december_in_english(frozen_today, english):
    """Today is 1 December 2017, after the monitor of 20 September; messages in English."""
    frozen_today(date(2017, 12, 1))
