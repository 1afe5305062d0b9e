"""The bases of every audited model: the public part of the audit app.

A model whose changes are audited derives from AuditedModel (a history row from
AppendOnlyModel), so every app imports this module when its models are defined. It holds
no table and no query of its own; the trail itself (AuditEntry, audit.models) and its
recording (audit.recording) stay internal to the app. See docs/adr/0004-audit-trail.md.
"""

from typing import Any, ClassVar

from django.db import models


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
