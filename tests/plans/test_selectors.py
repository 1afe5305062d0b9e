"""The status of an action on date D, in memory and in the database.

`status_on` (pure) is checked against an independent reference; `action_statuses_on`
and `status_counts_per_period` (database) are checked against `status_on` on random
histories, and for a constant number of queries.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from mvimonitor.organisations.models import Organisation
from mvimonitor.plans import selectors, services
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange, Theme
from mvimonitor.plans.selectors import status_on
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from tests.factories import ActionFactory, ActionPlanFactory, OrganisationFactory, PeriodFactory

START = date(2017, 1, 1)
DAYS = 40  # a short span, so that random dates often coincide (ties)
#: A few fixed moments, so that random rows often share `recorded_at` too.
MOMENTS = [datetime(2017, 6, 1, 9, minute, tzinfo=UTC) for minute in (0, 0, 1, 2)]

days = st.integers(min_value=0, max_value=DAYS).map(lambda n: START + timedelta(days=n))
statuses = st.sampled_from(list(Status))


pytestmark = pytest.mark.usefixtures("english")


@dataclass(frozen=True)
class Row:
    effective_on: date
    recorded_at: datetime
    id: int | None
    to_status: str


def reference_status_on(rows: list[Row], on: date) -> Status:
    """Issue 2, item 4, read literally: order the history, keep what is effective on
    `on`, and take the last row; no row yet means not started."""
    ordered = sorted(rows, key=lambda r: (r.effective_on, r.recorded_at, r.id))
    effective = [r for r in ordered if r.effective_on <= on]
    return Status(effective[-1].to_status) if effective else Status.NOT_STARTED


@st.composite
def histories(draw: st.DrawFn) -> list[Row]:
    n = draw(st.integers(min_value=0, max_value=8))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    return [
        Row(draw(days), draw(st.sampled_from(MOMENTS)), row_id, draw(statuses)) for row_id in ids
    ]


@given(rows=histories(), on=days)
def test_status_on_agrees_with_the_reference(rows, on):
    assert status_on(rows, on) == reference_status_on(rows, on)


@given(rows=histories(), on=days)
def test_status_on_does_not_depend_on_the_order_of_the_rows(rows, on):
    assert status_on(list(reversed(rows)), on) == status_on(rows, on)


def test_status_on_is_not_started_before_the_first_row():
    rows = [Row(date(2017, 5, 1), MOMENTS[0], 1, Status.RUNNING)]
    assert status_on(rows, date(2017, 4, 30)) == Status.NOT_STARTED
    assert status_on(rows, date(2017, 5, 1)) == Status.RUNNING


def test_status_on_breaks_ties_by_recorded_at_then_by_id():
    same_day = date(2017, 5, 1)
    rows = [
        Row(same_day, MOMENTS[2], 1, Status.COMPLETED),  # recorded last: wins
        Row(same_day, MOMENTS[0], 3, Status.RUNNING),
        Row(same_day, MOMENTS[0], 2, Status.POSTPONED),
    ]
    assert status_on(rows, same_day) == Status.COMPLETED
    assert status_on(rows[1:], same_day) == Status.RUNNING  # same moment: higher id wins


# The database selectors against the pure version, on random histories.


@dataclass(frozen=True)
class ActionSpec:
    period: int  # index into the plan's two periods
    added_on: date
    withdrawn_after: int | None  # days after added_on, or never
    history: list[tuple[date, datetime, Status]]


@st.composite
def action_specs(draw: st.DrawFn) -> ActionSpec:
    added_on = draw(days)
    # Few distinct offsets, so that an action's rows often share their date.
    later = st.sampled_from([0, 1, 1, 5, 20]).map(lambda n: added_on + timedelta(days=n))
    history = draw(st.lists(st.tuples(later, st.sampled_from(MOMENTS), statuses), max_size=5))
    return ActionSpec(
        period=draw(st.integers(0, 1)),
        added_on=added_on,
        withdrawn_after=draw(st.none() | st.integers(0, DAYS)),
        history=history,
    )


class ActionStatusesOnTests(TestCase):
    """Random plans in a real database (each example in its own transaction)."""

    def build_plan(self, specs: list[ActionSpec], insertion_order: list[int]) -> ActionPlan:
        org = Organisation.objects.create(name="Gemeente Proef", slug="proef")
        plan = ActionPlan.objects.create(
            organisation=org,
            name="Plan",
            slug="plan",
            adopted_on=START,
            starts_on=START,
            ends_on=date(2020, 12, 31),
        )
        periods = [Period.objects.create(plan=plan, name=f"P{i}", position=i) for i in (0, 1)]
        rows: list[StatusChange] = []
        for number, spec in enumerate(specs):
            withdrawn = spec.withdrawn_after
            action = Action.objects.create(
                plan=plan,
                code=f"A{number}",
                title="Actie",
                period=periods[spec.period],
                added_on=spec.added_on,
                withdrawn_on=None if withdrawn is None else spec.added_on + timedelta(withdrawn),
                status=spec.history[-1][2] if spec.history else Status.NOT_STARTED,
            )
            rows += [
                StatusChange(action=action, to_status=to, effective_on=on, recorded_at=at)
                for on, at, to in spec.history
            ]
        # Insert in a shuffled order, so that ids do not follow the dates.
        ordered = [rows[i] for i in insertion_order if i < len(rows)]
        ordered += [row for row in rows if row not in ordered]
        for row in ordered:
            row.save()
        return plan

    @settings(max_examples=80, deadline=None)
    @given(
        specs=st.lists(action_specs(), max_size=6),
        insertion_order=st.permutations(list(range(30))),
        dates=st.lists(days, min_size=1, max_size=4),
    )
    def test_the_database_agrees_with_the_pure_version(self, specs, insertion_order, dates):
        plan = self.build_plan(specs, insertion_order)
        actions = list(Action.objects.filter(plan=plan).prefetch_related("status_changes"))
        for on in dates:
            expected = {
                a.pk: status_on(a.status_changes.all(), on)
                for a in actions
                if a.added_on <= on and (a.withdrawn_on is None or a.withdrawn_on > on)
            }
            assert selectors.action_statuses_on(plan=plan, on=on) == expected

            counted = Counter((a.period_id, expected[a.pk]) for a in actions if a.pk in expected)
            for period in selectors.status_counts_per_period(plan=plan, on=on):
                assert period.counts == {
                    status: n for (pid, status), n in counted.items() if pid == period.period_id
                }


# Fixed examples of the edges of "in the plan on D".


def test_an_action_added_after_the_date_is_in_no_figure(world):
    late = ActionFactory(
        period=world.owned_action.period,
        added_on=date(2017, 8, 28),
        status=Status.RUNNING,
        status_since=date(2017, 8, 28),
    )
    assert late.pk not in selectors.action_statuses_on(plan=world.plan, on=date(2017, 8, 27))
    assert selectors.action_statuses_on(plan=world.plan, on=date(2017, 8, 28))[late.pk] == (
        Status.RUNNING
    )


def test_an_action_withdrawn_on_or_before_the_date_is_in_no_figure(world):
    action = world.unowned_action
    Action.objects.filter(pk=action.pk).update(withdrawn_on=date(2017, 9, 1))
    assert action.pk in selectors.action_statuses_on(plan=world.plan, on=date(2017, 8, 31))
    assert action.pk not in selectors.action_statuses_on(plan=world.plan, on=date(2017, 9, 1))
    assert action.pk not in selectors.action_statuses_on(plan=world.plan, on=date(2017, 9, 2))


def test_an_action_in_the_plan_before_its_first_row_counts_as_not_started(world):
    action = ActionFactory(
        period=world.owned_action.period,
        added_on=date(2017, 4, 1),
        status=Status.RUNNING,
        status_since=date(2017, 6, 1),
    )
    assert selectors.action_statuses_on(plan=world.plan, on=date(2017, 5, 31))[action.pk] == (
        Status.NOT_STARTED
    )


def test_counts_per_period_list_every_period_in_plan_order(world):
    first, second = selectors.plan_periods(plan=world.plan)
    counts = selectors.status_counts_per_period(plan=world.plan, on=date(2017, 9, 20))
    assert [c.period_id for c in counts] == [first.pk, second.pk]
    assert counts[0].counts == {Status.RUNNING: 1, Status.NOT_STARTED: 1}
    assert counts[0].total == 2
    assert counts[1].counts == {} and counts[1].total == 0
    assert not counts[1].all_completed  # an empty period is not "all completed"
    assert [s for s, _ in counts[0].ordered_counts()] == list(STATUS_ORDER)


def test_a_period_whose_actions_are_all_completed_says_so(world):
    _, empty = selectors.plan_periods(plan=world.plan)
    ActionFactory(period=empty, status=Status.COMPLETED, status_since=date(2017, 5, 1))
    counts = selectors.status_counts_per_period(plan=world.plan, on=date(2017, 9, 20))
    assert counts[1].all_completed
    assert not counts[0].all_completed


def test_the_selectors_never_show_another_plans_actions(world):
    statuses_on = selectors.action_statuses_on(plan=world.plan, on=date(2017, 9, 20))
    assert world.other_action.pk not in statuses_on
    assert set(statuses_on) == {world.owned_action.pk, world.unowned_action.pk}


# A constant number of queries, whatever the size of the plan.


def _plan_with_actions(n: int) -> ActionPlan:
    plan = ActionPlanFactory(organisation=OrganisationFactory(slug=f"groot-{n}"))
    periods = [PeriodFactory(plan=plan, position=i) for i in range(4)]
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=f"B{i}",
            title="Actie",
            period=periods[i % 4],
            added_on=date(2017, 4, 1),
            status=Status.RUNNING,
        )
        for i in range(n)
    )
    StatusChange.objects.bulk_create(
        StatusChange(action=a, to_status=to, effective_on=on)
        for a in actions
        for to, on in ((Status.NOT_STARTED, date(2017, 4, 1)), (Status.RUNNING, date(2017, 6, 1)))
    )
    return plan


@pytest.mark.parametrize("size", [5, 200])
def test_statuses_on_a_date_take_one_query_whatever_the_plan_size(
    db, django_assert_num_queries, size
):
    plan = _plan_with_actions(size)
    with django_assert_num_queries(1):
        statuses_on = selectors.action_statuses_on(plan=plan, on=date(2017, 7, 1))
    assert len(statuses_on) == size
    assert set(statuses_on.values()) == {Status.RUNNING}


@pytest.mark.parametrize("size", [5, 200])
def test_counts_per_period_take_two_queries_whatever_the_plan_size(
    db, django_assert_num_queries, size
):
    plan = _plan_with_actions(size)
    with django_assert_num_queries(2):
        counts = selectors.status_counts_per_period(plan=plan, on=date(2017, 5, 1))
    assert sum(c.total for c in counts) == size
    assert all(set(c.counts) == {Status.NOT_STARTED} for c in counts)


# The other reads.


def test_organisation_plans_count_the_actions_not_withdrawn(world):
    Action.objects.filter(pk=world.unowned_action.pk).update(withdrawn_on=date(2017, 9, 1))
    plans = list(selectors.organisation_plans(organisation=world.helmond))
    assert plans == [world.plan]
    assert plans[0].action_count == 1


def test_the_history_of_an_action_is_in_date_order_then_recording_order(world):
    action = world.unowned_action  # first row effective 2017-05-01
    services.action_change_status(
        action=action, to_status=Status.RUNNING, by=world.editor, effective_on=date(2017, 6, 1)
    )
    services.action_change_status(
        action=action, to_status=Status.COMPLETED, by=world.editor, effective_on=date(2017, 6, 1)
    )
    history = list(selectors.action_history(action=action))
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, Status.NOT_STARTED),
        (Status.NOT_STARTED, Status.RUNNING),
        (Status.RUNNING, Status.COMPLETED),
    ]
    assert history[1].recorded_by == world.editor


def test_themes_for_an_organisation_are_the_national_list_and_its_own(world):
    own = Theme.objects.create(
        organisation=world.helmond,
        code="eigen",
        name="Eigen thema",
        name_en="Own theme",
        position=99,
    )
    foreign = Theme.objects.create(
        organisation=world.other, code="eigen", name="Ander thema", name_en="Other theme"
    )
    themes = set(selectors.themes_for_organisation(organisation=world.helmond))
    national = set(Theme.objects.filter(organisation=None))
    assert len(national) == 8  # the six MVOI themes and the two legacy ones
    assert themes == national | {own}
    assert foreign not in themes
