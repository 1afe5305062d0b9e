"""Reads about user accounts."""

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet

from mvimonitor.accounts.models import User


def user_with_email(*, email: str) -> User | None:
    """The account with this e-mail address, whatever the case it was typed in."""
    return User.objects.filter(email__iexact=email.strip()).first()


def users_by_name(*, ids: QuerySet[Any] | Collection[int]) -> QuerySet[User]:
    """The accounts with these ids (a list, or a query of ids such as memberships'
    `user_id`), by name, then e-mail address."""
    return User.objects.filter(pk__in=ids).order_by("full_name", "email")
