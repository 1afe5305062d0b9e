"""Feed links: made once per user, renewed on request, their value kept out of the
audit trail."""

from mvimonitor.audit.models import AuditEntry
from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.calendar_feed.services import feed_token_get_or_create, feed_token_renew


def test_a_user_gets_one_link_whatever_the_number_of_requests(world):
    first = feed_token_get_or_create(user=world.viewer)
    again = feed_token_get_or_create(user=world.viewer)

    assert first.pk == again.pk and first.token == again.token
    assert len(first.token) >= 40
    assert FeedToken.objects.filter(user=world.viewer).count() == 1


def test_every_user_gets_a_different_link(world):
    tokens = {feed_token_get_or_create(user=world.user(role)).token for role in ("owner", "viewer")}
    assert len(tokens) == 2


def test_renewing_replaces_the_token(world):
    old = feed_token_get_or_create(user=world.viewer).token

    renewed = feed_token_renew(user=world.viewer)

    assert renewed.token != old
    assert not FeedToken.objects.filter(token=old).exists()
    assert FeedToken.objects.get(user=world.viewer).token == renewed.token


def test_renewing_without_a_link_makes_one(world):
    assert feed_token_renew(user=world.owner).token


def test_the_audit_trail_records_the_change_but_not_the_token(world):
    old = feed_token_get_or_create(user=world.viewer).token
    new = feed_token_renew(user=world.viewer).token

    entries = AuditEntry.objects.filter(model__icontains="feedtoken")
    assert {e.operation for e in entries} == {"create", "update"}
    for entry in entries:
        assert old not in str(entry.changes) and new not in str(entry.changes)
