"""Optimistic locking: an edit saves only if nobody else saved the record since the
user read it.

A form carries the `version` the user saw; the write is one
`UPDATE ... WHERE id = ... AND version = N` that also raises the version by one. When no
row matches, someone else saved first: the caller's "stale" error is raised and nothing
is written (see docs/architecture.md, "The status history"). One place for the rule, so
that actions, tenders, suppliers, contracts and targets cannot drift apart."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db.models import F, Field, Model
from django.utils import timezone


def field_values(record: Model, names: Iterable[str]) -> dict[str, Any]:
    """The record's current values of the named fields, keyed by column (`owner_id` for
    `owner`), as `locked_update` writes them."""
    values: dict[str, Any] = {}
    for name in names:
        field = type(record)._meta.get_field(name)
        if not isinstance(field, Field):  # a reverse relation has no column
            raise TypeError(f"{name} is not a field of {type(record).__name__}")
        values[field.attname] = getattr(record, field.attname)
    return values


def locked_update(
    record: Model,
    *,
    expected_version: int,
    values: Mapping[str, Any],
    stale: Callable[[], Exception],
) -> None:
    """Write `values` (column -> value) to the record's row if its version is still
    `expected_version`, raising the version by one and setting `updated_at` when the
    model has it; the record in memory gets the new version and time. Otherwise raise
    `stale()` and write nothing."""
    model = type(record)
    columns = dict(values)
    has_updated_at = any(field.name == "updated_at" for field in model._meta.concrete_fields)
    if has_updated_at:
        columns["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=record.pk, version=expected_version).update(
        **columns, version=F("version") + 1
    )
    if updated != 1:
        raise stale()
    setattr(record, "version", expected_version + 1)  # noqa: B010  # any versioned model
    if has_updated_at:
        setattr(record, "updated_at", columns["updated_at"])  # noqa: B010
