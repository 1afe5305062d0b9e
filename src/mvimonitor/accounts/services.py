"""Writes to user accounts: keyword-only, each in one transaction, refusing bad input
with a ValidationError whose messages are meant for the user."""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


@transaction.atomic
def user_email_preferences_set(
    *, user: User, receives_reminders: bool, language: str | None = None
) -> User:
    """Whether `user` gets reminder e-mails (`receives_reminders`, which the reminders
    app reads); optionally also the language of their e-mails, one of LANGUAGES."""
    user.receives_reminders = receives_reminders
    fields = ["receives_reminders"]
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose one of the languages offered.")})
        user.language = language
        fields.append("language")
    user.save(update_fields=fields)
    return user
