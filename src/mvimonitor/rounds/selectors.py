"""Reads of update rounds: an owner's open items, a round's progress per owner and per
period, a round's result for the monitor, and which actions are not updated ("stale" in
the code and the JSON keys)."""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from mvimonitor.accounts.privacy import person_label
from mvimonitor.plans.selectors import (
    actions_of_plan,
    history_of_outer_action,
    should_have_moved_q,
    status_on_expression,
)
from mvimonitor.plans.workflow import DONE_STATUSES
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound
from mvimonitor.utils.numbers import whole_percentage

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.plans.models import Action, ActionPlan

OPEN = RoundItem.State.OPEN.value
CONFIRMED = RoundItem.State.CONFIRMED.value
UPDATED = RoundItem.State.UPDATED.value


def _state_counts(prefix: str = "") -> dict[str, Count]:
    return {
        state: Count("pk", filter=Q(**{f"{prefix}state": state}))
        for state in (UPDATED, CONFIRMED, OPEN)
    }


def round_candidates(*, plan: ActionPlan, on: date) -> list[Action]:
    """The actions a round opened on `on` asks about: in the plan on that date (added,
    not withdrawn) and not done (neither completed nor cancelled)."""
    return list(
        actions_of_plan(plan=plan)
        .filter(added_on__lte=on)
        .exclude(withdrawn_on__lte=on)
        .exclude(status__in=DONE_STATUSES)
        .order_by("period__position", "code_sort_key")
    )


def open_round_for(*, plan: ActionPlan) -> UpdateRound | None:
    """The plan's open round (at most one is open at a time), with its monitor."""
    return (
        UpdateRound.objects.select_related("monitor")
        .filter(monitor__plan=plan, closed_at__isnull=True)
        .first()
    )


def round_deadline_rows(*, plan_ids: Iterable[int]) -> QuerySet[Any]:
    """The rounds of these plans' monitors as (pk, deadline, plan id, monitor date)
    rows: one query."""
    return UpdateRound.objects.filter(monitor__plan_id__in=plan_ids).values_list(
        "pk", "deadline", "monitor__plan_id", "monitor__date"
    )


def monitor_has_round(*, monitor: Monitor) -> bool:
    return UpdateRound.objects.filter(monitor=monitor).exists()


def plan_has_open_round(*, plan: ActionPlan) -> bool:
    return UpdateRound.objects.filter(monitor__plan=plan, closed_at__isnull=True).exists()


def round_item_of_action(*, round: UpdateRound, code: str) -> RoundItem:
    """The round's item of the action with this code, with its action."""
    return RoundItem.objects.select_related("action").get(round=round, action__code=code)


def round_for_monitor(*, monitor: Monitor) -> UpdateRound | None:
    """The monitor's round with its counts per state (`updated`, `confirmed`, `open`
    annotations), in one query; None without a round."""
    return (
        UpdateRound.objects.filter(monitor=monitor)
        .annotate(
            **{
                state: Count("items", filter=Q(items__state=state))
                for state in (UPDATED, CONFIRMED, OPEN)
            }
        )
        .first()
    )


def _my_items(user: User) -> QuerySet[RoundItem]:
    """Items of open rounds whose action `user` owns, in organisations they are a
    member of."""
    return RoundItem.objects.filter(
        round__closed_at__isnull=True,
        action__owner=user,
        round__monitor__plan__organisation__memberships__user=user,
    )


def my_round_items(*, user: User) -> QuerySet[RoundItem]:
    """Every item of the open rounds `user` answers for (open ones and those already
    answered), with the action, its plan, period and the round: one query."""
    return (
        _my_items(user)
        .select_related(
            "action", "action__period", "action__plan__organisation", "round", "round__monitor"
        )
        .order_by(
            "action__plan__organisation__name",
            "action__plan__name",
            "round__deadline",
            "action__period__position",
            "action__code_sort_key",
        )
    )


def my_open_items(*, user: User) -> QuerySet[RoundItem]:
    """The items `user` still has to update or confirm, across their organisations."""
    return my_round_items(user=user).filter(state=OPEN)


def my_open_item_count(*, user: User) -> int:
    return _my_items(user).filter(state=OPEN).count()


