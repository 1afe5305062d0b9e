"""The Django admin (/beheer/) for platform operators."""

import pytest
from django.urls import reverse

from mvimonitor.accounts.models import User
from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Beheer-Wachtwoord-2017!"
NO_MEMBERSHIPS = {
    "memberships-TOTAL_FORMS": "0",
    "memberships-INITIAL_FORMS": "0",
    "memberships-MIN_NUM_FORMS": "0",
    "memberships-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def operator(client, db):
    user = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "accounts/user",
        "organisations/organisation",
        "organisations/membership",
        "organisations/invitation",
        "plans/actionplan",
        "plans/period",
        "plans/theme",
        "plans/action",
        "plans/statuschange",
        "audit/auditentry",
    ],
)
def test_every_model_has_a_working_list_for_operators(operator, world, model):
    app, name = model.split("/")
    assert operator.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200


def test_members_who_are_not_operators_cannot_use_the_admin(login, world):
    response = login(world.coordinator).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response.url


def test_an_operator_adds_a_user_with_an_email_address_and_no_username(operator):
    response = operator.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuwe.Collega@Example.nl",
            "full_name": "Nieuwe Collega",
            "language": "nl",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **NO_MEMBERSHIPS,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nieuwe.collega@example.nl")
    assert user.check_password(PASSWORD)


def test_the_admin_refuses_an_address_that_differs_only_in_case(operator, world):
    response = operator.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "VIEWER@helmond.example.nl",
            "language": "nl",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **NO_MEMBERSHIPS,
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors


def test_the_user_change_page_works(operator, world):
    url = reverse("admin:accounts_user_change", args=[world.viewer.pk])
    assert operator.get(url).status_code == 200


def test_audit_entries_can_be_read_but_not_added_changed_or_deleted(operator, world):
    entry = AuditEntry.objects.first()
    assert (
        operator.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code == 200
    )
    assert operator.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        operator.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_an_actions_status_cannot_be_changed_in_the_admin(operator, world):
    action = world.owned_action
    url = reverse("admin:plans_action_change", args=[action.pk])
    page = operator.get(url)
    assert "status" not in page.context["adminform"].form.fields
    response = operator.post(
        url,
        {
            "code": action.code,
            "title": "Nieuwe titel",
            "period": action.period_id,
            "added_on": action.added_on.isoformat(),
            "status": Status.COMPLETED,
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-INITIAL_FORMS": "1",
            "status_changes-MIN_NUM_FORMS": "0",
            "status_changes-MAX_NUM_FORMS": "1000",
            "status_changes-0-id": action.status_changes.get().pk,
            "status_changes-0-action": action.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Action.objects.get(pk=action.pk)
    assert (saved.title, saved.status, saved.version) == (
        "Nieuwe titel",
        Status.RUNNING,
        action.version + 1,
    )


def test_actions_and_their_history_cannot_be_added_or_deleted_in_the_admin(operator, world):
    action = world.owned_action
    assert operator.get(reverse("admin:plans_action_add")).status_code == 403
    assert operator.get(reverse("admin:plans_action_delete", args=[action.pk])).status_code == 403
    change = action.status_changes.get()
    assert operator.get(reverse("admin:plans_statuschange_add")).status_code == 403
    assert (
        operator.get(reverse("admin:plans_statuschange_delete", args=[change.pk])).status_code
        == 403
    )
