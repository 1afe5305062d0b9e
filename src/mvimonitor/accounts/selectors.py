"""Reads about user accounts."""

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from django.db.models import F, Max, Q, QuerySet

from mvimonitor.accounts.models import LoginLock, User


def user_with_email(*, email: str) -> User | None:
    """The account with this e-mail address, whatever the case it was typed in."""
    return User.objects.filter(email__iexact=email.strip()).first()


def users_by_name(*, ids: QuerySet[Any] | Collection[int]) -> QuerySet[User]:
    """The accounts with these ids (a list, or a query of ids such as memberships'
    `user_id`), by name, then e-mail address."""
    return User.objects.filter(pk__in=ids).order_by("full_name", "email")


def login_lock_in_force(*, login_name: str, ip_address: str | None) -> LoginLock | None:
    """The lock that refuses logging in as `login_name` (as typed) from `ip_address`
    now, or None: the account's own lock before an address's, else the one that ends
    last."""
    return (
        LoginLock.objects.in_force()
        .filter(login_name=LoginLock.name_of(login_name))
        .filter(Q(ip_address__isnull=True) | Q(ip_address=ip_address))
        .order_by(F("locked_until").desc(nulls_first=True))
        .first()
    )


def login_locks_in_force(*, users: Iterable[User]) -> dict[int, LoginLock]:
    """For each of `users` who cannot log in now, from everywhere or from some address,
    their lock (the account's own first, else the one that ends last), by user id. One
    query."""
    ids_by_name = {LoginLock.name_of(user.email): user.pk for user in users}
    locks = (
        LoginLock.objects.in_force()
        .filter(login_name__in=ids_by_name)
        .order_by(F("locked_until").asc(nulls_last=True))
    )
    # Later rows win: the account's lock (no end) last.
    return {ids_by_name[lock.login_name]: lock for lock in locks}


def login_failures_count_from(*, login_name: str) -> datetime | None:
    """Since when wrong passwords for `login_name` count towards a lock: its account's
    last successful login or the last lifting of one of its locks, whichever is later;
    None when neither happened."""
    name = LoginLock.name_of(login_name)
    moments = [
        User.objects.filter(email__iexact=name).values_list("last_login", flat=True).first(),
        LoginLock.objects.filter(login_name=name).aggregate(last=Max("lifted_at"))["last"],
    ]
    return max((moment for moment in moments if moment is not None), default=None)
