"""Writes to targets: create, edit (optimistic lock) and delete. Every function runs in
one transaction: all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.targets.models import INSTRUMENT_KINDS, PERCENT_KINDS, KpiKind, Target

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan, Theme

#: Fields of a target that target_create and target_update set.
TARGET_FIELDS = (
    "title",
    "kpi_kind",
    "theme",
    "start_year",
    "phase",
    "instrument",
    "target_value",
    "starts_on",
    "deadline",
    "note",
)


class StaleTargetError(StaleRecordError):
    """Someone else saved the target since it was read (optimistic lock)."""

    record = gettext_lazy("this target")


def _check(target: Target, plan: ActionPlan) -> None:
    """Refuse a target that cannot be measured, with messages a user understands (before
    the model's constraints, whose own messages only name them)."""
    errors: dict[str, str] = {}
    kind = KpiKind(target.kpi_kind) if target.kpi_kind in KpiKind.values else None
    if target.starts_on and target.deadline and target.deadline <= target.starts_on:
        errors["deadline"] = _("The deadline must lie after the start.")
    if target.target_value is not None:
        if target.target_value <= 0:
            errors["target_value"] = _("The target value must be more than 0.")
        elif kind in PERCENT_KINDS and target.target_value > 100:
            errors["target_value"] = _("A share is at most 100%.")
        elif kind not in PERCENT_KINDS and target.target_value != int(target.target_value):
            errors["target_value"] = _("A number of tenders is a whole number.")
    if kind in INSTRUMENT_KINDS and not target.instrument:
        errors["instrument"] = _("Choose how MVI is applied.")
    if kind is not None and kind not in INSTRUMENT_KINDS and target.instrument:
        errors["instrument"] = _("Only the KPIs about how MVI is applied name a way.")
    if target.theme_id is not None and target.theme not in _themes(plan):
        errors["theme"] = _("This theme belongs to another organisation.")
    if errors:
        raise ValidationError(errors)
    target.full_clean(exclude=["plan"])


def _themes(plan: ActionPlan) -> list[Theme]:
    return list(themes_for_organisation(organisation=plan.organisation))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise TypeError(f"Unknown target fields: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("title", "note"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    for name in ("phase", "instrument"):
        if name in cleaned and cleaned[name] is None:
            cleaned[name] = ""
    return cleaned


@transaction.atomic
def target_create(
    *,
    plan: ActionPlan,
    title: str,
    kpi_kind: KpiKind | str,
    target_value: Decimal,
    starts_on: date,
    deadline: date,
    by: User | None = None,
    **fields: Any,
) -> Target:
    """Add a target to the plan. `fields`: theme, start_year, phase, instrument, note."""
    cleaned = _clean(
        {
            "title": title,
            "kpi_kind": str(kpi_kind),
            "target_value": target_value,
            "starts_on": starts_on,
            "deadline": deadline,
            **fields,
        }
    )
    target = Target(plan=plan, **cleaned)
    _check(target, plan)
    target.save()
    return target


@transaction.atomic
def target_update(
    *, target: Target, expected_version: int, by: User | None = None, **changes: Any
) -> Target:
    """Change a target's fields with one `UPDATE ... WHERE version = N`; a stale version
    raises StaleTargetError and nothing is saved."""
    cleaned = _clean(changes)
    for name, value in cleaned.items():
        setattr(target, name, value)
    _check(target, target.plan)
    locked_update(
        target,
        expected_version=expected_version,
        values=field_values(target, cleaned),
        stale=StaleTargetError,
    )
    return target


@transaction.atomic
def target_delete(*, target: Target, expected_version: int, by: User | None = None) -> None:
    """Remove a target; a stale version raises StaleTargetError and nothing is removed.
    (A finalised monitor keeps the values it froze.)"""
    deleted, _rows = Target.objects.filter(pk=target.pk, version=expected_version).delete()
    if not deleted:
        raise StaleTargetError()
