"""The database as a value, to compare before and after an import: every row of every
table (the audit trail included), and a check that stored values fit their columns as
PostgreSQL enforces them (SQLite would store a too-long text without a word)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations

Snapshot = dict[str, frozenset[tuple[Any, ...]]]

#: Tables an import never writes and that are too large to read per example: compared
#: by their row count only.
_COUNTED_ONLY = {"procurement.CpvCode"}


def snapshot() -> Snapshot:
    """Every row of every table, as the database returns it (plain SQL: the ORM would
    take ten times as long, and an example takes three snapshots)."""
    state: Snapshot = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            table = connection.ops.quote_name(model._meta.db_table)
            if label in _COUNTED_ONLY:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a model's table)
            else:
                columns = ", ".join(
                    connection.ops.quote_name(f.column) for f in model._meta.concrete_fields
                )
                cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 (its columns)
            state[label] = frozenset(tuple(map(_hashable, row)) for row in cursor.fetchall())
    return state


def _hashable(value: Any) -> Any:
    """JSON columns come back as dicts and lists on PostgreSQL: compared as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def differences(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[Any]]]:
    """Per table that changed, the rows gone and the rows added (a changed row is both)."""
    return {
        label: {
            "gone": sorted(before[label] - rows, key=repr),
            "added": sorted(rows - before[label], key=repr),
        }
        for label, rows in after.items()
        if rows != before[label]
    }


#: PostgreSQL's integer ranges (SQLite's are far wider).
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def unfit_values(before: Snapshot, after: Snapshot) -> list[str]:
    """Every value of the tables that changed that PostgreSQL would refuse for its
    column: too long, too many digits, out of range, or text holding NUL."""
    found = []
    for label, rows in after.items():
        if rows == before[label] or label in _COUNTED_ONLY:
            continue
        model = apps.get_model(label)
        fields = model._meta.concrete_fields
        for row in model._base_manager.values_list(*(f.attname for f in fields)):
            for column, value in zip(fields, row, strict=True):
                problem = _unfit(column, value)
                if problem:
                    found.append(f"{label}.{column.name}: {problem}")
    return found


def _unfit(column: models.Field, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        if "\x00" in value:
            return "text with NUL"
        if column.max_length is not None and len(value) > column.max_length:
            return f"{len(value)} characters, at most {column.max_length}"
    if isinstance(column, models.DecimalField) and isinstance(value, Decimal):
        _sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int):
            return f"{value} is not a number"
        whole = len(digits) + exponent
        if whole > column.max_digits - column.decimal_places or -exponent > column.decimal_places:
            return (
                f"{value} does not fit {column.max_digits} digits, {column.decimal_places} decimals"
            )
    internal = column.get_internal_type()
    if isinstance(value, int) and internal in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[internal]
        if not low <= value <= high:
            return f"{value} outside {low}..{high}"
    return None
