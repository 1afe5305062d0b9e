import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel, AuditedQuerySet
from mvimonitor.kernel.locking import version_field
from mvimonitor.kernel.texts import text_validators
from mvimonitor.organisations.codes import CODE_MAX_LENGTH, check_code, normalised_code
from mvimonitor.organisations.roles import Role

#: More than any Dutch organisation serves: a number above it is a typing error.
INHABITANTS_MAX = 25_000_000


class Organisation(AuditedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        WATER_BOARD = "water_board", _("water board")
        MINISTRY = "ministry", _("ministry")
        REGION = "region", _("region")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, validators=text_validators())
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    inhabitants = models.PositiveIntegerField(
        _("number of inhabitants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(INHABITANTS_MAX)],
    )
    # The TOOI code (for a municipality its CBS code in lower case), see codes.py.
    tooi_code = models.CharField(_("CBS/TOOI code"), max_length=CODE_MAX_LENGTH, blank=True)
    # Kept in the database, not as a media file: installs need no shared file storage.
    # Set only through services.organisation_set_logo, which checks the image.
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_content_type = models.CharField(_("logo file type"), max_length=20, blank=True)
    version = version_field()  # the settings page's lock (kernel.locking)

    audit_organisation = "id"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tooi_code"],
                condition=~Q(tooi_code=""),
                name="organisation_tooi_code_unique",
                violation_error_message=_("Another organisation already has this CBS/TOOI code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The admin's form too: "GM0794" typed is stored as the TOOI code "gm0794".
        self.tooi_code = normalised_code(self.tooi_code)
        check_code(self.tooi_code, kind=self.kind)

    @property
    def has_logo(self) -> bool:
        # The content type, not the bytes: the bytes are deferred where lists are read.
        return bool(self.logo_content_type)


#: A reviewer has a plan and an end date; every other role has neither.
REVIEWER_SCOPE = Q(role=Role.REVIEWER, plan__isnull=False, expires_on__isnull=False) | (
    ~Q(role=Role.REVIEWER) & Q(plan__isnull=True, expires_on__isnull=True)
)


class MembershipQuerySet(AuditedQuerySet):
    def active(self, *, on: date) -> "MembershipQuerySet":
        """Memberships that give access on `on`: an expired reviewer counts as none."""
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))


class Membership(AuditedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("member since"), default=timezone.now)
    # Outside reviewers only: the one plan they see, and the last day they see it.
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviewer_memberships",
    )
    expires_on = models.DateField(_("access until"), null=True, blank=True)
    version = version_field()  # the role's lock on the members page (kernel.locking)

    objects = MembershipQuerySet.as_manager()

    audit_organisation = "organisation_id"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=REVIEWER_SCOPE, name="membership_reviewer_has_plan_and_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    def is_active_on(self, day: date) -> bool:
        """Access includes the day `expires_on` itself and ends when it is over."""
        return self.expires_on is None or day <= self.expires_on


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(AuditedModel):
    """An e-mailed link that makes the person who follows it a member. Single use,
    expires; the token is the only secret and is compared in constant time by lookup."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"), default=_default_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # For an outside reviewer, copied to the membership on acceptance. Not to be confused
    # with `expires_at`, the end of the link's validity.
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviewer_invitations",
    )
    expires_on = models.DateField(_("access until"), null=True, blank=True)

    audit_organisation = "organisation_id"
    audit_masked = ("token",)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=REVIEWER_SCOPE, name="invitation_reviewer_has_plan_and_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"

    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