@dataclass(frozen=True)
class ProgressRow:
    """Counts of one owner, one period or the whole round."""

    label: str
    updated: int
    confirmed: int
    open: int
    owner_id: int | None = None  # owner rows: the member, None for a name or no owner

    @property
    def total(self) -> int:
        return self.updated + self.confirmed + self.open

    @property
    def answered(self) -> int:
        return self.updated + self.confirmed

    @property
    def percent(self) -> int:
        """Share answered (updated or confirmed), in whole percent (half up)."""
        return whole_percentage(self.answered, self.total) or 0


@dataclass(frozen=True)
class RoundProgress:
    owners: list[ProgressRow]
    periods: list[ProgressRow]
    totals: ProgressRow

    def digest(self) -> str:
        """Changes whenever a count changes: lets a polling page skip equal answers."""
        rows = [*self.owners, *self.periods]
        return "-".join(f"{r.updated}.{r.confirmed}.{r.open}" for r in rows)


def round_progress(*, round: UpdateRound) -> RoundProgress:
    """Per owner (open first, then by name), per period (plan order) and in total: the
    number of items updated, confirmed and open. Two queries."""
    items = RoundItem.objects.filter(round=round).order_by()
    owners = [
        ProgressRow(
            label=_owner_label(row),
            updated=row[UPDATED],
            confirmed=row[CONFIRMED],
            open=row[OPEN],
            owner_id=row["owner_id"],
        )
        for row in items.values(
            "owner_id", "owner__full_name", "owner__email", "owner_name"
        ).annotate(**_state_counts())
    ]
    owners.sort(key=lambda r: (-r.open, r.label.casefold()))
    periods = [
        ProgressRow(
            label=row["action__period__name"],
            updated=row[UPDATED],
            confirmed=row[CONFIRMED],
            open=row[OPEN],
        )
        for row in items.values("action__period_id", "action__period__name")
        .annotate(**_state_counts())
        .order_by("action__period__position", "action__period_id")
    ]
    totals = ProgressRow(
        label="",
        updated=sum(r.updated for r in periods),
        confirmed=sum(r.confirmed for r in periods),
        open=sum(r.open for r in periods),
    )
    return RoundProgress(owners=owners, periods=periods, totals=totals)


def _owner_label(row: dict[str, Any]) -> str:
    if row["owner_id"] is not None:
        return person_label(
            full_name=row["owner__full_name"] or "", email=row["owner__email"] or ""
        )
    return row["owner_name"] or ""


