""" "Mijn acties" says when a round's deadline has passed (issue 15): any open round, on
the owner's page, in Dutch; until the deadline itself it asks for an answer by then."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from tests.rounds.conftest import DEADLINE, MONITOR_DAY

pytestmark = pytest.mark.django_db

PASSED = f"De termijn is op {date_format(DEADLINE)} verstreken."
ASKED = f"Reageer uiterlijk {date_format(DEADLINE)}, voor de monitor van"


def owners_page(client, world) -> str:
    client.force_login(world.owner)
    return client.get(reverse("my_actions:list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_before_the_deadline_the_owner_is_asked_to_answer_by_then(
    client, world, update_round, frozen_today
):
    frozen_today(DEADLINE - timedelta(days=3))
    page = owners_page(client, world)
    assert ASKED in page and PASSED not in page


def test_on_the_deadline_itself_it_has_not_passed_yet(client, world, update_round, frozen_today):
    frozen_today(DEADLINE)
    page = owners_page(client, world)
    assert ASKED in page and PASSED not in page


def test_the_day_after_the_deadline_the_page_says_it_has_passed(
    client, world, update_round, frozen_today
):
    frozen_today(DEADLINE + timedelta(days=1))
    page = owners_page(client, world)
    assert PASSED in page and ASKED not in page
    assert f"tot de coördinator de ronde voor de monitor van {date_format(MONITOR_DAY)} sluit" in (
        page
    )
    # The owner can still answer: the form stays.
    assert world.owned_action.title in page and "Ongewijzigd" in page


def test_the_round_knows_its_deadline_passed_only_after_that_day(update_round):
    assert not update_round.deadline_passed(on=DEADLINE)
    assert update_round.deadline_passed(on=DEADLINE + timedelta(days=1))
