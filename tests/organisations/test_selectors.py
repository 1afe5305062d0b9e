from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from mvimonitor.organisations import selectors
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from tests.factories import ActionPlanFactory, InvitationFactory, MembershipFactory

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


def test_plan_membership_is_the_members_membership_of_the_plans_organisation(world):
    membership = selectors.plan_membership(user=world.editor, plan=world.plan)
    assert membership is not None
    assert (membership.user, membership.role) == (world.editor, Role.EDITOR)
    assert selectors.plan_membership(user=world.outsider, plan=world.plan) is None


def test_plan_membership_gives_a_reviewer_only_their_own_plan_while_active(world):
    other_plan = ActionPlanFactory(organisation=world.helmond, slug="tweede-plan")
    assert selectors.plan_membership(user=world.reviewer, plan=world.plan) is not None
    assert selectors.plan_membership(user=world.reviewer, plan=other_plan) is None
    with time_machine.travel(world.reviewer_until + timedelta(days=1)):
        assert selectors.plan_membership(user=world.reviewer, plan=world.plan) is None


def test_is_outside_reviewer_tells_reviewers_of_the_rows_organisation_from_others(world):
    MembershipFactory(user=world.reviewer, organisation=world.other, role=Role.VIEWER)
    rows = Membership.objects.filter(user__in=[world.reviewer, world.editor]).annotate(
        reviewer=selectors.is_outside_reviewer(
            user_field="user_id", organisation_field="organisation_id"
        )
    )
    assert {(row.user, row.organisation, row.reviewer) for row in rows} == {
        (world.reviewer, world.helmond, True),
        (world.reviewer, world.other, False),
        (world.editor, world.helmond, False),
    }


def test_memberships_with_users_are_those_of_the_given_organisations(
    world, django_assert_num_queries
):
    with django_assert_num_queries(1):
        memberships = list(selectors.memberships_with_users(organisation_ids=[world.other.pk]))
        assert [(m.user, m.role) for m in memberships] == [(world.outsider, Role.COORDINATOR)]


def test_member_user_ids_are_the_ids_of_every_member_reviewers_included(world):
    assert selectors.member_user_ids(organisation_id=world.helmond.pk) == {
        world.coordinator.pk,
        world.editor.pk,
        world.owner.pk,
        world.viewer.pk,
        world.reviewer.pk,
    }
