"""Writes to user accounts: keyword-only, each in one transaction, refusing bad input
with a ValidationError whose messages are meant for the user."""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.accounts.models import User
from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update


class StalePreferencesError(StaleRecordError):
    record = gettext_lazy("your e-mail preferences")


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
    *,
    user: User,
    receives_reminders: bool,
    language: str | None = None,
    expected_version: int | None = None,
) -> User:
    """Whether `user` gets reminder e-mails (`receives_reminders`, which the reminders
    app reads); optionally also the language of their e-mails, one of LANGUAGES. Saved
    if the user is still at `expected_version` (StalePreferencesError): the same person
    may have the page open twice."""
    user.receives_reminders = receives_reminders
    fields = ["receives_reminders"]
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose one of the languages offered.")})
        user.language = language
        fields.append("language")
    locked_update(
        user,
        expected_version=expected_version,
        values=field_values(user, fields),
        stale=StalePreferencesError,
    )
    return user


@transaction.atomic
def user_get_or_create(*, email: str, full_name: str, password: str | None) -> tuple[User, bool]:
    """The account with `email` (any case) as it is, or a new one with `full_name` and
    `password`, stored as typed, with `created` True. A new account gets no usable
    password when `password` is None (its user sets one by resetting it); a password the
    validators reject is refused (ValidationError) and nothing is saved. For loading
    known accounts (the demo); a person signing up goes through `user_create`."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User(email=email, full_name=full_name)
    if password is not None:
        password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    return user, True


@transaction.atomic
def user_password_set(*, user: User, password: str) -> User:
    """Give `user` this password; one the validators reject is refused
    (ValidationError) and the old password stays."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
