"""What the apps built on plans hold of a plan and its actions, asked without importing
them.

plans may not import the apps above it (ADR 0017), yet undoing an import must know
whether a monitor was finalised since, or an action answered in a round, commented on or
linked to a tender; and deleting a plan must know whether it has a finalised monitor,
and must remove what those apps keep of it first (their foreign keys protect the plan).
Each such app registers its answers here from its AppConfig.ready(), as report sections
do (monitoring.sections). See docs/adr/0027-corrections-undo-and-deletion.md.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from django.utils.translation import ngettext

from mvimonitor.kernel.natural import natural_sort_key

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


class ActionUses(Protocol):
    def __call__(
        self, *, plan: ActionPlan, action_ids: Collection[int], since: datetime
    ) -> list[str]:
        """Why these actions of the plan may no longer be undone: each way they were
        used at or after `since` (at: a clock's tick is coarse, and refusing is the safe
        side), as a sentence for the user; [] when they were not."""
        ...


class PlanHolds(Protocol):
    def __call__(self, *, plan: ActionPlan, since: datetime | None) -> list[str]:
        """What the app keeps of the plan that forbids undoing its work since `since`
        (None: ever; deleting the plan), as sentences for the user; [] when nothing."""
        ...


class PlanRemoval(Protocol):
    def __call__(self, *, plan: ActionPlan) -> None:
        """Delete what the app keeps of the plan, before the plan itself is deleted."""
        ...


@dataclass(frozen=True)
class Dependent:
    """One app's answers; `name` keeps a second registration of the same app (a later
    ready() in tests) from counting twice."""

    name: str
    action_uses: ActionUses | None = None
    plan_holds: PlanHolds | None = None
    plan_removal: PlanRemoval | None = None


_registered: dict[str, Dependent] = {}


def register(dependent: Dependent) -> None:
    _registered[dependent.name] = dependent


def registered() -> list[Dependent]:
    return list(_registered.values())


#: The most action codes a reason names; the rest are counted.
CODES_NAMED = 10


def codes_text(codes: Collection[str]) -> str:
    """ "A1, A2, A3" for a reason's sentence: sorted, at most CODES_NAMED of them and
    then how many more."""
    ordered = sorted(set(codes), key=natural_sort_key)
    named = ", ".join(ordered[:CODES_NAMED])
    rest = len(ordered) - CODES_NAMED
    if rest <= 0:
        return named
    return ngettext("%(codes)s and %(count)d more", "%(codes)s and %(count)d more", rest) % {
        "codes": named,
        "count": rest,
    }


def action_uses_since(
    *, plan: ActionPlan, action_ids: Collection[int], since: datetime
) -> list[str]:
    """Every registered app's reasons why these actions were used after `since`."""
    return [
        reason
        for dependent in registered()
        if dependent.action_uses is not None
        for reason in dependent.action_uses(plan=plan, action_ids=action_ids, since=since)
    ]


def plan_holds(*, plan: ActionPlan, since: datetime | None = None) -> list[str]:
    """Every registered app's reasons why the plan's work since `since` (or the plan
    itself, for None) may not be undone."""
    return [
        reason
        for dependent in registered()
        if dependent.plan_holds is not None
        for reason in dependent.plan_holds(plan=plan, since=since)
    ]


def remove_plan_dependents(*, plan: ActionPlan) -> None:
    """Let every registered app delete what it keeps of the plan (inside the caller's
    transaction), the apps registered last first: they sit higher in the layers."""
    for dependent in reversed(registered()):
        if dependent.plan_removal is not None:
            dependent.plan_removal(plan=plan)
