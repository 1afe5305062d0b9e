"""Update rounds: before a monitor, a coordinator asks every owner to update or
confirm their actions by a deadline. A round holds one item per action it asks about;
the item records whether the owner updated it, confirmed it unchanged, or not yet."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, text_validators


def _default_reminder_offsets() -> list[int]:
    return list(settings.REMINDER_OFFSETS_DAYS)


class UpdateRound(AuditedModel):
    """The round for one monitor. Open until `closed_at` is set."""

    monitor = models.OneToOneField(
        "monitoring.Monitor",
        verbose_name=_("monitor"),
        on_delete=models.PROTECT,
        related_name="round",
    )
    deadline = models.DateField(_("deadline"))
    message = models.TextField(
        _("message to the owners"),
        blank=True,
        help_text=_("Shown above their actions."),
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    # Days relative to the deadline on which reminders go out (-14: two weeks before,
    # 1: the day after); the reminders app reads these.
    reminder_offsets = models.JSONField(_("reminder days"), default=_default_reminder_offsets)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    audit_organisation = "monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("update round")
        verbose_name_plural = _("update rounds")
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return f"{self.monitor} ({self.deadline:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def deadline_passed(self, on: date) -> bool:
        """Whether the deadline lies before `on`: answers are asked *by* the deadline, so
        on the day itself it has not passed yet."""
        return self.deadline < on


class RoundItem(AuditedModel):
    """One action asked about in a round, with the owner it was asked of."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CONFIRMED = "confirmed", _("confirmed unchanged")
        UPDATED = "updated", _("updated")

    round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="items")
    action = models.ForeignKey("plans.Action", on_delete=models.PROTECT, related_name="round_items")
    # The owner when the round opened: progress is counted per owner even if the action
    # changes hands during the round. NULL with owner_name for owners without an account.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="round_items",
    )
    owner_name = models.CharField(
        _("owner (name)"), max_length=150, blank=True, validators=text_validators()
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    note = models.TextField(
        _("progress note"),
        blank=True,
        max_length=LONG_TEXT_MAX_LENGTH,
        validators=text_validators(LONG_TEXT_MAX_LENGTH),
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    audit_organisation = "round__monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("round item")
        verbose_name_plural = _("round items")
        ordering = ["action__period__position", "action__code_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["round", "action"], name="round_item_unique"),
            models.CheckConstraint(
                condition=Q(state="open") | Q(responded_at__isnull=False),
                name="round_item_response_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.action_id} ({self.state})"


class PendingOwner(AuditedModel):
    """An owner known only by name (Action.owner_name) who was invited by e-mail: when
    the invitation is accepted, the new member becomes the owner of the plan's actions
    with that name and of their items in the plan's open round."""

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="pending_owners"
    )
    owner_name = models.CharField(_("owner (name)"), max_length=150, validators=text_validators())
    invitation = models.OneToOneField(
        "organisations.Invitation", on_delete=models.CASCADE, related_name="pending_owner"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("actions assigned at"), null=True, blank=True)

    audit_organisation = "plan__organisation_id"

    class Meta:
        verbose_name = _("invited owner")
        verbose_name_plural = _("invited owners")
        ordering = ["owner_name", "-id"]

    def __str__(self) -> str:
        return f"{self.owner_name} ({self.invitation.email})"
