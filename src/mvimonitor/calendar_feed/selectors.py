"""Reads for the calendar feed: the dated moments of every plan a user can read.

The feed spans several apps (organisations, plans, monitoring, rounds). It reads each
through that app's selectors for many plans at once, one query per kind of event, so a
user with many plans and thousands of actions costs the same handful of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.monitoring.selectors import (
    communication_moments_of_plans,
    dated_attention_points_of_plans,
    monitors_of_plans,
)
from mvimonitor.organisations.roles import Role, can_manage_organisation
from mvimonitor.organisations.selectors import active_membership_rows
from mvimonitor.plans.selectors import due_action_rows, plans_of
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds.selectors import round_deadline_rows
from mvimonitor.utils.text import normalise_newlines

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

#: Kinds of event; each is the first part of an event's UID ("monitor-12@host").
MONITOR, NEXT_MONITOR, ROUND_DEADLINE = "monitor", "next-monitor", "round-deadline"
COMMUNICATION, ATTENTION_POINT, ACTION_DUE = "communication", "attention-point", "action-due"


@dataclass(frozen=True)
class FeedEvent:
    """One all-day event. `uid` is the kind and the record's primary key ("monitor-12");
    the feed adds "@<host>", so a client recognises the event in every refresh. `path`
    is the page in the app, made absolute by the feed. Events of one day and category
    follow `order` (an action's code in natural order), then their uid in natural order."""

    uid: str
    day: date
    summary: str
    description: str
    path: str
    category: str
    order: str = ""


def user_by_feed_token(*, token: str) -> User | None:
    """The active user whose feed the token opens, or None (wrong or renewed token)."""
    if not token:
        return None
    feed_token = (
        FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    )
    return feed_token.user if feed_token else None


def feed_readable_plans(*, user: User, today: date) -> dict[ActionPlan, str]:
    """The plans the user can read on `today`, each with the user's role there (a
    member: every plan of the organisation; an outside reviewer: their one plan while
    their access runs; expired memberships count as none). Two queries."""
    rows = active_membership_rows(user=user, on=today)
    roles = {org_id: role for org_id, role, _plan_id in rows if role != Role.REVIEWER}
    reviewed = {plan_id for _org_id, role, plan_id in rows if role == Role.REVIEWER and plan_id}
    if not roles and not reviewed:
        return {}
    plans = plans_of(organisation_ids=roles, plan_ids=reviewed)
    return {plan: roles.get(plan.organisation_id, Role.REVIEWER) for plan in plans}


def feed_events(*, user: User, today: date) -> list[FeedEvent]:
    """Every dated moment of the plans `user` can read on `today`: monitors and the next
    monitor they announce, update round deadlines, communication moments, dated attention
    points and the due dates of the actions still in the plan. Outside reviewers see only
    their plan's action due dates (the monitor pages are closed to them). Seven queries,
    whatever the number of plans and records; sorted by date."""
    roles = feed_readable_plans(user=user, today=today)
    by_id = {plan.pk: plan for plan in roles}
    full = [plan.pk for plan, role in roles.items() if role != Role.REVIEWER]
    managed = {plan.pk for plan, role in roles.items() if can_manage_organisation(role)}
    events: list[FeedEvent] = []
    if full:
        events += _monitor_events(by_id, full)
        events += _round_events(by_id, full, managed=managed)
        events += _communication_events(by_id, full)
        events += _attention_point_events(by_id, full)
    events += _action_events(by_id, list(by_id))
    return sorted(events, key=lambda e: (e.day, e.category, e.order, natural_sort_key(e.uid)))


def _plan_kwargs(plan: ActionPlan) -> dict[str, str]:
    return {"org_slug": plan.organisation.slug, "plan_slug": plan.slug}


def _about(plan: ActionPlan) -> str:
    return _("Plan: %(plan)s (%(organisation)s)") % {
        "plan": plan.name,
        "organisation": plan.organisation.name,
    }


def _short(text: str) -> str:
    # The first line as a person sees it: str.splitlines would also end a line at a
    # vertical tab, a form feed or NEL, which stored text may hold (issue 12, item 8).
    first_line = normalise_newlines(text).strip().split("\n")[0]
    return Truncator(first_line).chars(80)


def _monitor_events(by_id: dict[int, ActionPlan], plan_ids: list[int]) -> Iterable[FeedEvent]:
    monitors = monitors_of_plans(plan_ids=plan_ids)
    dates = {(m.plan_id, m.date) for m in monitors}
    announced: set[tuple[int, date]] = set()
    for monitor in monitors:
        plan = by_id[monitor.plan_id]
        yield FeedEvent(
            uid=f"{MONITOR}-{monitor.pk}",
            day=monitor.date,
            summary=_("Monitor %(plan)s") % {"plan": plan.name},
            description="\n".join(
                [
                    _about(plan),
                    _("State: %(state)s") % {"state": monitor.get_state_display()},
                ]
            ),
            path=reverse("monitoring:detail", kwargs={**_plan_kwargs(plan), "day": monitor.date}),
            category=_("Monitor"),
        )
        # The next monitor as announced by the latest monitor naming that date, unless
        # a monitor on that date exists already (then that one is in the feed).
        key = (monitor.plan_id, monitor.next_monitor_on)
        if monitor.next_monitor_on is None or key in dates or key in announced:
            continue
        announced.add((monitor.plan_id, monitor.next_monitor_on))
        yield FeedEvent(
            uid=f"{NEXT_MONITOR}-{monitor.pk}",
            day=monitor.next_monitor_on,
            summary=_("Next monitor %(plan)s") % {"plan": plan.name},
            description=_about(plan),
            path=reverse("monitoring:list", kwargs=_plan_kwargs(plan)),
            category=_("Monitor"),
        )


def _round_events(
    by_id: dict[int, ActionPlan], plan_ids: list[int], *, managed: set[int]
) -> Iterable[FeedEvent]:
    """The deadline links a coordinator to the round's progress, anyone else to "Mijn
    acties", where owners answer."""
    rounds = round_deadline_rows(plan_ids=plan_ids)
    for pk, deadline, plan_id, monitor_date in rounds:
        plan = by_id[plan_id]
        if plan_id in managed:
            path = reverse("rounds:detail", kwargs={**_plan_kwargs(plan), "day": monitor_date})
        else:
            path = reverse("my_actions:list")
        yield FeedEvent(
            uid=f"{ROUND_DEADLINE}-{pk}",
            day=deadline,
            summary=_("Update round deadline %(plan)s") % {"plan": plan.name},
            description="\n".join(
                [
                    _about(plan),
                    _("Update or confirm your actions for the monitor of %(date)s by this day.")
                    % {"date": date_format(monitor_date)},
                ]
            ),
            path=path,
            category=_("Update round"),
        )


def _communication_events(by_id: dict[int, ActionPlan], plan_ids: list[int]) -> Iterable[FeedEvent]:
    moments = communication_moments_of_plans(plan_ids=plan_ids)
    for moment in moments:
        plan = by_id[moment.plan_id]
        lines = [moment.text.strip(), _about(plan)]
        if moment.channel:
            lines.append(_("Channel: %(channel)s") % {"channel": moment.channel})
        lines.append(_("State: %(state)s") % {"state": moment.get_state_display()})
        yield FeedEvent(
            uid=f"{COMMUNICATION}-{moment.pk}",
            day=moment.date,
            summary=_("Communication: %(text)s") % {"text": _short(moment.text)},
            description="\n".join(lines),
            path=reverse("monitoring:communication", kwargs=_plan_kwargs(plan)),
            category=_("Communication"),
        )


def _attention_point_events(
    by_id: dict[int, ActionPlan], plan_ids: list[int]
) -> Iterable[FeedEvent]:
    for point in dated_attention_points_of_plans(plan_ids=plan_ids):
        plan = by_id[point.plan_id]
        assert point.date is not None  # noqa: S101 (the selector reads dated points only)
        yield FeedEvent(
            uid=f"{ATTENTION_POINT}-{point.pk}",
            day=point.date,
            summary=_("Attention point: %(text)s") % {"text": _short(point.text)},
            description="\n".join(
                [
                    point.text.strip(),
                    _about(plan),
                    _("Kind: %(kind)s") % {"kind": point.get_kind_display()},
                ]
            ),
            path=reverse("monitoring:attention_points", kwargs=_plan_kwargs(plan)),
            category=_("Attention point"),
        )


def _action_events(by_id: dict[int, ActionPlan], plan_ids: list[int]) -> Iterable[FeedEvent]:
    actions = due_action_rows(plan_ids=plan_ids)
    for pk, plan_id, code, title, status, due_date in actions:
        plan = by_id[plan_id]
        yield FeedEvent(
            uid=f"{ACTION_DUE}-{pk}",
            day=due_date,
            summary=_("Action %(code)s due: %(title)s") % {"code": code, "title": _short(title)},
            description="\n".join(
                [
                    f"{code} {title}",
                    _about(plan),
                    _("Status: %(status)s") % {"status": Status(status).label},
                ]
            ),
            path=reverse("plans:action_detail", kwargs={**_plan_kwargs(plan), "pk": pk}),
            category=_("Action"),
            order=natural_sort_key(code),
        )
