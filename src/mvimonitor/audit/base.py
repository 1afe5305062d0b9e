"""The bases of every audited model: the public part of the audit app.

A model whose changes are audited derives from AuditedModel (a history row from
AppendOnlyModel), so every app imports this module when its models are defined. It holds
no table and no query of its own; the trail itself (AuditEntry, audit.models) and its
recording (audit.recording) stay internal to the app. See docs/adr/0004-audit-trail.md.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db import models

from mvimonitor.kernel.natural import sort_key_names, with_sort_keys


class AuditedQuerySet(models.QuerySet):
    """Records the bulk writes that skip model signals: update(), bulk_update() (which
    Django implements with update()) and bulk_create(); and, for thousands of records
    at once (an import), the leaner `create_many` and `update_many`, and the
    many-to-many links made or removed by `link_many` and `unlink_many`, which a
    relation's own add() and remove() would make one record at a time.

    Each of these writes also writes the natural sort key of a code or reference it
    writes (kernel.natural), which a model's save() computes by itself."""

    def update(self, **kwargs: Any) -> int:
        from mvimonitor.audit.recording import record_queryset_update

        return record_queryset_update(self, with_sort_keys(self.model, kwargs), super().update)

    def bulk_update(
        self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        records: list[Any] = list(objs)
        return super().bulk_update(records, sort_key_names(records, fields), batch_size)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        from mvimonitor.audit.recording import record_created

        created = super().bulk_create(objs, *args, **kwargs)
        record_created(self.model, created)
        return created

    def create_many(self, objs: Sequence[models.Model]) -> None:
        """bulk_create() for thousands of records: each gets its primary key, and is
        recorded as bulk_create() records it."""
        from mvimonitor.audit.recording import create_many

        create_many(self.model, objs)

    def update_many(self, objs: Sequence[models.Model], fields: Sequence[str]) -> None:
        """bulk_update() for thousands of records: each record's `fields` as they are in
        memory, written with one UPDATE by primary key run once per record, and recorded
        as update() records."""
        from mvimonitor.audit.recording import update_many

        update_many(self.model, objs, sort_key_names(objs, fields))

    def link_many(self, field: str, links: Mapping[models.Model, Iterable[Any]]) -> None:
        """Link each record to the given ids through its many-to-many `field` (ids not
        linked yet), recorded as `record.field.add(*ids)` would record it."""
        from mvimonitor.audit.recording import link_many

        link_many(self.model, field, links)

    def unlink_many(self, field: str, links: Mapping[models.Model, Iterable[Any]]) -> None:
        """Remove the given ids from each record's many-to-many `field`, recorded as
        `record.field.remove(*ids)` would record it."""
        from mvimonitor.audit.recording import unlink_many

        unlink_many(self.model, field, links)

    def delete_many(self, objs: Sequence[models.Model]) -> None:
        """Delete thousands of records at once, each recorded as delete() records it
        (with the values of the given objects, as read). Signals and Django's
        cascades are skipped: the caller removes first whatever points at them (their
        history, their many-to-many links, the references to them), and the database's
        foreign keys refuse anything it missed. Undoing an import, deleting a plan."""
        from mvimonitor.audit.recording import delete_many

        delete_many(self.model, objs)


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):  # type: ignore[misc]
    pass


def audited(model: type[models.Model]) -> AuditedQuerySet:
    """The audited model's queryset with the bulk writes of AuditedQuerySet, typed as
    such (models annotate `objects` as a plain Manager, see AuditedModel)."""
    queryset = model._default_manager.all()
    if not isinstance(queryset, AuditedQuerySet):
        raise TypeError(f"{model.__name__} is not audited")
    return queryset


#: True only inside `correcting_history()`.
_correcting: ContextVar[bool] = ContextVar("correcting_history", default=False)


@contextmanager
def correcting_history() -> Iterator[None]:
    """The one way to edit or delete history rows: a coordinator's correction of a
    status change, undoing an import, deleting a plan that has no finalised monitor.
    Only services that check the history stays a valid chain use it; the audit trail
    keeps every row as it was (docs/adr/0027-corrections-undo-and-deletion.md)."""
    token = _correcting.set(True)
    try:
        yield
    finally:
        _correcting.reset(token)


def _refuse_unless_correcting(message: str) -> None:
    if not _correcting.get():
        raise ValueError(message)


class AppendOnlyQuerySet(AuditedQuerySet):
    """For histories (status and phase changes): rows are appended and, outside
    `correcting_history()`, never edited or deleted, so that every figure computed from
    them on a past date stays the same."""

    def update(self, **kwargs: Any) -> int:
        _refuse_unless_correcting("History is never edited.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse_unless_correcting("History is never deleted.")
        return super().delete()

    def delete_many(self, objs: Sequence[models.Model]) -> None:
        _refuse_unless_correcting("History is never deleted.")
        super().delete_many(objs)


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
            _refuse_unless_correcting("History is never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse_unless_correcting("History is never deleted.")
        return super().delete(*args, **kwargs)
