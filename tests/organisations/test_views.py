from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from mvimonitor.organisations.models import Invitation, Membership
from mvimonitor.organisations.roles import Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

JULY_12_2017 = datetime(2017, 7, 12, 10, 0, tzinfo=UTC)


def url(name: str, org: str = "helmond", **kwargs) -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": org, **kwargs})


def test_anonymous_visitors_of_home_are_sent_to_log_in(client):
    response = client.get(reverse("organisations:home"))
    assert response.url.startswith(reverse("accounts:login"))


def test_a_member_of_one_organisation_goes_straight_to_it(login, world):
    response = login(world.viewer).get(reverse("organisations:home"))
    assert response.url == url("detail")


def test_a_member_of_several_organisations_chooses_one(login, world):
    MembershipFactory(user=world.viewer, organisation=world.other, role=Role.EDITOR)
    response = login(world.viewer).get(reverse("organisations:home"))
    assert response.status_code == 200
    assert [org.slug for org, _role in response.context["organisations"]] == ["anders", "helmond"]
    assert url("detail", "anders").encode() in response.content


def test_someone_without_organisation_is_told_how_to_get_in(login, db):
    response = login(UserFactory()).get(reverse("organisations:home"))
    assert response.status_code == 200
    assert response.context["organisations"] == []


def test_the_organisation_page_lists_its_plans_with_their_number_of_actions(login, world):
    response = login(world.viewer).get(url("detail"))
    assert response.status_code == 200
    plans = list(response.context["plans"])
    assert [(plan.slug, plan.action_count) for plan in plans] == [("helmond-mvi", 2)]
    plan_url = reverse("plans:detail", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})
    assert plan_url.encode() in response.content
    assert world.other_plan.name.encode() not in response.content
    assert b"1 april 2017" in response.content  # Dutch by default


def test_only_coordinators_see_the_link_to_create_a_plan(login, world):
    create = reverse("plans:create", kwargs={"org_slug": "helmond"}).encode()
    assert create not in login(world.editor).get(url("detail")).content
    assert create in login(world.coordinator).get(url("detail")).content


def test_the_link_to_create_a_plan_stands_under_the_plans_not_under_the_tenders(login, world):
    page = login(world.coordinator).get(url("detail")).content.decode()
    create = reverse("plans:create", kwargs={"org_slug": "helmond"})
    sections = {section.split("</h2>", 1)[0]: section for section in page.split("<h2>")[1:]}
    assert create in sections["Actieplannen"]
    assert create not in sections["Aanbestedingen"]


def test_another_organisations_page_does_not_exist_for_outsiders(login, world):
    assert login(world.outsider).get(url("detail")).status_code == 404


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OWNER, Role.VIEWER])
def test_the_members_page_is_forbidden_for_non_coordinators(login, world, role):
    client = login(world.user(role))
    assert client.get(url("members")).status_code == 403
    assert client.get(url("invite")).status_code == 403
    membership = world.viewer.memberships.get()
    response = client.post(url("member_role", membership_id=membership.pk), {"role": "coordinator"})
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER


def test_the_members_pages_do_not_exist_for_outsiders(login, world):
    client = login(world.outsider)
    membership = world.viewer.memberships.get()
    invitation = InvitationFactory(organisation=world.helmond)
    assert client.get(url("members")).status_code == 404
    assert client.get(url("invite")).status_code == 404
    assert (
        client.post(url("member_role", membership_id=membership.pk), {"role": "editor"}).status_code
        == 404
    )
    assert client.post(url("member_remove", membership_id=membership.pk)).status_code == 404
    assert client.post(url("invitation_revoke", invitation_id=invitation.pk)).status_code == 404
    assert client.post(url("invitation_resend", invitation_id=invitation.pk)).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_coordinator_cannot_reach_another_organisations_members_through_their_own(login, world):
    """Ids of another organisation's records answer 404 under one's own organisation."""
    other_member = world.outsider.memberships.get()
    other_invitation = InvitationFactory(organisation=world.other)
    client = login(world.coordinator)
    assert (
        client.post(
            url("member_role", membership_id=other_member.pk), {"role": "viewer"}
        ).status_code
        == 404
    )
    assert client.post(url("member_remove", membership_id=other_member.pk)).status_code == 404
    assert (
        client.post(url("invitation_revoke", invitation_id=other_invitation.pk)).status_code == 404
    )
    assert Membership.objects.get(pk=other_member.pk).role == Role.COORDINATOR


@time_machine.travel(JULY_12_2017, tick=False)
def test_the_members_page_lists_members_and_open_invitations_with_expiry(login, world):
    InvitationFactory(organisation=world.helmond, email="open@example.nl")
    InvitationFactory(
        organisation=world.helmond, email="gebruikt@example.nl", accepted_at=JULY_12_2017
    )
    InvitationFactory(organisation=world.other, email="elders@example.nl")
    response = login(world.coordinator).get(url("members"))
    content = response.content.decode()
    assert response.status_code == 200
    assert world.viewer.email in content
    assert world.outsider.email not in content
    assert "open@example.nl" in content
    assert "gebruikt@example.nl" not in content
    assert "elders@example.nl" not in content
    assert "26 juli 2017" in content


