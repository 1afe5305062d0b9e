"""Writes to calendar feed links: one per user, made on first use, renewed on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from mvimonitor.calendar_feed.models import FeedToken, new_feed_token

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User


@transaction.atomic
def feed_token_get_or_create(*, user: User) -> FeedToken:
    """The user's feed link, made the first time it is asked for."""
    feed_token, _created = FeedToken.objects.get_or_create(user=user)
    return feed_token


@transaction.atomic
def feed_token_renew(*, user: User) -> FeedToken:
    """Give the user a new feed link; the old one stops working at once (its token no
    longer exists, so the feed answers 404)."""
    feed_token = FeedToken.objects.select_for_update().filter(user=user).first()
    if feed_token is None:
        return FeedToken.objects.create(user=user)
    feed_token.token = new_feed_token()
    feed_token.created_at = timezone.now()
    feed_token.save(update_fields=["token", "created_at"])
    return feed_token
