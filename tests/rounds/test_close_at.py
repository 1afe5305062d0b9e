"""Closing a round as of a given moment (only for loading history, the demo's round of
2017, ADR 0034); not before it opened, not in the future."""

from datetime import datetime, timedelta

import pytest

from mvimonitor.rounds import services
from tests.rounds.conftest import NOW


def test_a_round_closed_at_a_moment_keeps_it(world, update_round, clock):
    clock.move_to(NOW + timedelta(days=20), tick=False)
    at = NOW + timedelta(days=15)
    services.round_close(round=update_round, by=world.coordinator, at=at)
    update_round.refresh_from_db()
    assert update_round.closed_at == at and update_round.closed_by == world.coordinator


@pytest.mark.parametrize("offset", [timedelta(days=-1), timedelta(days=1)])
def test_a_moment_before_it_opened_or_in_the_future_is_refused(world, update_round, offset):
    at: datetime = (update_round.opened_at if offset < timedelta(0) else NOW) + offset
    with pytest.raises(ValueError):
        services.round_close(round=update_round, by=world.coordinator, at=at)
    update_round.refresh_from_db()
    assert update_round.is_open