@time_machine.travel(JULY_12_2017, tick=False)
def test_a_coordinator_invites_someone_by_email(login, world):
    response = login(world.coordinator).post(
        url("invite"), {"email": "Nieuw@Helmond.nl", "role": "owner"}
    )
    assert response.url == url("members")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "nieuw@helmond.nl",
        Role.OWNER,
        world.helmond,
    )
    message = mail.outbox[0]
    link = "http://testserver" + reverse(
        "accounts:invitation_accept", kwargs={"token": invitation.token}
    )
    assert link in message.body
    assert link in message.alternatives[0][0]
    assert "26 juli 2017" in message.body  # in the inviter's language: Dutch by default


def test_an_invitation_mail_follows_the_inviters_language(login, world):
    world.coordinator.language = "en"
    world.coordinator.save()
    login(world.coordinator).post(url("invite"), {"email": "new@example.com", "role": "viewer"})
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_inviting_a_member_is_refused_with_a_message_and_nothing_is_sent(login, world):
    response = login(world.coordinator).post(
        url("invite"), {"email": world.viewer.email, "role": "owner"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_an_invalid_address_is_refused_next_to_the_field(login, world):
    response = login(world.coordinator).post(
        url("invite"), {"email": "geen adres", "role": "owner"}
    )
    assert b'id="id_email_error"' in response.content
    assert not Invitation.objects.exists()


def test_a_coordinator_changes_a_members_role(login, world):
    membership = world.viewer.memberships.get()
    response = login(world.coordinator).post(
        url("member_role", membership_id=membership.pk),
        {"role": "editor", "version": membership.version},
    )
    assert response.url == url("members")
    assert Membership.objects.get(pk=membership.pk).role == Role.EDITOR


def test_an_unknown_role_changes_nothing(login, world):
    membership = world.viewer.memberships.get()
    login(world.coordinator).post(url("member_role", membership_id=membership.pk), {"role": "baas"})
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER


def test_the_last_coordinator_cannot_demote_or_remove_themselves(login, world):
    membership = world.coordinator.memberships.get()
    client = login(world.coordinator)
    response = client.post(
        url("member_role", membership_id=membership.pk), {"role": "viewer"}, follow=True
    )
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    client.post(url("member_remove", membership_id=membership.pk))
    assert Membership.objects.get(pk=membership.pk).role == Role.COORDINATOR


def test_a_coordinator_removes_a_member_after_confirming(login, world):
    membership = world.editor.memberships.get()
    client = login(world.coordinator)
    assert client.get(url("member_remove", membership_id=membership.pk)).status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url("member_remove", membership_id=membership.pk))
    assert response.url == url("members")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert login(world.editor).get(url("detail")).status_code == 404


def test_a_coordinator_who_leaves_while_another_stays_goes_home(login, world):
    MembershipFactory(organisation=world.helmond, role=Role.COORDINATOR)
    membership = world.coordinator.memberships.get()
    response = login(world.coordinator).post(url("member_remove", membership_id=membership.pk))
    assert response.url == reverse("organisations:home")


def test_a_coordinator_revokes_an_invitation_and_its_link_stops_working(login, client, world):
    invitation = InvitationFactory(organisation=world.helmond)
    login(world.coordinator).post(url("invitation_revoke", invitation_id=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    accept = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    assert client.get(accept).status_code == 410


def test_a_coordinator_sends_an_expired_invitation_again(login, world):
    with time_machine.travel(JULY_12_2017, tick=False):
        invitation = InvitationFactory(organisation=world.helmond)
    response = login(world.coordinator).post(url("invitation_resend", invitation_id=invitation.pk))
    assert response.url == url("members")
    invitation.refresh_from_db()
    assert invitation.is_usable()
    assert invitation.token in mail.outbox[0].body


def test_member_actions_only_answer_post(login, world):
    client = login(world.coordinator)
    membership = world.viewer.memberships.get()
    invitation = InvitationFactory(organisation=world.helmond)
    assert client.get(url("member_role", membership_id=membership.pk)).status_code == 405
    assert client.get(url("invitation_revoke", invitation_id=invitation.pk)).status_code == 405
    assert client.get(url("invitation_resend", invitation_id=invitation.pk)).status_code == 405


def test_an_organisation_without_plans_says_so(login, db):
    organisation = OrganisationFactory(slug="leeg")
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.VIEWER)
    response = login(user).get(url("detail", "leeg"))
    assert response.status_code == 200
    assert list(response.context["plans"]) == []
