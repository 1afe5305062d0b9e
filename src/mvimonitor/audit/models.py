"""The audit trail: one row per create, change or delete of an audited model.

Why not a library: django-auditlog and django-simple-history hook `post_save`, which
`QuerySet.update()` and `bulk_update()` bypass; django-pghistory needs PostgreSQL
triggers. See docs/adr/0004-audit-trail.md.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Operation(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # The trail must outlive the user, and must not be audited itself.
        db_constraint=False,
    )
    actor_label = models.CharField(_("by (description)"), max_length=200)
    operation = models.CharField(_("operation"), max_length=10, choices=Operation.choices)
    model = models.CharField(_("record type"), max_length=100, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    # A plain id, no foreign key: entries stay when an organisation is removed.
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.operation} {self.model}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)
