from datetime import date

import pytest

from mvimonitor.organisations.models import Membership
from mvimonitor.review import services
from tests.factories import ActionPlanFactory


@pytest.fixture(autouse=True)
def _english(english):
    """Every test here reads messages in English (tests/conftest.py)."""


@pytest.fixture
def second_plan(world):
    """Another plan of Helmond: not the reviewer's."""
    return ActionPlanFactory(organisation=world.helmond, slug="helmond-2021")


@pytest.fixture
def comment(world):
    """A thread on action A1, started by the reviewer."""
    return services.comment_add(
        plan=world.plan, action=world.owned_action, author=world.reviewer, body="Is dit haalbaar?"
    )


def expire_reviewer(world, on: date = date(2017, 1, 1)) -> None:
    Membership.objects.filter(user=world.reviewer).update(expires_on=on)
