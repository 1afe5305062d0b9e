"""Turning writes to audited models into AuditEntry rows.

Instance saves and deletes arrive through signals (deletes of querysets and cascades too:
a model with delete receivers is never fast-deleted by Django's collector); queryset
updates and bulk creates through AuditedQuerySet. Many-to-many changes through
`m2m_changed`.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from mvimonitor.audit.base import AuditedModel
from mvimonitor.audit.context import current_actor
from mvimonitor.audit.models import AuditEntry

MASK = "***"
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


def _diff(
    model: type[models.Model], before: dict[str, Any], after: dict[str, Any]
) -> dict[str, Any]:
    masked = {
        field.attname
        for name in getattr(model, "audit_masked", ())
        if isinstance(field := model._meta.get_field(name), models.Field)
    }
    changes: dict[str, Any] = {}
    # Keys of both sides: a create has no `before`, a delete no `after`.
    for name in {**before, **after}:
        old, new = before.get(name), after.get(name)
        if _jsonable(old) != _jsonable(new):
            changes[name] = [MASK, MASK] if name in masked else [_jsonable(old), _jsonable(new)]
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


def _entry(
    operation: str,
    model: type[models.Model],
    pk: Any,
    text: str,
    org: int | None,
    changes: dict[str, Any],
) -> AuditEntry:
    actor = current_actor()
    return AuditEntry(
        actor_id=actor.user_id,
        actor_label=actor.label[:200],
        operation=operation,
        model=model._meta.label,
        object_id=str(pk),
        object_repr=text[:200],
        organisation_id=org,
        changes=changes,
    )


def record_created(model: type[models.Model], instances: Iterable[models.Model]) -> None:
    entries = [
        _entry(
            AuditEntry.Operation.CREATE,
            model,
            obj.pk,
            str(obj),
            _organisation_id(obj),
            _diff(model, {}, snapshot(obj)),
        )
        for obj in instances
    ]
    AuditEntry.objects.bulk_create(entries)


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
    entries = []
    for row in after:
        old = before[row["pk"]]
        changes = _diff(model, {f: old[f] for f in fields}, {f: row[f] for f in fields})
        if changes:
            org = old[org_lookup] if org_lookup else None
            entries.append(
                _entry(
                    AuditEntry.Operation.UPDATE,
                    model,
                    row["pk"],
                    f"{model._meta.verbose_name} {row['pk']}",
                    org,
                    changes,
                )
            )
    AuditEntry.objects.bulk_create(entries)
    return count


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
