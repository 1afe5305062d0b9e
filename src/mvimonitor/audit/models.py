"""The audit trail: one row per create, change or delete of an audited model.

Why not a library: django-auditlog and django-simple-history hook `post_save`, which
`QuerySet.update()` and `bulk_update()` bypass; django-pghistory needs PostgreSQL
triggers. See docs/adr/0004-audit-trail.md.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditedQuerySet(models.QuerySet):
    """Records the bulk writes that skip model signals: update(), bulk_update() (which
    Django implements with update()) and bulk_create()."""

    def update(self, **kwargs: Any) -> int:
        from mvimonitor.audit.recording import record_queryset_update

        return record_queryset_update(self, kwargs, super().update)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        from mvimonitor.audit.recording import record_created

        created = super().bulk_create(objs, *args, **kwargs)
        record_created(self.model, created)
        return created


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    pass


class AppendOnlyQuerySet(AuditedQuerySet):
    """For histories (status and phase changes): rows are appended, never edited or
    deleted, so that every figure computed from them on a past date stays the same."""

    def update(self, **kwargs: Any) -> int:
        raise ValueError("History is never edited.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("History is never deleted.")


class AuditedModel(models.Model):
    """Base for every model whose changes are audited (a test enforces that all are).

    `audit_organisation` is the lookup from the model to its organisation's id, so the
    trail can be filtered per organisation; `audit_masked` fields are recorded as changed
    without their values.
    """

    audit_organisation: ClassVar[str | None] = None
    audit_masked: ClassVar[tuple[str, ...]] = ()

    # Annotated as a plain Manager so that models may declare a manager of their own
    # (StatusChange, User) without mypy taking it for an incompatible override.
    objects: "models.Manager[Any]" = AuditedManager()

    class Meta:
        abstract = True


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


class AppendOnlyModel(AuditedModel):
    """An audited history row: saved once, never changed or deleted (see
    AppendOnlyQuerySet for the bulk paths)."""

    objects: "models.Manager[Any]" = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("History is never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("History is never deleted.")
