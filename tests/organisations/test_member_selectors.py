"""The members' roles and addresses other apps read (ADR 0017)."""

import pytest

from mvimonitor.organisations import selectors
from mvimonitor.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_a_members_role_is_their_role_in_that_organisation_and_none_elsewhere(world):
    assert selectors.member_role(user=world.editor, organisation_id=world.helmond.pk) == Role.EDITOR
    assert selectors.member_role(user=world.editor, organisation_id=world.other.pk) is None


def test_a_users_roles_are_given_per_organisation_they_are_a_member_of(world):
    assert selectors.member_roles(user=world.outsider) == {world.other.pk: Role.COORDINATOR}


def test_a_member_is_found_by_their_address_in_any_case_in_their_organisation_only(world):
    email = world.owner.email.upper()
    assert selectors.member_with_email(organisation_id=world.helmond.pk, email=email) == world.owner
    assert selectors.member_with_email(organisation_id=world.other.pk, email=email) is None


def test_the_active_membership_rows_leave_out_a_reviewers_access_after_it_ended(world):
    rows = selectors.active_membership_rows(user=world.reviewer, on=world.reviewer_until)
    assert rows == [(world.helmond.pk, Role.REVIEWER, world.plan.pk)]
    later = world.reviewer_until.replace(year=world.reviewer_until.year + 1)
    assert selectors.active_membership_rows(user=world.reviewer, on=later) == []
