"""The demo's update round before the monitor of 22 November 2017 and the outside
reviewer's comments: dated in 2017, answered through the rounds services by the demo
users, shown in the draft monitor's report, and loaded once."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from mvimonitor.accounts.models import User
from mvimonitor.audit.models import AuditEntry
from mvimonitor.demo.data.helmond_round import COMMENTS, ROUND
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.models import ActionPlan
from mvimonitor.review.models import Comment
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.rounds.selectors import my_open_items

pytestmark = pytest.mark.usefixtures("demo")

NEXT_MONITOR = date(2017, 11, 22)


def helmond_plan() -> ActionPlan:
    return ActionPlan.objects.get(organisation__slug="helmond", slug="helmond-mvi")


def demo_round() -> UpdateRound:
    return UpdateRound.objects.select_related("monitor").get(monitor__plan=helmond_plan())


def test_the_outside_reviewer_sees_only_the_helmond_plan_until_2030():
    membership = Membership.objects.select_related("user", "plan").get(
        user__email="reviewer@helmond.demo"
    )
    assert membership.role == Role.REVIEWER
    assert membership.user.full_name == "Dr. Anouk Verhoeven (extern)"
    assert (membership.plan, membership.expires_on) == (helmond_plan(), date(2030, 12, 31))


def test_the_next_monitor_is_a_draft_whose_round_closed_after_its_deadline():
    update_round = demo_round()
    monitor = update_round.monitor

    assert (monitor.date, monitor.state) == (NEXT_MONITOR, Monitor.State.DRAFT)
    assert update_round.deadline == date(2017, 11, 15) and not update_round.is_open
    assert timezone.localdate(update_round.opened_at) == date(2017, 10, 25)
    assert timezone.localdate(update_round.closed_at) == date(2017, 11, 16)
    assert update_round.closed_by.email == "coordinator@helmond.demo"
    closing = AuditEntry.objects.get(
        model="rounds.UpdateRound", object_id=str(update_round.pk), operation="update"
    )
    assert timezone.localdate(closing.at) == date(2017, 11, 16)
    items = RoundItem.objects.filter(round=update_round).order_by()
    states = dict(items.values_list("state").annotate(n=Count("pk")))
    assert states == {"updated": 5, "confirmed": 9, "open": 49}


def test_answers_are_dated_in_november_2017_and_by_the_demo_users():
    answered = RoundItem.objects.filter(round=demo_round()).exclude(state="open")
    days = {timezone.localdate(i.responded_at) for i in answered}
    assert min(days) == date(2017, 10, 30) and max(days) == date(2017, 11, 15)
    by = set(answered.values_list("responded_by__email", flat=True))
    assert by == {"owner@helmond.demo", "coordinator@helmond.demo", "editor@helmond.demo"}
    assert AuditEntry.objects.filter(model="rounds.RoundItem", actor_label__contains="Kim").exists()


def test_the_closed_round_asks_the_demo_owner_nothing_more_and_keeps_her_unanswered_items():
    owner = User.objects.get(email="owner@helmond.demo")
    assert len(my_open_items(user=owner)) == 0
    unanswered = RoundItem.objects.filter(round=demo_round(), owner=owner, state="open")
    assert unanswered.count() == 7


def test_the_next_monitors_report_shows_the_rounds_result():
    monitor = demo_round().monitor
    section = report_for_date(plan=monitor.plan, on=monitor.date, monitor=monitor).section("round")

    assert (section.updated, section.confirmed, section.open, section.total) == (5, 9, 49, 63)
    assert section.closed
    codes = [a.code for a in section.not_answered]
    assert "2.27" in codes and "2.09" not in codes and "2.13" not in codes
    assert {a.owner for a in section.not_answered} >= {"Kim van den Boomen", "Peter Smits"}


def test_the_reviewer_commented_and_the_coordinator_resolved_one_discussion():
    threads = Comment.objects.filter(plan=helmond_plan(), parent=None).order_by("created_at")
    assert [c.author.email for c in threads] == ["reviewer@helmond.demo"] * len(COMMENTS)
    resolved, open_thread = threads
    assert resolved.action.code == "2.12" and resolved.resolved_by.email == (
        "coordinator@helmond.demo"
    )
    assert timezone.localdate(resolved.resolved_at) == date(2017, 11, 13)
    assert resolved.replies.get().author.email == "coordinator@helmond.demo"
    assert open_thread.action is None and open_thread.resolved_at is None
    assert timezone.localdate(open_thread.created_at) == date(2017, 11, 20)


def test_loading_again_adds_no_round_answer_or_comment():
    def state():
        return (
            UpdateRound.objects.count(),
            list(RoundItem.objects.order_by("pk").values_list("state", "responded_at")),
            Comment.objects.count(),
            Monitor.objects.count(),
        )

    before = state()
    with override_settings(DEMO_MODE=True):
        out = io.StringIO()
        call_command("load_demo", stdout=out)

    assert state() == before
    assert "15 november 2017" not in out.getvalue()  # the deadline: no round reported


def test_the_load_command_reports_the_round_and_prints_the_reviewers_login(demo):
    assert "15 november 2017" in demo
    assert "reviewer@helmond.demo" in demo and "demo-reviewer-2017" in demo
    assert len(ROUND.answers) == 14
