from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.accounts.privacy import person_label
from mvimonitor.audit.base import AuditedModel, AuditedQuerySet
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.texts import text_validators


class UserManager(BaseUserManager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        # Logging in and password resets find the account whatever the case of the
        # typed address; the database keeps addresses unique regardless of case.
        return self.get(email__iexact=username)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AuditedModel, AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. What they may do depends on their
    membership of an organisation (organisations.Membership), not on this model;
    `is_staff` is for platform operators, who use the Django admin, and
    `is_site_admin` for the installation's site administrators, who create
    organisations and invite their first coordinators (docs/adr/0028-site-administrators.md)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("name"), max_length=150, blank=True, validators=text_validators()
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # Read by the reminders app: off, no reminder, summary or nudge is e-mailed.
    receives_reminders = models.BooleanField(_("receives reminders by e-mail"), default=True)
    version = version_field()  # the e-mail preferences' lock (kernel.locking)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    # A role of the installation, not of an organisation: it opens the organisations'
    # administration pages and nothing of an organisation's own (its plans, actions and
    # reports need a membership like anyone's).
    is_site_admin = models.BooleanField(
        _("site administrator"),
        default=False,
        help_text=_("Creates organisations and invites their first coordinators."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined on"), default=timezone.now)

    audit_masked = ("password",)
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name, else the e-mail address (hidden from outside reviewers)."""
        return person_label(full_name=self.full_name, email=self.email)


class LoginLockQuerySet(AuditedQuerySet):
    def in_force(self, at: datetime | None = None) -> "LoginLockQuerySet":
        """The locks that refuse a login at `at` (now): not lifted, and not yet over."""
        at = at or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(locked_until__isnull=True) | Q(locked_until__gt=at)
        )


class LoginLock(AuditedModel):
    """Logging in as `login_name` is refused after too many wrong passwords: from
    `ip_address` until `locked_until`, or, without an address, from everywhere until
    the lock is lifted (unlocked, or a new password chosen). See accounts.lockout and
    docs/adr/0019-login-lockout.md.

    Locks are kept for the account name typed, not for a User: an address nobody has is
    locked the same way, so that the answers never tell the two apart. Creating and
    lifting a lock are in the audit trail as any other write."""

    class Lifted(models.TextChoices):
        UNLOCKED = "unlocked", _("unlocked")
        PASSWORD_RESET = "password_reset", _("password reset")
        PASSWORD_CHANGED = "password_changed", _("password changed")

    login_name = models.CharField(_("login name"), max_length=255, db_index=True)
    ip_address = models.GenericIPAddressField(
        _("from address"), null=True, blank=True, help_text=_("Empty: from every address.")
    )
    failures = models.PositiveIntegerField(_("wrong passwords"))
    locked_at = models.DateTimeField(_("locked at"), default=timezone.now)
    locked_until = models.DateTimeField(
        _("locked until"), null=True, blank=True, help_text=_("Empty: until it is lifted.")
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_how = models.CharField(_("lifted by"), max_length=20, choices=Lifted, blank=True)

    objects = LoginLockQuerySet.as_manager()

    class Meta:
        verbose_name = _("login lock")
        verbose_name_plural = _("login locks")
        ordering = ["-locked_at", "-id"]

    def __str__(self) -> str:
        return self.login_name

    @staticmethod
    def name_of(typed: object) -> str:
        """The account name a login attempt counts for: the typed address, trimmed, in
        lower case (logging in ignores case) and cut to what the tables hold."""
        return str(typed or "").replace("\x00", "").strip().lower()[:255]
