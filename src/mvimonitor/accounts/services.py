"""Writes to user accounts: keyword-only, each in one transaction, refusing bad input
with a ValidationError whose messages are meant for the user."""

from datetime import datetime, timedelta

from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.accounts import selectors
from mvimonitor.accounts.models import LoginLock, User
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


@transaction.atomic
def login_failure_record(
    *, login_name: str, ip_address: str | None, user_agent: str = "", path: str = ""
) -> LoginLock | None:
    """Record one wrong password for `login_name` (as typed) from `ip_address` in axes'
    failure log, and lock when it completes a rule (ADR 0019), returning the new lock:
    LOGIN_LOCK_ACCOUNT_FAILURES since the count started lock the account from every
    address until it is lifted; else LOGIN_LOCK_ADDRESS_FAILURES from this address
    within LOGIN_LOCK_MINUTES lock it from here for LOGIN_LOCK_MINUTES. Whether
    `login_name` has an account makes no difference."""
    name = LoginLock.name_of(login_name)
    failure = AccessFailureLog.objects.create(
        username=name, ip_address=ip_address, user_agent=user_agent[:255], path_info=path[:255]
    )
    lock = _lock_due(name, ip_address, now=failure.attempt_time)
    if lock is not None:
        failure.locked_out = True
        failure.save(update_fields=["locked_out"])
    return lock


def _lock_due(name: str, ip_address: str | None, *, now: datetime) -> LoginLock | None:
    failures = AccessFailureLog.objects.filter(username=name)
    since = selectors.login_failures_count_from(login_name=name)
    if since is not None:
        failures = failures.filter(attempt_time__gt=since)
    count = failures.count()
    if count >= settings.LOGIN_LOCK_ACCOUNT_FAILURES:
        return LoginLock.objects.create(login_name=name, failures=count, locked_at=now)
    window = timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    count = failures.filter(ip_address=ip_address, attempt_time__gt=now - window).count()
    if count >= settings.LOGIN_LOCK_ADDRESS_FAILURES:
        return LoginLock.objects.create(
            login_name=name,
            ip_address=ip_address,
            failures=count,
            locked_at=now,
            locked_until=now + window,
        )
    return None


@transaction.atomic
def login_unlock(*, login_name: str, how: str = LoginLock.Lifted.UNLOCKED) -> int:
    """Lift every lock in force on logging in as `login_name` (an account's e-mail
    address, or any name typed), `how` one of LoginLock.Lifted; wrong passwords count
    afresh from now. Returns the number of locks lifted (each one audited)."""
    return (
        LoginLock.objects.in_force()
        .filter(login_name=LoginLock.name_of(login_name))
        .update(lifted_at=timezone.now(), lifted_how=how)
    )


@transaction.atomic
def site_admin_ensure(*, email: str, full_name: str = "") -> tuple[User, bool]:
    """Make the account with `email` (any case) a site administrator, a role of the
    installation (docs/adr/0028-site-administrators.md). Without such an account one is
    made, named `full_name`, without a usable password: its owner chooses one through
    the link of `password_setup_link`. `created` is True for a new account."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from error
    user = selectors.user_with_email(email=email)
    created = user is None
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    if not user.is_site_admin:
        user.is_site_admin = True
        user.save(update_fields=["is_site_admin"])
    return user, created


def password_setup_link(*, user: User, base_url: str) -> str:
    """The absolute link where `user` chooses a password: the password reset's own page
    and token, so it works once (the token depends on the password) and for
    PASSWORD_RESET_TIMEOUT seconds. `base_url` is the site's scheme and host."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def site_admin_welcome_send(*, user: User, base_url: str, language: str) -> str:
    """E-mail `user`, a new site administrator, the link to choose a password (HTML and
    plain text, in `language`); returns the link."""
    url = password_setup_link(user=user, base_url=base_url)
    context = {
        "user": user,
        "url": url,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
    }
    with translation.override(language):
        subject = render_to_string("emails/site_admin_welcome_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("emails/site_admin_welcome.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("emails/site_admin_welcome.html", context), "text/html"
        )
    message.send()
    return url
