"""Undoing what an import wrote to a plan's actions (exchange.PlanImportRecord keeps
what that was): the actions it created go with their history and theme links, the
status changes it appended go and each action's stored status becomes its latest
remaining row's again, the fields and themes it changed get their earlier values, and
every restored action's version rises (a form opened before gets the conflict).

History rows are deleted inside `correcting_history()`; every deleted row, link and
restored value is in the audit trail. Whether the undo is allowed (nothing changed the
actions since) is the caller's check (exchange); these writes only check that the
versions it found are still the stored ones. A few queries per 500 actions, whatever
their number. See docs/adr/0027-corrections-undo-and-deletion.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Field, Model, OuterRef, ProtectedError, Subquery
from django.utils import timezone

from mvimonitor.audit.base import audited, correcting_history
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme
from mvimonitor.plans.services.actions import StaleActionError

#: Records read or written per query: within any database's limit of parameters.
_CHUNK = 500


@dataclass(frozen=True)
class ImportUndo:
    """What to undo, as the import left it (exchange's record)."""

    created: Collection[int] = ()
    status_changes: Collection[int] = ()
    #: {action id: {field name: stored value before the import}} (ids for foreign keys)
    earlier: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    #: {action id: [theme id]} before the import, for the actions whose themes it changed
    earlier_themes: Mapping[int, Collection[int]] = field(default_factory=dict)
    #: {action id: version}: what each action the import touched must still be at
    versions: Mapping[int, int] = field(default_factory=dict)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


@transaction.atomic
def actions_import_undo(*, plan: ActionPlan, undo: ImportUndo) -> dict[int, int]:
    """Undo the import's writes to the plan's actions (see the module); the version
    each remaining action it touched has now. StaleActionError when an action is no
    longer at the version `undo.versions` gives (nothing is written)."""
    actions = _locked(plan, sorted(undo.versions))
    if any(action.version != undo.versions[pk] for pk, action in actions.items()) or len(
        actions
    ) != len(undo.versions):
        raise StaleActionError
    created = [actions[pk] for pk in sorted(undo.created)]
    kept = {pk: action for pk, action in actions.items() if pk not in set(undo.created)}
    with correcting_history():
        _delete_history(plan, [a.pk for a in created], sorted(undo.status_changes))
        actions_delete(actions=created)
    restored = _restore(kept, undo)
    return {pk: action.version for pk, action in restored.items()}


def _locked(plan: ActionPlan, ids: Sequence[int]) -> dict[int, Action]:
    found: dict[int, Action] = {}
    for chunk in _chunks(ids):
        for action in Action.objects.select_for_update().filter(plan=plan, pk__in=chunk):
            action.plan = plan  # for the audit trail's organisation, without a query
            found[action.pk] = action
    return found


def _delete_history(plan: ActionPlan, created: Sequence[int], appended: Sequence[int]) -> None:
    """Every row of the created actions, and the appended rows of the others."""
    rows: list[StatusChange] = []
    for chunk in _chunks(created):
        rows += StatusChange.objects.filter(action_id__in=chunk).select_related("action")
    for chunk in _chunks(appended):
        rows += (
            StatusChange.objects.filter(pk__in=chunk)
            .exclude(action_id__in=created)
            .select_related("action")
        )
    for row in rows:
        row.action.plan = plan
    audited(StatusChange).delete_many(rows)


def actions_delete(*, actions: Sequence[Action]) -> None:
    """Delete actions whose history is gone already (inside `correcting_history()`),
    with their theme links; actions copied from them elsewhere keep their own history
    and lose only the "copied from" link. Undoing an import, deleting a plan."""
    ids = [action.pk for action in actions]
    links: dict[Model, list[int]] = defaultdict(list)
    by_id = {action.pk: action for action in actions}
    through = Action.themes.through.objects
    for chunk in _chunks(ids):
        for action_id, theme_id in through.filter(action_id__in=chunk).values_list(
            "action_id", "theme_id"
        ):
            links[by_id[action_id]].append(theme_id)
        audited(Action).filter(origin_id__in=chunk).update(origin=None)
    audited(Action).unlink_many("themes", links)
    audited(Action).delete_many(actions)


def _restore(actions: Mapping[int, Action], undo: ImportUndo) -> dict[int, Action]:
    """The earlier fields, themes and status of the kept actions, one version up."""
    statuses = _latest_statuses(sorted(actions))
    now = timezone.now()
    groups: dict[tuple[str, ...], list[Model]] = defaultdict(list)
    for pk, action in actions.items():
        names: list[str] = []
        for name, value in undo.earlier.get(pk, {}).items():
            model_field = Action._meta.get_field(name)
            assert isinstance(model_field, Field)  # noqa: S101  # EDITABLE_FIELDS only
            setattr(action, model_field.attname, model_field.to_python(value))
            names.append(model_field.attname)
        if statuses.get(pk) and statuses[pk] != action.status:
            action.status = statuses[pk]
            names.append("status")
        action.version += 1
        action.updated_at = now
        groups[tuple(sorted(names))].append(action)
    for columns, group in groups.items():
        audited(Action).update_many(group, [*columns, "version", "updated_at"])
    _restore_themes(actions, undo.earlier_themes)
    return dict(actions)


def _latest_statuses(ids: Sequence[int]) -> dict[int, str]:
    """Each action's latest remaining row's status (the order of `status_on`)."""
    latest = StatusChange.objects.filter(action_id=OuterRef("pk")).order_by(
        "-effective_on", "-recorded_at", "-id"
    )
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        found.update(
            Action.objects.filter(pk__in=chunk)
            .annotate(latest=Subquery(latest.values("to_status")[:1]))
            .values_list("pk", "latest")
        )
    return found


def _restore_themes(actions: Mapping[int, Action], earlier: Mapping[int, Collection[int]]) -> None:
    wanted = {actions[int(pk)]: set(ids) for pk, ids in earlier.items() if int(pk) in actions}
    current: dict[int, set[int]] = defaultdict(set)
    through = Action.themes.through.objects
    for chunk in _chunks(sorted(a.pk for a in wanted)):
        for action_id, theme_id in through.filter(action_id__in=chunk).values_list(
            "action_id", "theme_id"
        ):
            current[action_id].add(theme_id)
    audited(Action).unlink_many(
        "themes", {action: current[action.pk] - ids for action, ids in wanted.items()}
    )
    audited(Action).link_many(
        "themes", {action: ids - current[action.pk] for action, ids in wanted.items()}
    )


@transaction.atomic
def plan_setup_remove_unused(
    *, plan: ActionPlan, period_ids: Collection[int], theme_ids: Collection[int]
) -> None:
    """Remove the given periods of the plan and the organisation's own themes (with
    their place among the plan's themes) that nothing uses any more: an import that
    created them is undone. One in use (an action's period, a theme another plan, a
    target or a tender applies) stays."""
    for period in Period.objects.filter(plan=plan, pk__in=period_ids):
        if not period.actions.exists():
            period.delete()
    for theme in Theme.objects.filter(organisation_id=plan.organisation_id, pk__in=theme_ids):
        if Action.themes.through.objects.filter(theme_id=theme.pk).exists():
            continue
        try:
            with transaction.atomic():
                PlanTheme.objects.filter(plan=plan, theme=theme).delete()
                theme.delete()
        except ProtectedError:
            continue  # another plan, a target or a tender uses it: it stays
