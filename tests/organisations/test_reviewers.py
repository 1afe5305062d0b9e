"""Outside reviewers: one plan, until a date. Their memberships and invitations, how
access ends, and what the organisation pages do with them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from mvimonitor.accounts.privacy import email_addresses_hidden, person_label
from mvimonitor.organisations import selectors, services
from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.models import Invitation, Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.utils.dates import today
from tests.factories import (
    ActionPlanFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _invite_reviewer(world, **overrides):
    arguments = {
        "organisation": world.helmond,
        "email": "expert@universiteit.example",
        "role": Role.REVIEWER,
        "invited_by": world.coordinator,
        "plan": world.plan,
        "expires_on": today() + timedelta(days=30),
        **overrides,
    }
    return services.invitation_create(**arguments)


# The database's rule: a reviewer has a plan and an end, nobody else has either.


def test_the_database_refuses_a_reviewer_without_a_plan_or_an_end(world):
    for scope in ({"plan": None, "expires_on": date(2030, 1, 1)}, {"plan": world.plan}):
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(organisation=world.helmond, role=Role.REVIEWER, **scope)


def test_the_database_refuses_a_plan_or_an_end_for_a_colleague(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(organisation=world.helmond, role=Role.VIEWER, plan=world.plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(organisation=world.helmond, role=Role.EDITOR, expires_on=date(2030, 1, 1))


# Inviting a reviewer.


def test_a_reviewer_is_invited_for_a_plan_until_a_date(world):
    invitation = _invite_reviewer(world)
    assert (invitation.role, invitation.plan) == (Role.REVIEWER, world.plan)
    assert invitation.expires_on == today() + timedelta(days=30)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"plan": None}, "plan"),
        ({"expires_on": None}, "expires_on"),
        ({"expires_on": date(2017, 1, 1)}, "expires_on"),
        ({"expires_on": date(2099, 1, 1)}, "expires_on"),
    ],
)
def test_a_reviewer_invitation_needs_a_plan_and_an_end_within_a_year(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _invite_reviewer(world, **overrides)
    assert field in error.value.message_dict
    assert not Invitation.objects.exists()


def test_a_reviewer_cannot_be_invited_for_another_organisations_plan(world):
    with pytest.raises(ValidationError) as error:
        _invite_reviewer(world, plan=world.other_plan)
    assert "plan" in error.value.message_dict


def test_a_colleague_is_not_invited_for_one_plan(world):
    with pytest.raises(ValidationError, match="Only an outside reviewer"):
        _invite_reviewer(world, role=Role.VIEWER)


def test_accepting_gives_the_reviewer_the_plan_and_the_end_of_the_invitation(world):
    invitation = _invite_reviewer(world)
    membership = services.invitation_accept(
        invitation=invitation, full_name="Eva Expert", password="Een-Lang-Wachtwoord-2017"
    )
    assert (membership.role, membership.plan) == (Role.REVIEWER, world.plan)
    assert membership.expires_on == invitation.expires_on


def test_an_invitation_whose_review_has_ended_can_no_longer_be_accepted(world):
    invitation = _invite_reviewer(world, expires_on=today())
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert "has ended" in selectors.invitation_refusal(invitation=invitation)
        with pytest.raises(ValidationError, match="has ended"):
            services.invitation_accept(
                invitation=invitation, full_name="Eva", password="Een-Lang-Wachtwoord-2017"
            )
    assert not Membership.objects.filter(user__email="expert@universiteit.example").exists()


def test_a_reviewer_whose_access_ended_can_be_invited_again_and_gets_the_new_end(world):
    Membership.objects.filter(user=world.reviewer).update(expires_on=date(2017, 1, 1))
    second = ActionPlanFactory(organisation=world.helmond)
    invitation = _invite_reviewer(world, email=world.reviewer.email, plan=second)
    services.invitation_accept(invitation=invitation, user=world.reviewer)
    membership = Membership.objects.get(user=world.reviewer)
    assert (membership.plan, membership.expires_on) == (second, invitation.expires_on)


def test_a_reviewer_with_access_is_not_invited_twice(world):
    with pytest.raises(ValidationError) as error:
        _invite_reviewer(world, email=world.reviewer.email)
    assert list(error.value.message_dict) == ["email"]


def test_a_role_change_never_makes_or_unmakes_a_reviewer(world):
    reviewer = Membership.objects.get(user=world.reviewer)
    viewer = Membership.objects.get(user=world.viewer)
    for membership, role in ((reviewer, Role.VIEWER), (viewer, Role.REVIEWER)):
        with pytest.raises(ValidationError, match="outside reviewer"):
            services.membership_change_role(membership=membership, role=role)
    assert Membership.objects.get(pk=reviewer.pk).role == Role.REVIEWER
    assert Membership.objects.get(pk=viewer.pk).role == Role.VIEWER


# When access ends: the last day is included.


def _plan_page(world):
    return reverse("plans:detail", args=(world.helmond.slug, world.plan.slug))


def test_a_reviewer_has_access_on_the_last_day_and_not_the_day_after(login, world):
    Membership.objects.filter(user=world.reviewer).update(expires_on=date(2017, 9, 20))
    client = login(world.reviewer)
    with time_machine.travel(datetime(2017, 9, 20, 23, 59, tzinfo=AMSTERDAM), tick=False):
        assert client.get(_plan_page(world)).status_code == 200
    with time_machine.travel(datetime(2017, 9, 21, 0, 1, tzinfo=AMSTERDAM), tick=False):
        assert client.get(_plan_page(world)).status_code == 404
        assert client.get(reverse("organisations:home")).status_code == 200  # an empty list
        assert selectors.user_organisations(user=world.reviewer).count() == 0


def test_an_expired_reviewer_is_not_listed_among_their_organisations(login, world):
    MembershipFactory(user=world.reviewer, organisation=OrganisationFactory(name="Zzz"))
    Membership.objects.filter(user=world.reviewer, role=Role.REVIEWER).update(
        expires_on=date(2017, 1, 1)
    )
    page = login(world.reviewer).get(reverse("organisations:home"))
    assert page.status_code == 302  # straight to the one organisation left
    assert world.helmond.slug not in page["Location"]


def test_a_reviewer_in_several_organisations_chooses_and_is_led_to_their_plan(login, world):
    MembershipFactory(user=world.reviewer, organisation=OrganisationFactory(name="Zzz"))
    page = login(world.reviewer).get(reverse("organisations:home")).content.decode()
    assert _plan_page(world) in page
    assert f'href="{reverse("organisations:detail", args=(world.helmond.slug,))}"' not in page


# The organisation's pages.


def test_the_members_page_shows_a_reviewers_plan_and_end_instead_of_a_role_choice(login, world):
    _invite_reviewer(world)
    client = login(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("organisations:members", args=(world.helmond.slug,)))
    html = page.content.decode()
    assert f"Outside reviewer of {world.plan.name} until Dec. 31, 2099" in html
    reviewer = Membership.objects.get(user=world.reviewer)
    role_url = reverse("organisations:member_role", args=(world.helmond.slug, reviewer.pk))
    assert role_url not in html
    assert 'value="reviewer"' not in html  # not offered to colleagues either
    assert "expert@universiteit.example" in html  # the open reviewer invitation


def test_the_invitation_form_of_the_members_page_offers_no_reviewer_role(login, world):
    client = login(world.coordinator)
    url = reverse("organisations:invite", args=(world.helmond.slug,))
    assert 'value="reviewer"' not in client.get(url).content.decode()
    response = client.post(url, {"email": "x@example.nl", "role": "reviewer"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


# The organisation_view guard itself.


def test_a_view_closed_to_reviewers_answers_forbidden_and_an_open_one_checks_the_plan(world):
    @organisation_view(requires="read")
    def closed(request, plan_slug):
        raise AssertionError("not reached")

    @organisation_view(requires="read", reviewers=True)
    def open_to_reviewers(request, plan_slug):
        return HttpResponse(request.membership.plan.slug)

    request = RequestFactory().get("/")
    request.user = world.reviewer
    with pytest.raises(PermissionDenied):
        closed(request, org_slug="helmond", plan_slug=world.plan.slug)
    response = open_to_reviewers(request, org_slug="helmond", plan_slug=world.plan.slug)
    assert response.content.decode() == world.plan.slug
    with pytest.raises(Http404):
        open_to_reviewers(request, org_slug="helmond", plan_slug="another-plan")


# Names instead of e-mail addresses.


def test_a_name_stands_for_a_person_and_an_address_only_where_addresses_may_be_seen():
    assert person_label(full_name="Eva", email="eva@example.nl") == "Eva"
    assert person_label(full_name="", email="eva@example.nl") == "eva@example.nl"
    with email_addresses_hidden():
        assert person_label(full_name="", email="eva@example.nl") == "(name unknown)"
        assert str(UserFactory.build(full_name="", email="x@example.nl")) == "(name unknown)"
    assert person_label(full_name="", email="eva@example.nl") == "eva@example.nl"


def test_an_invited_reviewer_creates_an_account_and_lands_on_their_plan(client, world):
    invitation = _invite_reviewer(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    accept = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    page = client.get(accept).content.decode()
    assert f'read "{world.plan.name}" and comment on it' in page
    password = "Een-Lang-Wachtwoord-2017"
    response = client.post(
        accept, {"full_name": "Eva Expert", "password": password, "password_confirm": password}
    )
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == _plan_page(world)
