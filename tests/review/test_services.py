"""The rules of comments: who may write them, how replies join a thread, and that only
a coordinator resolves or reopens a whole thread."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mvimonitor.organisations.roles import Role
from mvimonitor.review import services
from mvimonitor.review.models import COMMENT_MAX_LENGTH, Comment
from tests.review.conftest import expire_reviewer


@pytest.mark.parametrize("role", list(Role))
def test_every_member_and_the_plans_reviewer_can_comment_on_an_action(world, role):
    comment = services.comment_add(
        plan=world.plan, action=world.owned_action, author=world.user(role), body=" Goed plan. "
    )
    assert (comment.plan, comment.action, comment.parent) == (world.plan, world.owned_action, None)
    assert comment.body == "Goed plan."
    assert comment.resolved_at is None


def test_a_comment_without_an_action_is_on_the_plan_as_a_whole(world):
    comment = services.comment_add(plan=world.plan, author=world.viewer, body="Algemeen")
    assert comment.action is None


def test_a_reviewer_cannot_comment_on_another_plan_of_the_organisation(world, second_plan):
    with pytest.raises(ValidationError, match="cannot comment"):
        services.comment_add(plan=second_plan, author=world.reviewer, body="Mag dit?")
    assert not Comment.objects.exists()


def test_a_reviewer_whose_access_ended_cannot_comment(world):
    expire_reviewer(world)
    with pytest.raises(ValidationError, match="cannot comment"):
        services.comment_add(plan=world.plan, author=world.reviewer, body="Nog één ding")


def test_a_member_of_another_organisation_cannot_comment(world):
    with pytest.raises(ValidationError, match="cannot comment"):
        services.comment_add(plan=world.plan, author=world.outsider, body="Hallo")


def test_an_action_of_another_plan_is_refused(world):
    with pytest.raises(ValidationError, match="not in this plan"):
        services.comment_add(
            plan=world.plan, action=world.other_action, author=world.coordinator, body="X"
        )


@pytest.mark.parametrize("body", ["", "   \n "])
def test_an_empty_comment_is_refused(world, body):
    with pytest.raises(ValidationError) as error:
        services.comment_add(plan=world.plan, author=world.viewer, body=body)
    assert error.value.message_dict == {"body": ["Write a comment."]}
    assert not Comment.objects.exists()


def test_a_comment_longer_than_the_limit_is_refused(world):
    services.comment_add(plan=world.plan, author=world.viewer, body="x" * COMMENT_MAX_LENGTH)
    with pytest.raises(ValidationError, match="at most"):
        services.comment_add(
            plan=world.plan, author=world.viewer, body="x" * (COMMENT_MAX_LENGTH + 1)
        )
    assert Comment.objects.count() == 1


def test_a_reply_joins_the_thread_on_the_same_action(world, comment):
    reply = services.comment_add(
        plan=world.plan, author=world.coordinator, body="Ja", parent=comment
    )
    assert (reply.parent, reply.action) == (comment, world.owned_action)


def test_a_reply_to_a_reply_joins_the_same_thread(world, comment):
    reply = services.comment_add(plan=world.plan, author=world.editor, body="1", parent=comment)
    second = services.comment_add(plan=world.plan, author=world.reviewer, body="2", parent=reply)
    assert second.parent == comment


def test_a_reply_on_another_action_than_its_thread_is_refused(world, comment):
    with pytest.raises(ValidationError, match="same plan and action"):
        services.comment_add(
            plan=world.plan,
            action=world.unowned_action,
            author=world.editor,
            body="Hier",
            parent=comment,
        )


def test_a_reply_to_a_resolved_thread_is_refused(world, comment):
    services.comment_resolve(comment=comment, by=world.coordinator)
    with pytest.raises(ValidationError, match="resolved"):
        services.comment_add(plan=world.plan, author=world.reviewer, body="En?", parent=comment)


def test_a_coordinator_resolves_and_reopens_a_thread(world, comment):
    services.comment_resolve(comment=comment, by=world.coordinator)
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    assert comment.resolved_by == world.coordinator

    services.comment_reopen(comment=comment, by=world.coordinator)
    comment.refresh_from_db()
    assert (comment.resolved_at, comment.resolved_by) == (None, None)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR])
def test_only_a_coordinator_resolves(world, comment, role):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        services.comment_resolve(comment=comment, by=world.user(role))
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_a_coordinator_of_another_organisation_cannot_resolve(world, comment):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        services.comment_resolve(comment=comment, by=world.outsider)


def test_a_reply_is_not_resolved_on_its_own(world, comment):
    reply = services.comment_add(plan=world.plan, author=world.editor, body="Ja", parent=comment)
    with pytest.raises(ValidationError, match="as a whole"):
        services.comment_resolve(comment=reply, by=world.coordinator)


def test_resolving_twice_or_reopening_an_open_thread_says_so(world, comment):
    with pytest.raises(ValidationError, match="is open"):
        services.comment_reopen(comment=comment, by=world.coordinator)
    services.comment_resolve(comment=comment, by=world.coordinator)
    with pytest.raises(ValidationError, match="already been resolved"):
        services.comment_resolve(comment=comment, by=world.coordinator)


def test_the_database_refuses_a_resolved_reply(world, comment):
    reply = services.comment_add(plan=world.plan, author=world.editor, body="Ja", parent=comment)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=reply.pk).update(resolved_at=timezone.now())


def _moment(day: int, hour: int) -> datetime:
    return datetime(2017, 11, day, hour, tzinfo=UTC)


def test_comment_back_date_dates_a_comment_as_written_and_resolved_then(world, comment):
    services.comment_resolve(comment=comment, by=world.coordinator)
    services.comment_back_date(comment=comment, created_at=_moment(8, 14))
    services.comment_back_date(comment=comment, resolved_at=_moment(13, 10))

    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.created_at, stored.resolved_at) == (_moment(8, 14), _moment(13, 10))
    assert stored.resolved_by == world.coordinator
    assert (comment.created_at, comment.resolved_at) == (_moment(8, 14), _moment(13, 10))


def test_comment_back_date_refuses_to_resolve_an_open_discussion(comment):
    with pytest.raises(ValueError, match="open discussion"):
        services.comment_back_date(
            comment=comment, created_at=_moment(8, 14), resolved_at=_moment(13, 10)
        )
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.resolved_at is None
    assert stored.created_at != _moment(8, 14)


def test_comment_back_date_refuses_a_resolution_before_the_comment_was_written(world, comment):
    services.comment_resolve(comment=comment, by=world.coordinator)
    with pytest.raises(ValueError, match="before its comment was written"):
        services.comment_back_date(
            comment=comment, created_at=_moment(13, 14), resolved_at=_moment(8, 10)
        )
    assert Comment.objects.get(pk=comment.pk).created_at != _moment(13, 14)
