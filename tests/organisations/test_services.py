from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mvimonitor.accounts.models import User
from mvimonitor.organisations import services
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import Role
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

JULY_12_2017 = datetime(2017, 7, 12, 10, 0, tzinfo=UTC)
BASE_URL = "https://mvi.example.nl"


def _invite(world, email="nieuw@helmond.example.nl", role=Role.EDITOR):
    return services.invitation_create(
        organisation=world.helmond, email=email, role=role, invited_by=world.coordinator
    )


def test_organisation_create_makes_the_given_user_its_coordinator():
    user = UserFactory()
    organisation = services.organisation_create(
        name="Waterschap Aa en Maas", slug="aa-en-maas", kind="water_board", coordinator=user
    )
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (user, Role.COORDINATOR)


def test_organisation_create_refuses_a_slug_that_is_taken(world):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(name="Nog een Helmond", slug="helmond")
    assert "slug" in error.value.message_dict


@time_machine.travel(JULY_12_2017, tick=False)
def test_an_invitation_expires_after_the_configured_number_of_days(world):
    invitation = _invite(world, email="  Nieuw@Helmond.example.NL ")
    assert invitation.email == "nieuw@helmond.example.nl"
    assert invitation.expires_at == JULY_12_2017 + timedelta(days=settings.INVITATION_VALID_DAYS)
    assert invitation.invited_by == world.coordinator


def test_a_member_cannot_be_invited_again(world):
    with pytest.raises(ValidationError) as error:
        _invite(world, email="EDITOR@helmond.example.nl")
    assert "email" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_an_address_with_an_open_invitation_cannot_be_invited_twice(world):
    _invite(world)
    with pytest.raises(ValidationError):
        _invite(world, email="NIEUW@helmond.example.nl")
    assert Invitation.objects.count() == 1


def test_an_address_whose_invitation_expired_can_be_invited_again(world):
    with time_machine.travel(JULY_12_2017, tick=False):
        _invite(world)
    assert _invite(world).is_usable()


@pytest.mark.parametrize(("email", "role"), [("geen-adres", Role.EDITOR), ("a@b.nl", "baas")])
def test_an_invitation_needs_a_valid_address_and_role(world, email, role):
    with pytest.raises(ValidationError):
        _invite(world, email=email, role=role)


@time_machine.travel(JULY_12_2017, tick=False)
def test_invitation_send_mails_an_absolute_link_in_text_and_html(world):
    invitation = _invite(world)
    services.invitation_send(invitation=invitation, base_url=BASE_URL + "/", language="en")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    link = f"{BASE_URL}/accounts/invitation/{invitation.token}/"
    assert message.to == ["nieuw@helmond.example.nl"]
    assert "Gemeente Helmond" in message.subject
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert world.coordinator.display_name in message.body
    assert "July 26, 2017" in message.body  # the expiry, in the inviter's language


@time_machine.travel(JULY_12_2017, tick=False)
def test_invitation_send_writes_in_dutch_when_the_inviter_works_in_dutch(world):
    invitation = _invite(world)
    services.invitation_send(invitation=invitation, base_url=BASE_URL, language="nl")
    message = mail.outbox[0]
    assert "26 juli 2017" in message.body
    assert '<html lang="nl">' in message.alternatives[0][0]


def test_sending_again_renews_an_expired_invitation(world):
    with time_machine.travel(JULY_12_2017, tick=False):
        invitation = _invite(world)
    services.invitation_send(invitation=invitation, base_url=BASE_URL, language="nl")
    invitation.refresh_from_db()
    assert invitation.is_usable()
    assert invitation.expires_at > timezone.now() + timedelta(
        days=settings.INVITATION_VALID_DAYS - 1
    )


def test_a_revoked_invitation_is_not_sent(world):
    invitation = _invite(world)
    services.invitation_revoke(invitation=invitation)
    with pytest.raises(ValidationError):
        services.invitation_send(invitation=invitation, base_url=BASE_URL, language="nl")
    assert mail.outbox == []


def test_accepting_as_a_new_user_creates_the_account_and_the_membership(world):
    invitation = _invite(world, role=Role.OWNER)
    membership = services.invitation_accept(
        invitation=invitation,
        full_name="Fatima el Amrani",
        password="Inkoop-Helmond-2017!",
        language="en",
    )
    user = User.objects.get(email="nieuw@helmond.example.nl")
    assert (membership.user, membership.organisation, membership.role) == (
        user,
        world.helmond,
        Role.OWNER,
    )
    assert user.full_name == "Fatima el Amrani"
    assert user.language == "en"
    assert check_password("Inkoop-Helmond-2017!", user.password)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_new_user_must_choose_a_password_the_validators_accept(world):
    invitation = _invite(world)
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, full_name="Jan", password="12345678")
    assert "password" in error.value.message_dict
    assert not User.objects.filter(email="nieuw@helmond.example.nl").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_existing_user_accepts_and_keeps_their_account(world):
    invitation = _invite(world, email="coordinator@anders.example.nl", role=Role.VIEWER)
    membership = services.invitation_accept(invitation=invitation, user=world.outsider)
    assert membership.user == world.outsider
    assert membership.role == Role.VIEWER
    assert world.outsider.memberships.count() == 2


