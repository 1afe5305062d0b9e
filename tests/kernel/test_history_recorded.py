"""A history row recorded at a given moment (only for loading history recorded earlier,
the demo, ADR 0034): the services store it; a moment in the future is refused."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from mvimonitor.kernel.history import recorded
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import StatusChange
from mvimonitor.plans.workflow import Status
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.services import tenders as tender_services

THEN = datetime(2017, 8, 28, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_no_moment_leaves_the_rows_default_and_a_future_one_is_refused(frozen_today):
    assert recorded(None) == {}
    assert recorded(THEN) == {"recorded_at": THEN}
    with pytest.raises(ValueError):
        recorded(datetime(2017, 9, 21, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))


def test_a_status_change_and_a_phase_change_keep_the_moment_given(world, frozen_today):
    change = plan_services.action_change_status(
        action=world.unowned_action,
        to_status=Status.RUNNING,
        by=world.coordinator,
        effective_on=date(2017, 8, 28),
        recorded_at=THEN,
    )
    assert StatusChange.objects.get(pk=change.pk).recorded_at == THEN

    tender = tender_services.tender_create(
        organisation=world.helmond,
        by=None,
        reference="T-1",
        title="Schoonmaak",
        registered_on=date(2017, 8, 1),
        recorded_at=THEN,
    )
    phase = tender_services.tender_change_phase(
        tender=tender,
        to_phase=Phase.PUBLICATION,
        effective_on=date(2017, 8, 28),
        by=None,
        version=tender.version,
        recorded_at=THEN,
    )
    assert tender.phase_changes.get(from_phase=None).recorded_at == THEN
    assert phase.recorded_at == THEN
