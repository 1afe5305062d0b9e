"""The demo's update round and the outside reviewer's comments (demo.data.helmond_round),
written through rounds.services and review.services, each answer and comment attributed
to its demo user (audit.context.acting_as).

Everything is dated in 2017, as the rest of the demo (demo.moments, which also dates
the audit trail): the services stamp what they record with the current time (an
answer's `responded_at`, a comment's `created_at` and `resolved_at`), so the loader sets
those to the demo's dates right after, through the services meant for loading history
(rounds.services.round_item_answered_at, review.services.comment_back_date), and closes
the round as of the day after its deadline (rounds.services.round_close with `at`).
Opening is the one step not done by rounds.services.round_open, which rightly refuses a
deadline in the past: the loader writes the round and its items as round_open would have
on the opening day (every action in the plan that day and not completed or cancelled on
it, asked of its owner then).

Dates still to come (only when "today" is set back, as tests do) are not written as if
they had passed: a round opening later is not opened, answers and comments dated later
are not given, a round closing later stays open, and a discussion resolved later stays
open.

Idempotent: a monitor on the round's date is reused (a final one gets no round), a
monitor that has a round keeps it (only closed once its closing day has come: a demo
loaded before the round was closed gets it closed), no round is opened while another of
the plan is open, and a comment whose text the plan already has is not added again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction

from mvimonitor.audit.context import acting_as
from mvimonitor.demo.data import DemoAnswer, DemoComment, DemoOrganisation, DemoRound
from mvimonitor.demo.moments import ANSWERED, COMMENTED, recorded_on
from mvimonitor.monitoring import selectors as monitoring_selectors
from mvimonitor.monitoring import services as monitoring_services
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.selectors import plan_action_by_code
from mvimonitor.review import services as review_services
from mvimonitor.review.selectors import plan_comment_bodies
from mvimonitor.rounds import selectors as round_selectors
from mvimonitor.rounds import services as round_services
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.plans.models import ActionPlan
    from mvimonitor.review.models import Comment
    from mvimonitor.rounds.models import UpdateRound


def _user(users: Mapping[Role, User], handle: str) -> User:
    return users[Role(handle.removeprefix("@"))]


@transaction.atomic
def demo_round_ensure(
    *, spec: DemoOrganisation, plan: ActionPlan, users: Mapping[Role, User]
) -> UpdateRound | None:
    """The round of `spec` with its answers, if the plan lacks it, closed once its
    closing day has come; returns it when new."""
    round_spec = spec.update_round
    if round_spec is None or round_spec.opened_on > today():
        return None
    coordinator = users[Role.COORDINATOR]
    monitor = monitoring_selectors.monitor_of_plan_on(plan=plan, day=round_spec.monitor_date)
    if monitor is None:
        with recorded_on(round_spec.opened_on):
            monitor = monitoring_services.monitor_create(
                plan=plan, by=coordinator, date=round_spec.monitor_date
            )
    if monitor.is_final:
        return None
    existing = round_selectors.round_for_monitor(monitor=monitor)
    if existing is not None:
        _close(round_spec, existing, by=coordinator)
        return None
    if round_selectors.plan_has_open_round(plan=plan):
        return None
    update_round = _round_open(round_spec, monitor=monitor, by=coordinator)
    for answer in (a for a in round_spec.answers if a.on <= today()):
        _answer(update_round, answer, by=_user(users, answer.by))
    _close(round_spec, update_round, by=coordinator)
    return update_round


def _round_open(spec: DemoRound, *, monitor: Monitor, by: User) -> UpdateRound:
    with recorded_on(spec.opened_on) as opened_at:
        return round_services.round_open_as_of(
            monitor=monitor,
            deadline=spec.deadline,
            message=spec.message,
            opened_on=spec.opened_on,
            opened_at=opened_at,
            by=by,
        )


def _close(spec: DemoRound, update_round: UpdateRound, *, by: User) -> None:
    """Close the round as of its closing day, if that has come and it is still open."""
    if spec.closed_on is None or spec.closed_on > today() or not update_round.is_open:
        return
    with acting_as(by), recorded_on(spec.closed_on) as closed_at:
        round_services.round_close(round=update_round, by=by, at=closed_at)


def _answer(update_round: UpdateRound, answer: DemoAnswer, *, by: User) -> None:
    item = round_selectors.round_item_of_action(round=update_round, code=answer.code)
    with acting_as(by), recorded_on(answer.on, ANSWERED) as answered_at:
        if answer.state == round_selectors.UPDATED:
            round_services.round_update(
                item=item, by=by, version=item.action.version, note=answer.note
            )
        else:
            round_services.round_confirm(item=item, by=by)
        round_services.round_item_answered_at(item=item, at=answered_at)


@transaction.atomic
def demo_comments_ensure(
    *, spec: DemoOrganisation, plan: ActionPlan, users: Mapping[Role, User]
) -> list[Comment]:
    """The comments of `spec` the plan lacks (by their text), with replies and
    resolutions; returns the new ones."""
    present = plan_comment_bodies(plan=plan)
    return [
        _comment(comment, plan=plan, users=users)
        for comment in spec.comments
        if comment.body not in present and comment.on <= today()
    ]


def _comment(spec: DemoComment, *, plan: ActionPlan, users: Mapping[Role, User]) -> Comment:
    action = plan_action_by_code(plan=plan, code=spec.code) if spec.code else None
    author = _user(users, spec.by)
    coordinator = users[Role.COORDINATOR]
    with acting_as(author), recorded_on(spec.on, COMMENTED) as written_at:
        comment = review_services.comment_add(
            plan=plan, author=author, body=spec.body, action=action
        )
        review_services.comment_back_date(comment=comment, created_at=written_at)
    replied_on = spec.replied_on or spec.resolved_on or spec.on
    if spec.reply and replied_on <= today():
        with acting_as(coordinator), recorded_on(replied_on) as replied_at:
            reply = review_services.comment_add(
                plan=plan, author=coordinator, body=spec.reply, action=action, parent=comment
            )
            review_services.comment_back_date(comment=reply, created_at=replied_at)
    if spec.resolved_on and spec.resolved_on <= today():
        with acting_as(coordinator), recorded_on(spec.resolved_on, ANSWERED) as resolved_at:
            review_services.comment_resolve(comment=comment, by=coordinator)
            review_services.comment_back_date(comment=comment, resolved_at=resolved_at)
    return comment