def test_an_invitation_cannot_be_accepted_by_another_account(world):
    invitation = _invite(world)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=world.outsider)
    assert not world.outsider.memberships.filter(organisation=world.helmond).exists()


@pytest.mark.parametrize(
    "state",
    [
        {"accepted_at": JULY_12_2017},
        {"revoked_at": JULY_12_2017},
        {"expires_at": JULY_12_2017},
    ],
)
def test_a_used_revoked_or_expired_invitation_cannot_be_accepted(world, state):
    invitation = InvitationFactory(organisation=world.helmond, **state)
    with pytest.raises(ValidationError):
        services.invitation_accept(
            invitation=invitation, full_name="Jan", password="Een-Goed-Wachtwoord-9"
        )
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_accepted_invitation_cannot_be_revoked(world):
    invitation = InvitationFactory(organisation=world.helmond, accepted_at=JULY_12_2017)
    with pytest.raises(ValidationError):
        services.invitation_revoke(invitation=invitation)


def test_a_coordinator_can_change_a_members_role(world):
    membership = world.viewer.memberships.get()
    services.membership_change_role(membership=membership, role=Role.EDITOR)
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR


def test_the_last_coordinator_cannot_step_down(world):
    membership = world.coordinator.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=membership, role=Role.EDITOR)
    membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


def test_a_coordinator_can_step_down_when_there_is_another(world):
    MembershipFactory(organisation=world.helmond, role=Role.COORDINATOR)
    membership = world.coordinator.memberships.get()
    services.membership_change_role(membership=membership, role=Role.VIEWER)
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER


def test_the_last_coordinator_cannot_be_removed(world):
    membership = world.coordinator.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_remove(membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_member_keeps_their_account(world):
    services.membership_remove(membership=world.editor.memberships.get())
    assert not world.editor.memberships.exists()
    assert User.objects.filter(pk=world.editor.pk).exists()


def test_the_role_of_another_organisations_coordinators_does_not_count(world):
    # `anders` has a coordinator too; Helmond's only coordinator still cannot leave.
    with pytest.raises(ValidationError):
        services.membership_remove(membership=world.coordinator.memberships.get())


def test_organisation_get_or_create_makes_a_municipality_when_none_has_the_slug():
    organisation, created = services.organisation_get_or_create(slug="deurne", name="Deurne")
    assert created
    assert (organisation.slug, organisation.name, organisation.kind) == (
        "deurne",
        "Deurne",
        Organisation.Kind.MUNICIPALITY,
    )
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_organisation_get_or_create_returns_the_organisation_with_the_slug_as_it_is(world):
    organisation, created = services.organisation_get_or_create(
        slug=world.helmond.slug, name="Another name"
    )
    organisation.refresh_from_db()
    assert (organisation, created) == (world.helmond, False)
    assert organisation.name == world.helmond.name


def test_membership_get_or_create_makes_a_colleague_a_member_of_the_whole_organisation(world):
    user = UserFactory()
    membership, created = services.membership_get_or_create(
        user=user, organisation=world.helmond, role=Role.EDITOR
    )
    assert created
    assert (membership.role, membership.plan, membership.expires_on) == (Role.EDITOR, None, None)


def test_membership_get_or_create_gives_a_reviewer_one_plan_until_a_date_past_a_year(world):
    user = UserFactory()
    until = date(2030, 12, 31)
    membership, created = services.membership_get_or_create(
        user=user, organisation=world.helmond, role=Role.REVIEWER, plan=world.plan, expires_on=until
    )
    assert created
    assert (membership.plan, membership.expires_on) == (world.plan, until)


def test_membership_get_or_create_returns_the_membership_there_is_whatever_its_role(world):
    existing = Membership.objects.get(user=world.editor, organisation=world.helmond)
    membership, created = services.membership_get_or_create(
        user=world.editor, organisation=world.helmond, role=Role.VIEWER
    )
    membership.refresh_from_db()
    assert (membership, created, membership.role) == (existing, False, Role.EDITOR)


@pytest.mark.parametrize(
    ("role", "with_plan", "with_end"),
    [
        ("chief", False, False),
        (Role.EDITOR, True, False),
        (Role.REVIEWER, False, True),
        (Role.REVIEWER, True, False),
    ],
)
def test_membership_get_or_create_refuses_a_scope_the_role_cannot_have(
    world, role, with_plan, with_end
):
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.membership_get_or_create(
            user=user,
            organisation=world.helmond,
            role=role,
            plan=world.plan if with_plan else None,
            expires_on=date(2030, 12, 31) if with_end else None,
        )
    assert not Membership.objects.filter(user=user).exists()


def test_membership_get_or_create_refuses_a_reviewer_for_another_organisations_plan(world):
    with pytest.raises(ValidationError):
        services.membership_get_or_create(
            user=UserFactory(),
            organisation=world.helmond,
            role=Role.REVIEWER,
            plan=world.other_plan,
            expires_on=date(2030, 12, 31),
        )