def round_owner_names_without_account(*, round: UpdateRound) -> list[str]:
    """Names of the round's owners who have no account yet, alphabetically."""
    names = (
        RoundItem.objects.filter(round=round, owner__isnull=True)
        .exclude(owner_name="")
        .values_list("owner_name", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)


def plan_owner_names_without_account(*, actions: list[Action]) -> list[str]:
    """Names of the owners without an account among `actions` (in memory)."""
    names = {a.owner_name.strip() for a in actions if a.owner_id is None and a.owner_name.strip()}
    return sorted(names, key=str.casefold)


def pending_owners(*, plan: ActionPlan) -> QuerySet[PendingOwner]:
    """Owners invited from a round who have not accepted yet, with their invitation."""
    return PendingOwner.objects.filter(plan=plan, assigned_at__isnull=True).select_related(
        "invitation"
    )


@dataclass(frozen=True)
class MissingAction:
    """An action the round asked about and nobody answered for."""

    action_id: int
    code: str
    title: str
    owner: str
    period: str


@dataclass(frozen=True)
class RoundResult:
    """What a monitor reports of its round: the counts and the actions not updated or
    confirmed. Plain data: to_dict() is JSON-ready."""

    deadline: date
    closed: bool
    updated: int
    confirmed: int
    open: int
    not_answered: tuple[MissingAction, ...]

    @property
    def total(self) -> int:
        return self.updated + self.confirmed + self.open

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["deadline"] = self.deadline.isoformat()
        data["not_answered"] = [asdict(action) for action in self.not_answered]
        data["total"] = self.total
        return data


class Unread(enum.Enum):
    """Stands in for a round not read yet (None means: the monitor has no round)."""

    ROUND = "round"


UNREAD = Unread.ROUND

#: The monitor's round as round_for_monitor read it (None: it has none), or UNREAD.
RoundRead = UpdateRound | None | Literal[Unread.ROUND]


def round_result(*, monitor: Monitor, update_round: RoundRead = UNREAD) -> RoundResult | None:
    """The monitor's round in figures, or None without a round. Two queries, one when
    the caller passes the round as round_for_monitor read it (the report page shows it
    in its round box too)."""
    if update_round is UNREAD:
        update_round = round_for_monitor(monitor=monitor)
    if update_round is None:
        return None
    missing = (
        RoundItem.objects.filter(round=update_round, state=OPEN)
        .order_by("action__period__position", "action__code_sort_key")
        .values_list(
            "action_id",
            "action__code",
            "action__title",
            "owner_id",
            "owner__full_name",
            "owner__email",
            "owner_name",
            "action__period__name",
        )
    )
    return RoundResult(
        deadline=update_round.deadline,
        closed=not update_round.is_open,
        updated=update_round.updated,  # type: ignore[attr-defined]
        confirmed=update_round.confirmed,  # type: ignore[attr-defined]
        open=update_round.open,  # type: ignore[attr-defined]
        not_answered=tuple(
            MissingAction(
                action_id=action_id,
                code=code,
                title=title,
                owner=_person(owner_id, full_name, email, owner_name),
                period=period,
            )
            for action_id, code, title, owner_id, full_name, email, owner_name, period in missing
        ),
    )


def _person(owner_id: int | None, full_name: str | None, email: str | None, name: str) -> str:
    """An owner as `User.display_name` shows a member, else the name the plan gives."""
    if owner_id is None:
        return name
    return person_label(full_name=full_name or "", email=email or "")


def stale_since(*, on: date) -> datetime:
    """The moment before which a last touch makes an action not updated on `on`: the
    start of the day STALE_AFTER_DAYS days earlier (Europe/Amsterdam)."""
    day = on - timedelta(days=settings.STALE_AFTER_DAYS)
    return timezone.make_aware(datetime.combine(day, time.min))


def _end_of(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def _not_updated(plan: ActionPlan, on: date, moving_on: Collection[int] | None) -> QuerySet[Action]:
    """The one rule of "not updated" (Niet bijgewerkt; ADR 0013, addendum of issue 13):
    the plan's actions, in it on `on`, that should have moved by then (running or
    postponed on `on`, or not started on `on` with a start date on or before it:
    plans.selectors.should_have_moved) and that nobody touched in the STALE_AFTER_DAYS
    days before it, counting only touches on or before `on` (a past report does not
    change when someone works on the action later).

    A touch is an edit or recorded status change (`updated_at`, `created_at`,
    `recorded_at`), an answer in a round, updated or confirmed (`responded_at`), the day
    a status change took effect (`effective_on`: back-dated history counts for the day
    it describes) and the day the action was added to the plan. "No touch in [since,
    end of `on`)" is said with plain comparisons and one EXISTS per history table.

    `moving_on`: the ids of the plan's actions that should have moved by `on`, when the
    caller has already read each action's status on `on` (report_for_date does, with
    plans.selectors.status_on_expression, the same definition); without them the query
    works each status out itself."""
    end = _end_of(on)
    since = stale_since(on=on)
    actions = actions_of_plan(plan=plan)
    if moving_on is None:
        actions = actions.alias(status_on=status_on_expression(on))
        moving = should_have_moved_q(on)
    else:
        moving = Q(pk__in=moving_on)
    changes = history_of_outer_action().filter(
        Q(recorded_at__gte=since, recorded_at__lt=end)
        | Q(effective_on__gte=since.date(), effective_on__lte=on)
    )
    answers = RoundItem.objects.filter(
        action=OuterRef("pk"), responded_at__gte=since, responded_at__lt=end
    )
    return actions.filter(
        moving,
        ~Q(withdrawn_on__lte=on),
        ~Q(updated_at__gte=since, updated_at__lt=end),
        ~Q(created_at__gte=since, created_at__lt=end),
        ~Exists(changes),
        ~Exists(answers),
        added_on__lt=since.date(),  # and so on or before `on`
    )


def stale_action_ids(*, plan: ActionPlan, on: date) -> set[int]:
    """Ids of the plan's actions not updated on `on` (the action list marks those of
    today): the rule of stale_actions_on, without the last touches. One query."""
    return set(_not_updated(plan, on, None).values_list("pk", flat=True))


@dataclass(frozen=True)
class StaleAction:
    """An action not updated on a date, with its last touch on or before that date."""

    action_id: int
    code: str
    title: str
    owner: str
    period: str
    last_touched: date


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def stale_actions_on(
    *, plan: ActionPlan, on: date, moving_on: Collection[int] | None = None
) -> list[StaleAction]:
    """The actions not updated on `on` (the rule is _not_updated's), in plan order,
    each with its last touch on or before `on`: what the report of `on` lists and marks.
    One query: only the rows it returns look up their latest touches."""
    end = _end_of(on)
    changes = history_of_outer_action()
    answers = RoundItem.objects.filter(action=OuterRef("pk"))
    rows = (
        _not_updated(plan, on, moving_on)
        .annotate(
            effective_at=_latest(changes.filter(effective_on__lte=on), "effective_on"),
            recorded_at=Greatest(  # the latest recorded touch before `end`, else NEVER
                Case(When(updated_at__lt=end, then=F("updated_at")), default=_NEVER),
                Case(When(created_at__lt=end, then=F("created_at")), default=_NEVER),
                Coalesce(_latest(changes.filter(recorded_at__lt=end), "recorded_at"), _NEVER),
                Coalesce(_latest(answers.filter(responded_at__lt=end), "responded_at"), _NEVER),
            ),
        )
        .order_by("period__position", "code_sort_key")
        .values_list(*_STALE_COLUMNS)
    )
    zone = timezone.get_current_timezone()
    return [_stale_action(dict(zip(_STALE_COLUMNS, row, strict=True)), zone) for row in rows]


#: Stands in for "no recorded touch" (SQL's GREATEST of NULLs differs per database).
_NEVER = Value(datetime(1900, 1, 1, tzinfo=UTC), output_field=DateTimeField())


_STALE_COLUMNS = (
    "pk",
    "code",
    "title",
    "owner_id",
    "owner__full_name",
    "owner__email",
    "owner_name",
    "period__name",
    "added_on",
    "effective_at",
    "recorded_at",
)


def _stale_action(row: dict[str, Any], zone: tzinfo) -> StaleAction:
    """The row as a StaleAction; its last touch is the latest of the day it was added,
    the latest day a status change took effect and the day of the latest recorded
    touch, all on or before the report's date."""
    days = [row["added_on"], row["effective_at"]]
    if row["recorded_at"] > _NEVER.value:
        days.append(row["recorded_at"].astimezone(zone).date())
    return StaleAction(
        action_id=row["pk"],
        code=row["code"],
        title=row["title"],
        owner=_person(
            row["owner_id"], row["owner__full_name"], row["owner__email"], row["owner_name"]
        ),
        period=row["period__name"],
        last_touched=max(day for day in days if day is not None),
    )


def open_rounds() -> QuerySet[UpdateRound]:
    """Every round not closed yet, with its monitor, plan and organisation."""
    return UpdateRound.objects.filter(closed_at__isnull=True).select_related(
        "monitor__plan__organisation"
    )


def rounds_items(*, round_ids: Collection[int]) -> QuerySet[RoundItem]:
    """The items of these rounds, whatever their state, with their action and owner."""
    return RoundItem.objects.filter(round_id__in=round_ids).select_related("action", "owner")


def open_owned_items(*, round: UpdateRound) -> QuerySet[RoundItem]:
    """The round's open items of owners with an account, with their action and owner."""
    return RoundItem.objects.filter(round=round, state=OPEN, owner__isnull=False).select_related(
        "action", "owner"
    )


def round_item_owner(*, round: UpdateRound, user_id: int) -> User | None:
    """The user with this id if they own an item in `round` (whatever its state)."""
    item = RoundItem.objects.filter(round=round, owner_id=user_id).select_related("owner").first()
    return item.owner if item is not None else None
