"""The review pages: commenting on an action (htmx and without JavaScript), the plan's
review page where coordinators resolve, inviting a reviewer, and what a reviewer sees
(never a member's e-mail address, no reports, exports or other plans)."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from mvimonitor.accounts.models import User
from mvimonitor.organisations.models import Invitation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.workflow import Status
from mvimonitor.review import services
from mvimonitor.review.models import Comment
from mvimonitor.utils.dates import today


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _action_url(world, action=None):
    action = action or world.owned_action
    return reverse("plans:action_detail", args=(world.helmond.slug, world.plan.slug, action.pk))


def _add_url(world, action=None):
    action = action or world.owned_action
    return reverse(
        "review:action_comment_add", args=(world.helmond.slug, world.plan.slug, action.pk)
    )


def _review_url(world):
    return reverse("review:plan", args=(world.helmond.slug, world.plan.slug))


def test_the_action_page_shows_its_comments_and_a_form(login, world, comment):
    page = login(world.viewer).get(_action_url(world)).content.decode()
    assert 'id="comments"' in page
    assert "Is dit haalbaar?" in page
    assert "outside reviewer" in page  # the thread's author is marked as outside
    assert _add_url(world) in page


def test_a_reviewer_comments_with_htmx_and_gets_the_comments_block_back(login, world):
    client = login(world.reviewer)
    response = client.post(_add_url(world), {"body": "Wie betaalt dit?"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="comments"')
    assert "Wie betaalt dit?" in html
    assert "Your comment has been added." in html
    (comment,) = Comment.objects.all()
    assert (comment.author, comment.action) == (world.reviewer, world.owned_action)


def test_without_javascript_a_comment_returns_to_the_action_page(login, world):
    response = login(world.editor).post(_add_url(world), {"body": "Eens"})
    assert response.status_code == 302
    assert response["Location"] == _action_url(world) + "#comments"
    assert Comment.objects.get().body == "Eens"


def test_an_empty_comment_without_javascript_shows_the_form_with_its_error(login, world):
    response = login(world.editor).post(_add_url(world), {"body": "  "})
    assert response.status_code == 200
    assert "Write a comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_refused_reply_is_shown_under_its_thread(login, world, comment):
    services.comment_resolve(comment=comment, by=world.coordinator)
    response = login(world.editor).post(
        _add_url(world), {"body": "Toch nog", "parent": comment.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "A coordinator can reopen it" in html
    assert Comment.objects.count() == 1


def test_a_reply_from_the_review_page_joins_the_thread_and_returns_there(login, world, comment):
    url = reverse("review:comment_add", args=(world.helmond.slug, world.plan.slug))
    response = login(world.viewer).post(url, {"body": "Mee eens", "parent": comment.pk})
    assert response["Location"] == _review_url(world)
    reply = Comment.objects.get(parent=comment)
    assert reply.action == world.owned_action


def test_the_review_page_lists_open_threads_and_a_coordinator_resolves_one(login, world, comment):
    client = login(world.coordinator)
    page = client.get(_review_url(world)).content.decode()
    assert "Is dit haalbaar?" in page
    assert "1 open discussion" in page

    resolve = reverse(
        "review:comment_resolve", args=(world.helmond.slug, world.plan.slug, comment.pk)
    )
    response = client.post(resolve, {"next": _review_url(world)})
    assert response["Location"] == _review_url(world)
    comment.refresh_from_db()
    assert comment.resolved_by == world.coordinator

    assert "Is dit haalbaar?" not in client.get(_review_url(world)).content.decode()
    resolved = client.get(_review_url(world) + "?state=resolved").content.decode()
    assert "Is dit haalbaar?" in resolved
    assert "Reopen" in resolved


def test_resolving_with_htmx_on_the_action_page_returns_the_comments_block(login, world, comment):
    resolve = reverse(
        "review:comment_resolve", args=(world.helmond.slug, world.plan.slug, comment.pk)
    )
    response = login(world.coordinator).post(resolve, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "The discussion has been resolved." in html
    assert "Resolved by" in html


def test_resolving_refuses_to_go_back_to_another_site(login, world, comment):
    resolve = reverse(
        "review:comment_resolve", args=(world.helmond.slug, world.plan.slug, comment.pk)
    )
    response = login(world.coordinator).post(resolve, {"next": "https://evil.example/"})
    assert response["Location"] == _review_url(world)


def test_only_coordinators_see_resolve_buttons_and_the_reviewers(login, world, comment):
    page = login(world.editor).get(_review_url(world)).content.decode()
    assert "the discussion started by" not in page
    assert "Outside reviewers" not in page
    page = login(world.coordinator).get(_review_url(world)).content.decode()
    assert "Resolve<span" in page
    assert "reviewer@helmond.example.nl" in page  # coordinators see whom they invited


def test_the_plan_page_shows_the_open_discussions(login, world, comment):
    url = reverse("plans:detail", args=(world.helmond.slug, world.plan.slug))
    page = login(world.viewer).get(url).content.decode()
    assert _review_url(world) in page
    assert "1 open discussion" in page


def test_a_coordinator_invites_a_reviewer_for_the_plan_until_a_date(login, world):
    url = reverse("review:invite", args=(world.helmond.slug, world.plan.slug))
    until = today() + timedelta(days=14)
    response = login(world.coordinator).post(
        url, {"email": "Expert@Universiteit.example", "expires_on": until.isoformat()}
    )
    assert response["Location"] == _review_url(world)
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("expert@universiteit.example", Role.REVIEWER)
    assert (invitation.plan, invitation.expires_on) == (world.plan, until)
    (message,) = mail.outbox
    assert world.plan.name in message.body
    assert "outside reviewer" in message.body


def test_an_invitation_with_a_past_end_is_refused_on_the_form(login, world):
    url = reverse("review:invite", args=(world.helmond.slug, world.plan.slug))
    response = login(world.coordinator).post(
        url, {"email": "expert@example.nl", "expires_on": "2017-01-01"}
    )
    assert response.status_code == 200
    assert "cannot be in the past" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


# What a reviewer sees.


@pytest.fixture
def nameless(world):
    """Members without a name, whose e-mail address would stand in for it: the owner of
    A1, the editor who changed its status, and a viewer who commented."""
    User.objects.filter(pk__in=[world.owner.pk, world.editor.pk, world.viewer.pk]).update(
        full_name=""
    )
    for user in (world.owner, world.editor, world.viewer):
        user.refresh_from_db()
    plan_services.action_change_status(
        action=world.owned_action,
        to_status=Status.COMPLETED,
        by=world.editor,
        effective_on=date(2017, 6, 1),
        note="Klaar",
        is_coordinator=False,
    )
    thread = services.comment_add(
        plan=world.plan, action=world.owned_action, author=world.viewer, body="Intern"
    )
    services.comment_add(plan=world.plan, author=world.viewer, body="Ook", parent=thread)
    services.comment_add(plan=world.plan, author=world.viewer, body="Over het plan")
    return [world.owner, world.editor, world.viewer, world.coordinator]


def _reviewer_pages(world):
    org, plan = world.helmond.slug, world.plan.slug
    return [
        reverse("plans:detail", args=(org, plan)),
        reverse("plans:action_list", args=(org, plan)),
        _action_url(world),
        _review_url(world),
        _review_url(world) + "?state=all",
    ]


def test_a_reviewer_never_sees_a_members_e_mail_address(login, world, nameless):
    client = login(world.reviewer)
    for url in _reviewer_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for member in nameless:
            assert member.email not in page, (url, member.email)
        assert "@helmond.example.nl" not in page, url
    action_page = client.get(_action_url(world)).content.decode()
    assert "(name unknown)" in action_page  # owner, status history and comments


def test_members_still_see_the_address_of_a_member_without_a_name(login, world, nameless):
    page = login(world.coordinator).get(_action_url(world)).content.decode()
    assert world.editor.email in page


def test_a_reviewer_sees_no_links_to_reports_exports_or_members(login, world):
    client = login(world.reviewer)
    org, plan = world.helmond.slug, world.plan.slug
    pages = "".join(client.get(url).content.decode() for url in _reviewer_pages(world))
    for name in ("monitoring:list", "exchange:export", "exchange:import"):
        # As a whole address: the council version's list lies under monitors/ (ADR 0034).
        assert f'href="{reverse(name, args=(org, plan))}"' not in pages, name
    assert reverse("organisations:members", args=(org,)) not in pages
    assert reverse("my_actions:list") not in pages  # a reviewer owns no actions
    assert "Invite a reviewer" not in pages


def test_a_reviewer_is_sent_straight_to_their_plan(login, world):
    client = login(world.reviewer)
    plan_url = reverse("plans:detail", args=(world.helmond.slug, world.plan.slug))
    assert client.get(reverse("organisations:home"))["Location"] == plan_url
    detail = reverse("organisations:detail", args=(world.helmond.slug,))
    assert client.get(detail)["Location"] == plan_url
