"""Writes to user accounts: keyword-only, each in one transaction, refusing bad input
with a ValidationError whose messages are meant for the user."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from mvimonitor.accounts.models import User


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str, language: str) -> User:
    """A new account that logs in with `email` (stored in lower case) and `password`.
    A password the validators reject is refused on the `password` field. The address
    must be free: the caller checks that first (selectors.user_with_email), in its
    own words."""
    user = User(email=email.lower(), full_name=full_name, language=language)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save()
    return user
