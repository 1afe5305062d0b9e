"""Reads of comments: the threads of an action or a plan, and how many are open.

Each function runs a fixed number of queries, whatever the number of threads, replies
or actions: a thread's replies and every author come with it (prefetched).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, Prefetch, QuerySet

from mvimonitor.organisations.selectors import is_outside_reviewer
from mvimonitor.review.models import Comment

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, ActionPlan


class ThreadState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    ALL = "all"


def _by_reviewer() -> Exists:
    """Whether the author is an outside reviewer of the plan's organisation, so that
    readers can tell an outside view from a colleague's."""
    return is_outside_reviewer(user_field="author_id", organisation_field="plan__organisation_id")


def _threads(queryset: QuerySet[Comment]) -> QuerySet[Comment]:
    """Top-level comments with their author, resolver and replies (oldest first), each
    annotated with `by_reviewer`."""
    replies = (
        Comment.objects.select_related("author")
        .annotate(by_reviewer=_by_reviewer())
        .order_by("created_at", "pk")
    )
    return (
        queryset.filter(parent__isnull=True)
        .select_related("author", "resolved_by")
        .annotate(by_reviewer=_by_reviewer())
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def _in_state(queryset: QuerySet[Comment], state: ThreadState) -> QuerySet[Comment]:
    if state == ThreadState.OPEN:
        return queryset.filter(resolved_at__isnull=True)
    if state == ThreadState.RESOLVED:
        return queryset.filter(resolved_at__isnull=False)
    return queryset


def action_threads(*, action: Action) -> QuerySet[Comment]:
    """The threads on one action, oldest first, open and resolved (two queries)."""
    return _threads(Comment.objects.filter(action=action)).order_by("created_at", "pk")


def plan_threads(*, plan: ActionPlan, state: ThreadState = ThreadState.OPEN) -> QuerySet[Comment]:
    """Every thread of the plan in `state`: those on the plan as a whole first, then
    per action in the plan's order (period, code), each oldest first (two queries)."""
    queryset = _in_state(Comment.objects.filter(plan=plan), state)
    return (
        _threads(queryset)
        .select_related("action")
        .order_by(
            F("action").asc(nulls_first=True),
            "action__period__position",
            "action__code_sort_key",
            "created_at",
            "pk",
        )
    )


@dataclass(frozen=True)
class OpenCounts:
    """Open threads of a plan: on the plan as a whole, and per action id."""

    plan_level: int
    per_action: dict[int, int]

    @property
    def total(self) -> int:
        return self.plan_level + sum(self.per_action.values())

    def for_action(self, action_id: int) -> int:
        return self.per_action.get(action_id, 0)


def open_thread_counts(*, plan: ActionPlan) -> OpenCounts:
    """How many threads are open, on the plan and per action (one query)."""
    rows = (
        Comment.objects.filter(plan=plan, parent__isnull=True, resolved_at__isnull=True)
        .values("action_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_action: dict[int, int] = {}
    plan_level = 0
    for row in rows:
        if row["action_id"] is None:
            plan_level = row["n"]
        else:
            per_action[row["action_id"]] = row["n"]
    return OpenCounts(plan_level=plan_level, per_action=per_action)


def open_thread_count_for_action(*, action: Action) -> int:
    """Open threads on one action (one query)."""
    return Comment.objects.filter(
        action=action, parent__isnull=True, resolved_at__isnull=True
    ).count()


def plan_comment_bodies(*, plan: ActionPlan) -> set[str]:
    """The texts of the plan's comments and replies, on the plan and on its actions (one
    query): what a loader checks a comment against before adding it again."""
    return set(Comment.objects.filter(plan=plan).values_list("body", flat=True))
