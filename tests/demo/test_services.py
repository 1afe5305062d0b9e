from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.demo.data import DemoUser
from mvimonitor.demo.services import HistoryStep, demo_user_ensure, parse_history
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.workflow import Status
from tests.factories import OrganisationFactory

SPEC = DemoUser("kijker@voorbeeld.demo", "Kees Kijker", Role.VIEWER, "demo-kijker-2017")


def test_parse_history_reads_dates_statuses_and_notes():
    assert parse_history(
        ("2017-04-01 not_started", "2017-06-26 postponed: Wacht op: het beleid.")
    ) == [
        HistoryStep(date(2017, 4, 1), Status.NOT_STARTED),
        HistoryStep(date(2017, 6, 26), Status.POSTPONED, "Wacht op: het beleid."),
    ]


def test_parse_history_refuses_an_unknown_status():
    with pytest.raises(ValueError):
        parse_history(("2017-04-01 finished",))


def test_outside_demo_mode_a_new_demo_user_gets_no_usable_password(db):
    organisation = OrganisationFactory()

    user = demo_user_ensure(spec=SPEC, organisation=organisation, demo_mode=False)

    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.VIEWER


def test_in_demo_mode_a_changed_password_is_set_back_to_the_demo_password(db):
    organisation = OrganisationFactory()
    user = demo_user_ensure(spec=SPEC, organisation=organisation, demo_mode=False)

    demo_user_ensure(spec=SPEC, organisation=organisation, demo_mode=True)

    user.refresh_from_db()
    assert user.check_password(SPEC.password)
    assert Membership.objects.filter(user=user).count() == 1


def test_a_demo_password_that_fails_the_validators_is_refused(db):
    weak = DemoUser("zwak@voorbeeld.demo", "Zwak", Role.VIEWER, "12345678")

    with pytest.raises(ValidationError):
        demo_user_ensure(spec=weak, organisation=OrganisationFactory(), demo_mode=True)
