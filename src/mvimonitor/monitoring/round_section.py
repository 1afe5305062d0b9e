"""The report's sections "Update round" and "Stale actions", read through
rounds.selectors: the monitor's round in figures (two queries, none without a monitor)
and the actions stale on the report's date (one query). See ADR 0013."""

import dataclasses
from collections.abc import Collection
from datetime import date

from django.conf import settings

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.report import ActionItem
from mvimonitor.monitoring.report_round import (
    RoundActionItem,
    RoundSection,
    StaleItem,
    StaleSection,
)
from mvimonitor.plans.models import ActionPlan
from mvimonitor.rounds.selectors import UNREAD, RoundRead, round_result, stale_actions_on


def round_section(
    *, monitor: Monitor | None, update_round: RoundRead = UNREAD
) -> RoundSection | None:
    """The monitor's round as the report shows it; None without a monitor or a round.
    `update_round`: the round as rounds.selectors.round_for_monitor read it, if the
    caller already has it."""
    if monitor is None or not monitor.pk:
        return None
    result = round_result(monitor=monitor, update_round=update_round)
    if result is None:
        return None
    return RoundSection(
        deadline=result.deadline,
        closed=result.closed,
        updated=result.updated,
        confirmed=result.confirmed,
        open=result.open,
        not_answered=[
            RoundActionItem(
                action_id=a.action_id, code=a.code, title=a.title, owner=a.owner, period=a.period
            )
            for a in result.not_answered
        ],
    )


def stale_section(
    *, plan: ActionPlan, on: date, open_on: Collection[int] | None = None
) -> StaleSection:
    """The actions stale on `on` (only touches on or before it count); `open_on` as in
    stale_actions_on."""
    return StaleSection(
        after_days=int(settings.STALE_AFTER_DAYS),
        actions=[
            StaleItem(
                action_id=a.action_id,
                code=a.code,
                title=a.title,
                owner=a.owner,
                period=a.period,
                last_touched=a.last_touched,
            )
            for a in stale_actions_on(plan=plan, on=on, open_on=open_on)
        ],
    )


def with_stale_marks(items: list[ActionItem], stale: StaleSection) -> list[ActionItem]:
    """`items` with `stale` set: True for the section's actions, else False."""
    ids = {a.action_id for a in stale.actions}
    return [dataclasses.replace(item, stale=item.action_id in ids) for item in items]
