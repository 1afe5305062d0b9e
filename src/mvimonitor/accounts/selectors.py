"""Reads about user accounts."""

from mvimonitor.accounts.models import User


def user_with_email(*, email: str) -> User | None:
    """The account with this e-mail address, whatever the case it was typed in."""
    return User.objects.filter(email__iexact=email.strip()).first()
