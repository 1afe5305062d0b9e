from datetime import UTC, datetime

import pytest

from mvimonitor.organisations import selectors
from mvimonitor.organisations.roles import Role
from tests.factories import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_user_organisations_gives_each_organisation_with_the_users_role(world):
    MembershipFactory(user=world.owner, organisation=world.other, role=Role.VIEWER)
    organisations = selectors.user_organisations(user=world.owner)
    assert [(org.slug, org.role) for org in organisations] == [
        ("anders", Role.VIEWER),
        ("helmond", Role.OWNER),
    ]


def test_organisation_members_are_only_that_organisations(world):
    members = selectors.organisation_members(organisation=world.helmond)
    assert {m.user for m in members} == {
        world.coordinator,
        world.editor,
        world.owner,
        world.viewer,
        world.reviewer,
    }


def test_pending_invitations_leave_out_accepted_revoked_and_other_organisations(world):
    moment = datetime(2017, 7, 12, tzinfo=UTC)
    expired = InvitationFactory(organisation=world.helmond, expires_at=moment)
    open_invitation = InvitationFactory(organisation=world.helmond)
    InvitationFactory(organisation=world.helmond, accepted_at=moment)
    InvitationFactory(organisation=world.helmond, revoked_at=moment)
    InvitationFactory(organisation=world.other)
    pending = selectors.pending_invitations(organisation=world.helmond)
    assert set(pending) == {expired, open_invitation}


def test_an_invitation_is_found_only_by_its_exact_token(world):
    invitation = InvitationFactory(organisation=world.helmond)
    assert selectors.invitation_by_token(token=invitation.token) == invitation
    assert selectors.invitation_by_token(token=invitation.token[:-1]) is None
    assert selectors.invitation_by_token(token="") is None


def test_a_usable_invitation_has_no_refusal(world):
    assert (
        selectors.invitation_refusal(invitation=InvitationFactory(organisation=world.helmond))
        is None
    )


def test_member_users_are_the_organisations_users_reviewers_included_by_name(world):
    users = list(selectors.member_users(organisation=world.helmond))
    assert set(users) == {
        world.coordinator,
        world.editor,
        world.owner,
        world.viewer,
        world.reviewer,
    }
    assert users == sorted(users, key=lambda user: (user.full_name, user.email))


def test_member_users_with_roles_leave_out_the_other_roles(world):
    users = selectors.member_users(organisation=world.helmond, roles=[Role.COORDINATOR, Role.OWNER])
    assert set(users) == {world.coordinator, world.owner}
