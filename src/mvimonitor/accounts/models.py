from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.accounts.privacy import person_label
from mvimonitor.audit.base import AuditedModel, AuditedQuerySet
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
    `is_staff` is for platform operators, who use the Django admin."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("name"), max_length=150, blank=True, validators=text_validators()
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # Read by the reminders app: off, no reminder, summary or nudge is e-mailed.
    receives_reminders = models.BooleanField(_("receives reminders by e-mail"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
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
