"""What was e-mailed to whom for which round and moment.

A ReminderDispatch row is written *before* its e-mail goes out: for the scheduled kinds
the row is the claim that makes sending exactly-once (a unique constraint on round,
recipient, kind and moment), and `sent_at` is set only once the e-mail was handed to the
mail server. See docs/adr/0014-reminders.md.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mvimonitor.audit.base import AuditedModel


class ReminderDispatch(AuditedModel):
    class Kind(models.TextChoices):
        OWNER_REMINDER = "owner_reminder", _("reminder to an owner")
        COORDINATOR_SUMMARY = "coordinator_summary", _("summary for a coordinator")
        NUDGE = "nudge", _("nudge by a coordinator")

    round = models.ForeignKey(
        "rounds.UpdateRound", on_delete=models.CASCADE, related_name="reminder_dispatches"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_dispatches"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The scheduled moment, in days relative to the round's deadline; NULL for nudges.
    offset_days = models.IntegerField(_("reminder day"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failed_at = models.DateTimeField(_("last failure at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    action_count = models.PositiveIntegerField(_("open actions listed"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The coordinator who nudged; empty for scheduled reminders."),
    )

    audit_organisation = "round__monitor__plan__organisation_id"

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-claimed_at"]
        constraints = [
            # The claim: one scheduled reminder per round, recipient, kind and moment.
            models.UniqueConstraint(
                fields=["round", "recipient", "kind", "offset_days"],
                condition=~Q(kind="nudge"),
                name="reminder_dispatch_once_per_moment",
            ),
            models.CheckConstraint(
                condition=(Q(kind="nudge") & Q(offset_days__isnull=True))
                | (~Q(kind="nudge") & Q(offset_days__isnull=False)),
                name="reminder_dispatch_moment_for_scheduled_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.round_id} -> {self.recipient_id} ({self.offset_days})"
