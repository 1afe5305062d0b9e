"""Optimistic locking: an edit saves only if nobody else saved the record since the
user opened it.

A locked model has a `version` column (`version_field`); its form carries the version
the user saw (`VersionField`, hidden); the write is one
`UPDATE ... WHERE id = ... AND version = N` that also raises the version by one. When no
row matches, someone else saved first: the record's `StaleRecordError` is raised and
nothing is written (see docs/adr/0022-optimistic-lock-on-every-edit.md). One place for the
rule and its message, so that no kind of record can drift from the others."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Field, Model, PositiveIntegerField
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.natural import with_sort_keys

#: The code of a StaleRecordError, also on the errors an import or a bulk change
#: collects from it (`is_stale`).
STALE = "stale"


class StaleRecordError(ValidationError):
    """Someone else saved the record after the user opened it: nothing was written.

    A ValidationError naming no field, so that every page showing a service's refusals
    shows this one above its form, and every import reports it on its row. Each kind of
    record subclasses it with its own name in `record` ("this action")."""

    record: str | Promise = gettext_lazy("this record")

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed %(record)s after you opened this page, so your change "
                "has not been saved. Reload the page to see their change, then make yours "
                "again."
            )
            % {"record": self.record},
            code=STALE,
        )

    def __str__(self) -> str:
        return str(self.message)


def is_stale(error: ValidationError) -> bool:
    """Whether `error` is, or holds, a refusal of the optimistic lock."""
    return any(item.code == STALE for item in getattr(error, "error_list", []))


def version_field() -> "PositiveIntegerField[int, int]":
    """The `version` column of a locked model: 1 when created, raised by every write
    through `locked_update`."""
    return PositiveIntegerField(default=1, editable=False)


OUT_OF_DATE = gettext_lazy("This page is out of date: reload it and make your change again.")


class VersionField(forms.IntegerField):
    """The version of the record a page was opened with, sent back hidden with its form:
    the service saves only while it is still the record's version. Missing or damaged,
    the page is out of date and nothing is saved. (Here, not in the web kit, because
    every app's forms use it, organisations' too, which lie below the kit.)"""

    widget = forms.HiddenInput
    default_error_messages = dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


def field_values(record: Model, names: Iterable[str]) -> dict[str, Any]:
    """The record's current values of the named fields, keyed by column (`owner_id` for
    `owner`), as `locked_update` writes them."""
    values: dict[str, Any] = {}
    for name in names:
        field = record._meta.get_field(name)
        if not isinstance(field, Field):  # a reverse relation has no column
            raise TypeError(f"{name} is not a field of {record.__class__.__name__}")
        values[field.attname] = getattr(record, field.attname)
    return values


def locked_update(
    record: Model,
    *,
    expected_version: int | None,
    values: Mapping[str, Any],
    stale: Callable[[], Exception],
) -> None:
    """Write `values` (column -> value; none for a change that lives in other rows, such
    as a plan's periods) to the record's row if its version is still `expected_version`,
    raising the version by one and setting `updated_at` when the model has it; the
    record in memory gets the new version and time. Otherwise raise `stale()` and write
    nothing.

    `expected_version` None is a write without a page the user loaded (an import row, a
    command, a change made on another page): nothing to compare, but the version is
    still raised, so that a form opened before it gets the conflict."""
    model = record.__class__  # not type(): request.user is a lazy object standing in for one
    columns = with_sort_keys(model, values)
    has_updated_at = any(field.name == "updated_at" for field in model._meta.concrete_fields)
    if has_updated_at:
        columns["updated_at"] = timezone.now()
    rows = model._default_manager.filter(pk=record.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(**columns, version=F("version") + 1) != 1:
        raise stale()
    if expected_version is None:
        expected_version = rows.values_list("version", flat=True).get() - 1
    setattr(record, "version", expected_version + 1)  # noqa: B010  # any versioned model
    for name in columns.keys() - values.keys() - {"updated_at"}:
        setattr(record, name, columns[name])  # the sort keys derived from the values
    if has_updated_at:
        setattr(record, "updated_at", columns["updated_at"])  # noqa: B010
