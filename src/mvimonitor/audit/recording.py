"""Turning writes to audited models into AuditEntry rows.

Instance saves and deletes arrive through signals (deletes of querysets and cascades too:
a model with delete receivers is never fast-deleted by Django's collector); queryset
updates and bulk creates through AuditedQuerySet. Many-to-many changes through
`m2m_changed`. The bulk paths of an import (create_many, update_many, link_many,
unlink_many) write their rows and their entries with few statements, each run for
many rows (docs/adr/0021-fast-import-and-job-lease.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.utils import timezone

from mvimonitor.audit.base import AuditedModel
from mvimonitor.audit.context import current_actor
from mvimonitor.audit.models import AuditEntry

MASK = "***"
#: Records per query when many are read or removed at once: well under any database's
#: limit of parameters per statement (SQLite's default is 999).
_CHUNK = 500
#: Most rows in one INSERT of create_many, where the database sets no lower limit.
_BATCH = 1000
_encoder = DjangoJSONEncoder()


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):  # a JSONField's value (a frozen monitor report)
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes | memoryview):
        # A BinaryField (a stored PDF): its size and fingerprint, not the bytes.
        data = bytes(value)
        return f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
    return _encoder.default(value)


def _concrete_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def snapshot(instance: models.Model) -> dict[str, Any]:
    return {
        f.attname: _jsonable(f.value_from_object(instance))
        for f in _concrete_fields(type(instance))
    }


@cache
def _masked(model: type[models.Model]) -> frozenset[str]:
    return frozenset(
        field.attname
        for name in getattr(model, "audit_masked", ())
        if isinstance(field := model._meta.get_field(name), models.Field)
    )


def _diff(
    model: type[models.Model], before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    masked = _masked(model)
    changes: dict[str, Any] = {}
    # Keys of both sides: a create has no `before`, a delete no `after`.
    for name in {**before, **after}:
        old, new = before.get(name), after.get(name)
        if _jsonable(old) != _jsonable(new):
            changes[name] = [MASK, MASK] if name in masked else [_jsonable(old), _jsonable(new)]
    return changes


def _created(model: type[models.Model], instance: models.Model) -> dict[str, Any]:
    """`_diff(model, {}, snapshot(instance))`, computed once per value: a new record's
    every value that is not None."""
    masked = _masked(model)
    changes: dict[str, Any] = {}
    for field in _concrete_fields(model):
        value = _jsonable(field.value_from_object(instance))
        if value is not None:
            changes[field.attname] = [MASK, MASK] if field.attname in masked else [None, value]
    return changes


def _organisation_id(instance: models.Model) -> int | None:
    lookup = getattr(instance, "audit_organisation", None)
    if lookup is None:
        return None
    value: Any = instance
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return int(value)


#: The columns of an entry as the bulk paths insert them (`_insert_entries`).
_ENTRY_COLUMNS = (
    "at",
    "actor_id",
    "actor_label",
    "operation",
    "model",
    "object_id",
    "object_repr",
    "organisation_id",
    "changes",
)


def _now() -> datetime:
    """The moment of an entry: now, or the moment the acting block gives (acting_as)."""
    return current_actor().at or timezone.now()


def _entry_values(
    operation: str,
    model: type[models.Model],
    pk: Any,
    text: str,
    org: int | None,
    changes: dict[str, Any],
    at: datetime | None = None,
) -> tuple[Any, ...]:
    actor = current_actor()
    return (
        at or actor.at or timezone.now(),
        actor.user_id,
        actor.label[:200],
        operation,
        model._meta.label,
        str(pk),
        text[:200],
        org,
        changes,
    )


def _entry(
    operation: str,
    model: type[models.Model],
    pk: Any,
    text: str,
    org: int | None,
    changes: dict[str, Any],
) -> AuditEntry:
    values = _entry_values(operation, model, pk, text, org, changes)
    return AuditEntry(**dict(zip(_ENTRY_COLUMNS, values, strict=True)))


def _database() -> BaseDatabaseWrapper:
    """This thread's connection itself: `django.db.connection` is a proxy that looks it
    up on every use, which counts at thousands of values."""
    return connections[DEFAULT_DB_ALIAS]


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    """The concrete fields `names` of `model` (names or attnames)."""
    fields = []
    for name in names:
        field = model._meta.get_field(name)
        if not isinstance(field, models.Field) or not field.column:
            raise TypeError(f"{name} is no column of {model.__name__}")
        fields.append(field)
    return fields


def _pk(model: type[models.Model]) -> models.Field[Any, Any]:
    pk = model._meta.pk
    if pk is None or not pk.column:
        raise TypeError(f"{model.__name__} has no primary key column")
    return pk


def _columns(database: BaseDatabaseWrapper, fields: Sequence[models.Field[Any, Any]]) -> str:
    return ", ".join(database.ops.quote_name(str(field.column)) for field in fields)


def _prepare(field: Any, database: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """A field's value as the database driver takes it. Text, whole numbers and None
    go as they are (what get_db_prep_save returns for them, at a fraction of its cost
    over thousands of values); anything else, and every JSON value, through the field."""
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, database)
    plain = (str, int, bool, type(None))
    last: list[Any] = [object(), None]  # the value prepared last, and what it became

    def prepare(value: Any) -> Any:
        if type(value) in plain:
            return value
        if value is not last[0]:  # one moment shared by a bulk write's entries
            last[:] = [value, field.get_db_prep_save(value, database)]
        return last[1]

    return prepare


def _insert_rows(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """INSERT many rows of `model` (values of the fields `names`) with one statement run
    once per row (executemany): what bulk_create would write, without Django building
    a statement of every row's every value, which costs far more than the insert
    itself at thousands of rows (issue 12, item 2). For rows whose ids nobody needs:
    audit entries and many-to-many links."""
    database = _database()
    fields = _fields(model, names)
    prepare = [_prepare(field, database) for field in fields]
    params = [tuple(prep(value) for prep, value in zip(prepare, row, strict=True)) for row in rows]
    if not params:
        return
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # names from the model
        database.ops.quote_name(model._meta.db_table),
        _columns(database, fields),
        ", ".join(["%s"] * len(fields)),
    )
    with database.cursor() as cursor:
        cursor.executemany(sql, params)


def _insert_entries(rows: Iterable[tuple[Any, ...]]) -> None:
    _insert_rows(AuditEntry, _ENTRY_COLUMNS, rows)


def record_created(model: type[models.Model], instances: Iterable[models.Model]) -> None:
    at = _now()  # one bulk write, one moment
    _insert_entries(
        _entry_values(
            AuditEntry.Operation.CREATE,
            model,
            obj.pk,
            str(obj),
            _organisation_id(obj),
            _created(model, obj),
            at,
        )
        for obj in instances
    )


def create_many(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """bulk_create() for thousands of records (with an automatic primary key), recorded
    as bulk_create() records: one multi-row INSERT ... RETURNING per batch, without
    Django building a placeholder for each of the thousands of values, which costs
    several times the insert itself (issue 12, item 2)."""
    database = _database()
    if not database.features.can_return_rows_from_bulk_insert:
        model._base_manager.bulk_create(objs)
        record_created(model, objs)
        return
    fields = _concrete_fields(model)
    prepare = [_prepare(field, database) for field in fields]
    quote = database.ops.quote_name
    table = quote(model._meta.db_table)
    head = f"INSERT INTO {table} ({_columns(database, fields)}) VALUES "  # noqa: S608
    row = "({})".format(", ".join(["%s"] * len(fields)))
    returning = f" RETURNING {quote(str(_pk(model).column))}"
    size = max(1, min(_BATCH, database.ops.bulk_batch_size(fields, objs)))
    for start in range(0, len(objs), size):
        batch = objs[start : start + size]
        params = [
            prep(field.pre_save(obj, True))
            for obj in batch
            for field, prep in zip(fields, prepare, strict=True)
        ]
        with database.cursor() as cursor:
            cursor.execute(head + ", ".join([row] * len(batch)) + returning, params)
            ids = [found[0] for found in cursor.fetchall()]
        for obj, pk in zip(batch, ids, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = database.alias
    record_created(model, objs)


def _values_by_pk(
    model: type[models.Model], pks: Sequence[Any], names: Sequence[str]
) -> dict[Any, dict[str, Any]]:
    found: dict[Any, dict[str, Any]] = {}
    for start in range(0, len(pks), _CHUNK):
        rows = (
            model._base_manager.filter(pk__in=pks[start : start + _CHUNK])
            .order_by()
            .values("pk", *names)
        )
        found.update((row["pk"], row) for row in rows)
    return found


def _update_entries(
    model: type[models.Model],
    fields: Sequence[str],
    before: dict[Any, dict[str, Any]],
    after: Iterable[dict[str, Any]],
    org_lookup: str | None,
) -> list[tuple[Any, ...]]:
    """An entry for each row that changed, as a queryset update records it."""
    entries = []
    at, name = _now(), str(model._meta.verbose_name)
    for row in after:
        old = before[row["pk"]]
        changes = _diff(model, {f: old[f] for f in fields}, {f: row[f] for f in fields})
        if changes:
            entries.append(
                _entry_values(
                    AuditEntry.Operation.UPDATE,
                    model,
                    row["pk"],
                    f"{name} {row['pk']}",
                    old[org_lookup] if org_lookup else None,
                    changes,
                    at,
                )
            )
    return entries


def record_queryset_update(
    queryset: models.QuerySet, kwargs: dict[str, Any], do_update: Callable[..., int]
) -> int:
    model = queryset.model
    fields = [model._meta.get_field(name).attname for name in kwargs]
    org_lookup = getattr(model, "audit_organisation", None)
    extra = [org_lookup] if org_lookup else []
    before = {row["pk"]: row for row in queryset.values("pk", *fields, *extra)}
    count = do_update(**kwargs)
    if not before:
        return count
    after = model._base_manager.filter(pk__in=list(before)).order_by().values("pk", *fields)
    _insert_entries(_update_entries(model, fields, before, after, org_lookup))
    return count


def update_many(
    model: type[models.Model], objs: Sequence[models.Model], names: Sequence[str]
) -> None:
    """Write the fields `names` of each record as it is in memory (what bulk_update
    does), one UPDATE by primary key run once per record (executemany), and record
    each change as a queryset update does: the values read before and after."""
    if not objs:
        return
    fields = _fields(model, names)
    attnames = [field.attname for field in fields]
    org_lookup = getattr(model, "audit_organisation", None)
    pks = [obj.pk for obj in objs]
    before = _values_by_pk(model, pks, [*attnames, *([org_lookup] if org_lookup else [])])
    database = _database()
    quote = database.ops.quote_name
    pk = _pk(model)
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608  # names from the model
        quote(model._meta.db_table),
        ", ".join(f"{quote(str(field.column))} = %s" for field in fields),
        quote(str(pk.column)),
    )
    prepare = [_prepare(field, database) for field in [*fields, pk]]
    names_and_pk = [*attnames, pk.attname]
    params = [
        tuple(prep(getattr(obj, name)) for prep, name in zip(prepare, names_and_pk, strict=True))
        for obj in objs
    ]
    with database.cursor() as cursor:
        cursor.executemany(sql, params)
    after = _values_by_pk(model, pks, attnames).values()
    _insert_entries(_update_entries(model, attnames, before, after, org_lookup))


def _before_save(
    sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any
) -> None:
    if instance.pk is None or instance._state.adding:
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    row = (
        sender._base_manager.filter(pk=instance.pk)
        .values(*[f.attname for f in _concrete_fields(sender)])
        .first()
    )
    instance._audit_before = row  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = _diff(sender, {}, snapshot(instance))
        operation = AuditEntry.Operation.CREATE
    else:
        changes = _diff(sender, before, snapshot(instance))
        operation = AuditEntry.Operation.UPDATE
        if not changes:
            return
    _entry(
        operation, sender, instance.pk, str(instance), _organisation_id(instance), changes
    ).save()


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _entry(
        AuditEntry.Operation.DELETE,
        sender,
        instance.pk,
        str(instance),
        _organisation_id(instance),
        _diff(sender, snapshot(instance), {}),
    ).save()
    _record_lost_references(sender, instance)


def _record_lost_references(sender: type[models.Model], instance: models.Model) -> None:
    """Deleting a row also changes audited rows that point at it and stay: foreign keys
    with on_delete=SET_NULL become NULL and many-to-many links disappear. Django does
    both with plain queries that bypass AuditedQuerySet, so they are recorded here (the
    pre_delete signal comes before the collector runs those queries)."""
    entries = []
    for rel in sender._meta.related_objects:
        model = rel.related_model
        if not (isinstance(model, type) and issubclass(model, AuditedModel)):
            continue
        change: Any
        if rel.many_to_many:
            column, change = rel.field.name, {"removed": [instance.pk]}
        elif rel.on_delete is models.SET_NULL:
            column, change = rel.field.attname, [instance.pk, None]
        else:
            continue
        for obj in model._base_manager.filter(**{rel.field.name: instance.pk}):
            entries.append(
                _entry(
                    AuditEntry.Operation.UPDATE,
                    model,
                    obj.pk,
                    str(obj),
                    _organisation_id(obj),
                    {column: change},
                )
            )
    AuditEntry.objects.bulk_create(entries)


def _m2m_changed(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if reverse or not isinstance(instance, AuditedModel):
        return
    field = next(
        f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender
    )
    if action == "pre_clear":
        instance._audit_cleared = list(getattr(instance, field).values_list("pk", flat=True))  # type: ignore[attr-defined]
        return
    if action == "post_clear":
        change = {"removed": getattr(instance, "_audit_cleared", [])}
    elif action in ("post_add", "post_remove") and pk_set:
        change = {("added" if action == "post_add" else "removed"): sorted(pk_set)}
    else:
        return
    _entry(
        AuditEntry.Operation.UPDATE,
        type(instance),
        instance.pk,
        str(instance),
        _organisation_id(instance),
        {field: change},
    ).save()


def _link_names(model: type[models.Model], field: str) -> tuple[type[models.Model], str, str]:
    """The through model of `model.field` and the columns of its two sides."""
    relation = model._meta.get_field(field)
    if not isinstance(relation, models.ManyToManyField):
        raise TypeError(f"{field} is not a many-to-many field of {model.__name__}")
    through = relation.remote_field.through
    if not isinstance(through, type):  # a name until the app registry is ready
        raise TypeError(f"{model.__name__}.{field} is not set up yet")
    source, target = _fields(
        through, [relation.m2m_field_name(), relation.m2m_reverse_field_name()]
    )
    return through, source.attname, target.attname


def _record_links(field: str, links: dict[models.Model, list[Any]], change: str) -> None:
    """What `_m2m_changed` records for one add() or remove() per record, for many."""
    at = _now()
    _insert_entries(
        _entry_values(
            AuditEntry.Operation.UPDATE,
            type(instance),
            instance.pk,
            str(instance),
            _organisation_id(instance),
            {field: {change: ids}},
            at,
        )
        for instance, ids in links.items()
    )


def link_many(
    model: type[models.Model], field: str, links: Mapping[models.Model, Iterable[Any]]
) -> None:
    through, source, target = _link_names(model, field)
    wanted = {obj: sorted(set(ids)) for obj, ids in links.items()}
    wanted = {obj: ids for obj, ids in wanted.items() if ids}
    _insert_rows(
        through, (source, target), ((obj.pk, pk) for obj, ids in wanted.items() for pk in ids)
    )
    _record_links(field, wanted, "added")


def unlink_many(
    model: type[models.Model], field: str, links: Mapping[models.Model, Iterable[Any]]
) -> None:
    through, source, target = _link_names(model, field)
    wanted = {obj: sorted(set(ids)) for obj, ids in links.items()}
    wanted = {obj: ids for obj, ids in wanted.items() if ids}
    pairs = {(obj.pk, pk) for obj, ids in wanted.items() for pk in ids}
    owners = sorted({obj.pk for obj in wanted})
    doomed: list[Any] = []
    for start in range(0, len(owners), _CHUNK):
        rows = through._base_manager.filter(
            **{f"{source}__in": owners[start : start + _CHUNK]}
        ).values_list("pk", source, target)
        doomed += [pk for pk, owner, linked in rows if (owner, linked) in pairs]
    for start in range(0, len(doomed), _CHUNK):
        through._base_manager.filter(pk__in=doomed[start : start + _CHUNK]).delete()
    _record_links(field, wanted, "removed")


def delete_many(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Each record's entry as `_before_delete` writes it, then one DELETE per chunk
    (no collector, no signals: see AuditedQuerySet.delete_many)."""
    at = _now()
    _insert_entries(
        _entry_values(
            AuditEntry.Operation.DELETE,
            model,
            obj.pk,
            str(obj),
            _organisation_id(obj),
            _diff(model, snapshot(obj), {}),
            at,
        )
        for obj in objs
    )
    pks = [obj.pk for obj in objs]
    for start in range(0, len(pks), _CHUNK):
        chunk = model._base_manager.filter(pk__in=pks[start : start + _CHUNK])
        chunk._raw_delete(chunk.db)


def audited_models() -> list[type[AuditedModel]]:
    return [m for m in apps.get_models() if issubclass(m, AuditedModel)]


def connect_audited_models() -> None:
    for model in audited_models():
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-{m2m.name}"
            )
