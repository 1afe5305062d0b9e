"""The report of a plan on a date (selectors.report_for_date): what each figure and list
means, at its edges, and that it costs a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.monitoring.selectors import (
    add_months,
    attention_point_texts,
    communication_moment_texts,
    communication_moments_of_plans,
    dated_attention_points_of_plans,
    monitor_dates,
    monitor_of_plan_on,
    monitors_of_plans,
    previous_monitor,
    report_for_date,
)
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, StatusChange
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory, ActionPlanFactory, PeriodFactory
from tests.monitoring.factories import (
    AttentionPointFactory,
    CommunicationMomentFactory,
    MonitorFactory,
    frozen_monitor,
)
from tests.monitoring.helpers import change

D = date(2017, 9, 20)
PREVIOUS = date(2017, 7, 12)


def counts(report, period_index: int = 0) -> dict[str, int]:
    return report.periods[period_index].counts


def codes(items) -> list[str]:
    return [item.code for item in items]


# -- figures at a date ------------------------------------------------------------------


def test_the_figures_at_a_past_date_ignore_later_changes(world):
    a1, a2 = world.owned_action, world.unowned_action
    change(a2, Status.RUNNING, date(2017, 10, 15))
    change(a1, Status.COMPLETED, date(2017, 11, 1))
    ActionFactory(
        period=a1.period, code="A3", added_on=date(2017, 10, 10), status_since=date(2017, 10, 10)
    )
    services.action_withdraw(
        action=a2,
        expected_version=Action.objects.get(pk=a2.pk).version,
        by=None,
        withdrawn_on=date(2017, 11, 10),
    )

    then = report_for_date(plan=world.plan, on=D)
    later = report_for_date(plan=world.plan, on=date(2017, 11, 15))

    assert counts(then) == {
        "not_started": 1,
        "running": 1,
        "completed": 0,
        "postponed": 0,
        "cancelled": 0,
    }
    assert then.total == 2
    assert counts(later) == {
        "not_started": 1,
        "running": 0,
        "completed": 1,
        "postponed": 0,
        "cancelled": 0,
    }


def test_a_period_without_actions_is_listed_in_plan_order_with_zeros(world):
    report = report_for_date(plan=world.plan, on=D)

    assert [p.name for p in report.periods] == ["Aan de slag in 2017", "Actie doorlopend"]
    empty = report.periods[1]
    assert (empty.total, empty.all_completed) == (0, False)
    assert set(empty.counts.values()) == {0} and set(empty.change.values()) == {0}


def test_a_period_whose_actions_are_all_completed_is_ticked(world):
    change(world.owned_action, Status.COMPLETED, date(2017, 9, 1))
    assert not report_for_date(plan=world.plan, on=D).periods[0].all_completed
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 2))
    assert report_for_date(plan=world.plan, on=D).periods[0].all_completed


def test_an_empty_plan_has_an_empty_report(db):
    plan = ActionPlanFactory()
    report = report_for_date(plan=plan, on=D)

    assert report.periods == [] and report.total == 0
    assert report.realised == report.planned == report.attention_points == []
    assert report.communication_realised == report.communication_planned == []
    assert report.trend == []
    assert set(report.totals().values()) == {0}


def test_a_plan_with_periods_but_no_actions_counts_zero_everywhere(db):
    plan = ActionPlanFactory()
    PeriodFactory(plan=plan, name="Eerst")
    PeriodFactory(plan=plan, name="Daarna")
    report = report_for_date(plan=plan, on=D)

    assert [(p.name, p.total) for p in report.periods] == [("Eerst", 0), ("Daarna", 0)]


def test_the_change_per_period_is_measured_from_the_previous_finalised_monitor(world):
    frozen_monitor(world.plan, PREVIOUS)
    change(world.unowned_action, Status.RUNNING, date(2017, 8, 1))
    change(world.owned_action, Status.COMPLETED, date(2017, 9, 1))

    report = report_for_date(plan=world.plan, on=D)

    assert report.periods[0].change == {
        "not_started": -1,
        "running": 0,
        "completed": 1,
        "postponed": 0,
        "cancelled": 0,
    }
    assert report.total_change()["completed"] == 1


# -- the previous monitor ---------------------------------------------------------------


def test_without_a_finalised_monitor_the_adoption_date_is_the_baseline(world):
    change(world.owned_action, Status.COMPLETED, date(2017, 9, 1))
    report = report_for_date(plan=world.plan, on=D)

    assert report.previous_monitor_date is None
    assert report.baseline_date == world.plan.adopted_on == date(2017, 4, 1)
    assert codes(report.realised) == ["A1"]
    # Change since the adoption: A1 was running then.
    assert report.periods[0].change["completed"] == 1


def test_drafts_never_count_as_the_previous_monitor(world):
    MonitorFactory(plan=world.plan, date=PREVIOUS)
    report = report_for_date(plan=world.plan, on=D)

    assert report.previous_monitor_date is None
    assert report.baseline_date == world.plan.adopted_on


def test_the_previous_monitor_is_the_latest_finalised_one_before_the_date(world):
    frozen_monitor(world.plan, date(2017, 5, 10))
    frozen_monitor(world.plan, PREVIOUS)
    MonitorFactory(plan=world.plan, date=date(2017, 8, 1))  # a draft in between
    frozen_monitor(world.plan, D)  # on the date itself: not "previous"
    frozen_monitor(world.plan, date(2017, 11, 22))  # after it

    assert previous_monitor(plan=world.plan, before=D).date == PREVIOUS
    report = report_for_date(plan=world.plan, on=D)
    assert (report.previous_monitor_date, report.baseline_date) == (PREVIOUS, PREVIOUS)


def test_another_plans_monitors_are_not_the_previous_monitor(world):
    frozen_monitor(world.other_plan, PREVIOUS)
    assert report_for_date(plan=world.plan, on=D).previous_monitor_date is None


# -- realised actions -------------------------------------------------------------------


def test_realised_actions_were_not_completed_on_the_previous_date_and_are_on_d(world):
    period = world.owned_action.period
    on_previous = ActionFactory(period=period, code="R1", status=Status.RUNNING)
    change(on_previous, Status.COMPLETED, PREVIOUS)
    day_after = ActionFactory(period=period, code="R2", status=Status.RUNNING)
    change(day_after, Status.COMPLETED, date(2017, 7, 13))
    on_d = ActionFactory(period=period, code="R3", result="Niet meedoen in 2017")
    change(on_d, Status.COMPLETED, D)
    after_d = ActionFactory(period=period, code="R4", status=Status.RUNNING)
    change(after_d, Status.COMPLETED, date(2017, 9, 21))
    ActionFactory(
        period=period,
        code="R5",
        status=Status.COMPLETED,
        added_on=date(2017, 8, 1),
        status_since=date(2017, 8, 1),
    )
    frozen_monitor(world.plan, PREVIOUS)

    report = report_for_date(plan=world.plan, on=D)

    assert codes(report.realised) == ["R2", "R3", "R5"]
    by_code = {item.code: item for item in report.realised}
    assert by_code["R3"].result == "Niet meedoen in 2017"
    assert by_code["R3"].status == "completed"
    assert (by_code["R2"].is_new, by_code["R5"].is_new) == (False, True)


def test_an_action_completed_reopened_and_completed_again_is_not_realised_twice(world):
    action = world.owned_action
    change(action, Status.COMPLETED, date(2017, 7, 1))
    frozen_monitor(world.plan, PREVIOUS)
    change(action, Status.RUNNING, date(2017, 8, 1), note="Toch nog niet klaar")
    change(action, Status.COMPLETED, date(2017, 9, 1))

    assert report_for_date(plan=world.plan, on=D).realised == []


def test_a_withdrawn_action_is_in_no_list(world):
    action = world.owned_action
    change(action, Status.COMPLETED, date(2017, 9, 1))
    services.action_withdraw(
        action=action,
        expected_version=Action.objects.get(pk=action.pk).version,
        by=None,
        withdrawn_on=date(2017, 9, 15),
    )
    report = report_for_date(plan=world.plan, on=D)
    assert report.realised == [] and report.total == 1


# -- planned actions: the window --------------------------------------------------------


@pytest.fixture
def window_actions(world):
    """Actions around the window (20 Sep 2017, 20 Nov 2017] of a two-month plan."""
    period = world.owned_action.period
    made = {
        "due-last-day": {"due_date": date(2017, 11, 20)},
        "due-on-d": {"due_date": D},
        "due-day-after-window": {"due_date": date(2017, 11, 21)},
        "start-in-window": {"start_date": date(2017, 9, 21), "due_date": date(2018, 6, 1)},
        "start-on-d": {"start_date": D, "due_date": date(2018, 1, 1)},
        "start-last-day": {"start_date": date(2017, 11, 20)},
        "postponed": {"due_date": date(2017, 10, 1), "status": Status.POSTPONED},
        "running": {"due_date": date(2017, 10, 1), "status": Status.RUNNING},
        "completed": {"due_date": date(2017, 10, 1), "status": Status.COMPLETED},
        "cancelled": {"due_date": date(2017, 10, 1), "status": Status.CANCELLED},
        "no-dates": {},
    }
    for code, fields in made.items():
        ActionFactory(period=period, code=code, **fields)
    return made


def test_planned_actions_are_open_and_start_or_fall_due_in_the_window(world, window_actions):
    report = report_for_date(plan=world.plan, on=D)

    assert report.window_end == date(2017, 11, 20)
    assert sorted(codes(report.planned)) == sorted(
        ["due-last-day", "start-in-window", "start-last-day", "postponed", "running"]
    )


def test_the_planning_window_is_a_plan_setting(world, window_actions):
    world.plan.planning_window_months = 1
    world.plan.save(update_fields=["planning_window_months"])

    report = report_for_date(plan=world.plan, on=D)

    assert (report.window_months, report.window_end) == (1, date(2017, 10, 20))
    assert sorted(codes(report.planned)) == ["postponed", "running", "start-in-window"]


def test_a_planned_action_shows_its_status_on_d_not_today(world, window_actions):
    change(Action.objects.get(code="running"), Status.COMPLETED, date(2017, 10, 2))
    item = next(i for i in report_for_date(plan=world.plan, on=D).planned if i.code == "running")
    assert item.status == "running"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2017, 9, 20), 2, date(2017, 11, 20)),
        (date(2017, 12, 31), 2, date(2018, 2, 28)),
        (date(2019, 12, 31), 2, date(2020, 2, 29)),
        (date(2017, 11, 30), 3, date(2018, 2, 28)),
        (date(2017, 1, 31), 12, date(2018, 1, 31)),
    ],
)
def test_the_window_ends_on_the_same_day_months_later_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


def test_actions_added_after_the_previous_monitor_are_marked_new(world):
    period = world.owned_action.period
    due = {"due_date": date(2017, 10, 15), "status": Status.RUNNING}
    ActionFactory(
        period=period,
        code="N-before",
        added_on=date(2017, 6, 1),
        status_since=date(2017, 6, 1),
        **due,
    )
    ActionFactory(
        period=period, code="N-on-previous", added_on=PREVIOUS, status_since=PREVIOUS, **due
    )
    ActionFactory(
        period=period,
        code="N-after",
        added_on=date(2017, 8, 1),
        status_since=date(2017, 8, 1),
        **due,
    )
    ActionFactory(period=period, code="N-adopted", **due)

    before_any_monitor = {i.code: i.is_new for i in report_for_date(plan=world.plan, on=D).planned}
    frozen_monitor(world.plan, PREVIOUS)
    report = report_for_date(plan=world.plan, on=D)

    assert before_any_monitor == {
        "N-adopted": False,
        "N-after": True,
        "N-before": True,
        "N-on-previous": True,
    }
    assert {i.code: i.is_new for i in report.planned} == {
        "N-adopted": False,
        "N-after": True,
        "N-before": False,
        "N-on-previous": False,
    }
    assert next(i for i in report.planned if i.code == "N-after").status == "running"


# -- attention points and communication moments -----------------------------------------


def test_attention_points_open_on_d_are_shown(world):
    plan = world.plan
    AttentionPointFactory(plan=plan, text="raised on D", raised_on=D)
    AttentionPointFactory(plan=plan, text="raised after D", raised_on=date(2017, 9, 21))
    AttentionPointFactory(plan=plan, text="closed on D", closed_on=D)
    AttentionPointFactory(plan=plan, text="closed after D", closed_on=date(2017, 9, 21))
    AttentionPointFactory(plan=plan, text="closed before D", closed_on=date(2017, 9, 1))
    AttentionPointFactory(plan=plan, text="never closed")
    AttentionPointFactory(plan=world.other_plan, text="another plan's")

    shown = [p.text for p in report_for_date(plan=plan, on=D).attention_points]

    assert sorted(shown) == ["closed after D", "never closed", "raised on D"]


def test_an_attention_point_keeps_its_kind_and_event_date(world):
    AttentionPointFactory(
        plan=world.plan, kind="event", text="Regionaal netwerk MVI", date=date(2017, 9, 25)
    )
    (point,) = report_for_date(plan=world.plan, on=D).attention_points
    assert (point.kind, point.date) == ("event", date(2017, 9, 25))


def test_communication_realised_since_the_previous_monitor_and_planned_after_d(world):
    plan = world.plan
    realised, planned = "realised", "planned"
    CommunicationMomentFactory(plan=plan, text="on previous", date=PREVIOUS, state=realised)
    CommunicationMomentFactory(plan=plan, text="day after", date=date(2017, 7, 13), state=realised)
    CommunicationMomentFactory(plan=plan, text="on D", date=D, state=realised)
    CommunicationMomentFactory(plan=plan, text="planned on D, not done", date=D, state=planned)
    CommunicationMomentFactory(plan=plan, text="ahead", date=date(2017, 10, 4), state=planned)
    CommunicationMomentFactory(plan=plan, text="done later", date=date(2017, 9, 25), state=realised)
    CommunicationMomentFactory(plan=world.other_plan, text="other", date=D, state=realised)
    frozen_monitor(plan, PREVIOUS)

    report = report_for_date(plan=plan, on=D)

    assert [c.text for c in report.communication_realised] == ["day after", "on D"]
    assert [c.text for c in report.communication_planned] == ["done later", "ahead"]


def test_without_a_previous_monitor_communication_is_realised_since_adoption(world):
    plan = world.plan
    CommunicationMomentFactory(plan=plan, text="on adoption", date=plan.adopted_on)
    CommunicationMomentFactory(plan=plan, text="after adoption", date=date(2017, 4, 2))
    report = report_for_date(plan=plan, on=D)
    assert [c.text for c in report.communication_realised] == ["after adoption"]


# -- the trend --------------------------------------------------------------------------


def test_the_trend_comes_from_the_frozen_editions_of_earlier_monitors(world):
    frozen_monitor(world.plan, PREVIOUS)
    change(world.owned_action, Status.COMPLETED, date(2017, 8, 1))
    frozen_monitor(world.plan, date(2017, 8, 15))
    MonitorFactory(plan=world.plan, date=date(2017, 9, 1))  # drafts have no point
    # A back-dated change after both were finalised does not move their points.
    change(world.unowned_action, Status.COMPLETED, date(2017, 7, 1))

    trend = report_for_date(plan=world.plan, on=D).trend

    assert [(t.date, t.completed, t.total) for t in trend] == [
        (PREVIOUS, 0, 2),
        (date(2017, 8, 15), 1, 2),
    ]


# -- a constant number of queries -------------------------------------------------------


def _plan_with_periods() -> tuple[ActionPlan, list]:
    plan = ActionPlanFactory()
    return plan, [PeriodFactory(plan=plan, name=f"Periode {n}", position=n) for n in range(3)]


STATUSES = list(Status)


def _shape(i: int) -> dict:
    """Action i of a generated plan: every status, dates in and out of the window, some
    actions new; so that every list of the report has rows."""
    return {
        "status": STATUSES[i % len(STATUSES)],
        "added_on": date(2017, 8, 1) if i % 7 == 0 else date(2017, 4, 1),
        "due_date": date(2017, 9, 25) + (date(2017, 1, 2) - date(2017, 1, 1)) * (i % 90),
    }


def _small_plan(n: int) -> ActionPlan:
    plan, periods = _plan_with_periods()
    for i in range(n):
        shape = _shape(i)
        services.action_create(
            plan=plan,
            code=f"K{i:04d}",
            title=f"Actie {i}",
            period=periods[i % 3],
            by=None,
            status_since=shape["added_on"],
            **shape,
        )
    return plan


def _large_plan(n: int) -> ActionPlan:
    plan, periods = _plan_with_periods()
    actions = Action.objects.bulk_create(
        Action(plan=plan, code=f"G{i:04d}", title=f"Actie {i}", period=periods[i % 3], **_shape(i))
        for i in range(n)
    )
    StatusChange.objects.bulk_create(
        StatusChange(action=a, to_status=a.status, effective_on=a.added_on) for a in actions
    )
    return plan


def _with_extras(plan: ActionPlan, monitors: int) -> ActionPlan:
    AttentionPointFactory(plan=plan)
    CommunicationMomentFactory(plan=plan)
    CommunicationMomentFactory(plan=plan, date=date(2017, 10, 4), state="planned")
    for n in range(monitors):
        frozen_monitor(plan, date(2017, 4, 2) + (date(2017, 1, 8) - date(2017, 1, 1)) * n)
    return plan


def _queries(plan: ActionPlan, on: date = D) -> tuple[int, object]:
    fresh = ActionPlan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as captured:
        report = report_for_date(plan=fresh, on=on)
    return len(captured), report


def test_the_report_runs_as_many_queries_for_1000_actions_as_for_10(db):
    small = _with_extras(_small_plan(10), monitors=1)
    large = _with_extras(_large_plan(1000), monitors=1)

    small_count, small_report = _queries(small)
    large_count, large_report = _queries(large)

    assert large_report.total == 1000 and small_report.total == 10
    assert large_report.realised and large_report.planned and large_report.trend
    assert small_report.realised and small_report.planned
    assert small_count == large_count
    assert large_count <= 15


def test_the_report_runs_as_many_queries_with_20_finalised_monitors_as_with_1(db):
    one = _with_extras(_small_plan(10), monitors=1)
    twenty = _with_extras(_small_plan(10), monitors=20)

    one_count, one_report = _queries(one)
    twenty_count, twenty_report = _queries(twenty)

    assert (len(one_report.trend), len(twenty_report.trend)) == (1, 20)
    assert one_count == twenty_count


# -- a monitor by its date ----------------------------------------------------------------


def test_the_monitor_of_a_plan_on_a_day_is_that_plans_monitor_of_that_day_or_none(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    MonitorFactory(plan=world.other_plan, date=PREVIOUS)
    found = monitor_of_plan_on(plan=world.plan, day=D)
    assert found == monitor
    assert found.plan is world.plan
    assert monitor_of_plan_on(plan=world.plan, day=PREVIOUS) is None


def test_the_monitors_of_plans_are_read_per_plan_the_latest_first(world):
    first, second = (MonitorFactory(plan=world.plan, date=day) for day in (PREVIOUS, D))
    other = MonitorFactory(plan=world.other_plan, date=D)
    assert monitors_of_plans(plan_ids=[world.plan.pk]) == [second, first]
    assert set(monitors_of_plans(plan_ids=[world.plan.pk, world.other_plan.pk])) == {
        first,
        second,
        other,
    }


def test_the_communication_moments_of_plans_are_only_those_plans_moments(world):
    moment = CommunicationMomentFactory(plan=world.plan)
    CommunicationMomentFactory(plan=world.other_plan)
    assert list(communication_moments_of_plans(plan_ids=[world.plan.pk])) == [moment]


def test_the_dated_attention_points_of_plans_leave_out_points_without_a_date(world):
    dated = AttentionPointFactory(plan=world.plan, date=D)
    AttentionPointFactory(plan=world.plan, date=None)
    assert list(dated_attention_points_of_plans(plan_ids=[world.plan.pk])) == [dated]


def test_the_monitor_dates_and_item_texts_of_a_plan_are_that_plans_only(world):
    MonitorFactory(plan=world.plan, date=D)
    MonitorFactory(plan=world.other_plan, date=PREVIOUS)
    AttentionPointFactory(plan=world.plan, text="Budget")
    CommunicationMomentFactory(plan=world.plan, text="Raadsbrief")
    CommunicationMomentFactory(plan=world.other_plan, text="Elders")
    assert monitor_dates(plan=world.plan) == {D}
    assert attention_point_texts(plan=world.plan) == {"Budget"}
    assert communication_moment_texts(plan=world.plan) == {"Raadsbrief"}
