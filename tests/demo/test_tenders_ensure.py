"""Adding the demo's tender register to a plan, without the rest of the demo."""

import dataclasses
from datetime import date

import pytest

from mvimonitor.demo.data.tenders import HELMOND_REGISTER
from mvimonitor.demo.tenders import demo_tenders_ensure
from mvimonitor.procurement.models import Tender
from mvimonitor.targets.models import Target

#: The register without its links: the test world's plan lacks the seed's actions.
UNLINKED = dataclasses.replace(
    HELMOND_REGISTER,
    tenders=tuple(dataclasses.replace(t, actions=()) for t in HELMOND_REGISTER.tenders),
)


def test_dates_still_to_come_are_not_written_as_passed(world, time_machine):
    time_machine.move_to(date(2017, 9, 20), tick=False)

    result = demo_tenders_ensure(plan=world.plan, by=world.coordinator, spec=UNLINKED)

    references = {t.reference for t in result.tenders}
    assert "HLM-2017-001" in references and "HLM-2017-009" not in references
    stop_and_go = Tender.objects.get(organisation=world.helmond, reference="HLM-2017-001")
    assert stop_and_go.phase == "award"  # signed on 4 October, still to come
    assert [c.reference for c in result.contracts] == [
        "HLM-C-2017-014",
        "HLM-C-2017-012",
        "HLM-C-2017-007",
    ]


def test_a_plan_gets_the_register_once(world, time_machine):
    time_machine.move_to(date(2018, 1, 15), tick=False)

    first = demo_tenders_ensure(plan=world.plan, by=world.coordinator, spec=UNLINKED)
    again = demo_tenders_ensure(plan=world.plan, by=world.coordinator, spec=UNLINKED)

    assert (len(first.tenders), len(first.contracts), len(first.targets)) == (12, 5, 2)
    assert (again.tenders, again.contracts, again.targets) == ([], [], [])
    assert Tender.objects.filter(organisation=world.helmond).count() == 12
    assert Target.objects.filter(plan=world.plan).count() == 2


def test_an_action_title_the_plan_lacks_is_an_error(world):
    with pytest.raises(ValueError, match="no action titled"):
        demo_tenders_ensure(plan=world.plan, by=world.coordinator, spec=HELMOND_REGISTER)
