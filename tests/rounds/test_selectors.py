from datetime import date, datetime, timedelta

import pytest

from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations.models import Membership
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import selectors, services
from mvimonitor.rounds.models import RoundItem
from tests.factories import ActionFactory, PeriodFactory, UserFactory
from tests.rounds.conftest import AMSTERDAM, DEADLINE, item_of

pytestmark = pytest.mark.django_db


def confirm(update_round, action, by):
    services.round_confirm(item=item_of(update_round, action), by=by)


def update(update_round, action, by, **changes):
    action.refresh_from_db()
    changes.setdefault("note", "Loopt volgens plan")
    services.round_update(
        item=item_of(update_round, action), by=by, version=action.version, **changes
    )


@pytest.fixture
def busy_round(world, monitor):
    """A1 (owner) updated, A3 (owner) confirmed, A4 (owner, second period) open, A2 (no
    owner) open, A5 (P. Jansen, no account) open."""
    period = world.owned_action.period
    second = world.plan.periods.get(position=1)
    a3 = ActionFactory(period=period, code="A3", owner=world.owner)
    a4 = ActionFactory(period=second, code="A4", owner=world.owner)
    ActionFactory(period=second, code="A5", owner_name="P. Jansen")
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    update(update_round, world.owned_action, world.owner)
    confirm(update_round, a3, world.owner)
    return update_round, a4


def test_progress_counts_per_owner_per_period_and_in_total(world, busy_round):
    update_round, _a4 = busy_round
    progress = selectors.round_progress(round=update_round)

    owners = {row.label: (row.updated, row.confirmed, row.open) for row in progress.owners}
    assert owners == {
        world.owner.display_name: (1, 1, 1),
        "P. Jansen": (0, 0, 1),
        "": (0, 0, 1),
    }
    owner_row = next(row for row in progress.owners if row.owner_id == world.owner.pk)
    assert (owner_row.total, owner_row.answered, owner_row.percent) == (3, 2, 67)  # half up
    periods = [(row.label, row.updated, row.confirmed, row.open) for row in progress.periods]
    assert periods == [("Aan de slag in 2017", 1, 1, 1), ("Actie doorlopend", 0, 0, 2)]
    totals = progress.totals
    assert (totals.updated, totals.confirmed, totals.open, totals.percent) == (1, 1, 3, 40)


def test_owners_with_the_most_open_actions_come_first_then_by_name(world, monitor):
    period = world.owned_action.period
    ActionFactory(period=period, code="A3", owner_name="P. Jansen")
    ActionFactory(period=period, code="A4", owner_name="P. Jansen")
    ActionFactory(period=period, code="A5", owner_name="K. de Vries")
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    labels = [row.label for row in selectors.round_progress(round=update_round).owners]
    assert labels[0] == "P. Jansen"
    assert labels[1:] == sorted(labels[1:], key=str.casefold)


def test_the_progress_digest_changes_when_a_count_changes(world, busy_round):
    update_round, a4 = busy_round
    before = selectors.round_progress(round=update_round).digest()
    assert selectors.round_progress(round=update_round).digest() == before
    confirm(update_round, a4, world.owner)
    assert selectors.round_progress(round=update_round).digest() != before


@pytest.mark.parametrize("extra", [0, 40])
def test_progress_takes_two_queries_however_large_the_round(
    world, monitor, django_assert_num_queries, extra
):
    period = world.owned_action.period
    for n in range(extra):
        owner = UserFactory()
        Membership.objects.create(user=owner, organisation=world.helmond, role="owner")
        ActionFactory(period=period, code=f"B{n:02d}", owner=owner)
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    with django_assert_num_queries(2):
        selectors.round_progress(round=update_round)


def test_my_open_items_are_the_open_ones_of_my_actions_in_open_rounds(world, busy_round):
    open_codes = [item.action.code for item in selectors.my_open_items(user=world.owner)]
    assert open_codes == ["A4"]
    all_codes = [item.action.code for item in selectors.my_round_items(user=world.owner)]
    assert all_codes == ["A1", "A3", "A4"]
    assert selectors.my_open_item_count(user=world.owner) == 1
    assert selectors.my_open_items(user=world.editor).count() == 0


def test_a_closed_round_leaves_nothing_to_do(world, busy_round):
    update_round, _a4 = busy_round
    services.round_close(round=update_round, by=world.coordinator)
    assert selectors.my_round_items(user=world.owner).count() == 0
    assert selectors.my_open_item_count(user=world.owner) == 0


def test_my_items_span_my_organisations_but_not_those_i_left(world, busy_round):
    other_round_action = world.other_action
    Membership.objects.create(user=world.owner, organisation=world.other, role="owner")
    plan_services.action_update(
        action=other_round_action, expected_version=1, by=None, owner=world.owner
    )
    other_monitor = Monitor.objects.create(plan=world.other_plan, date=date(2017, 10, 1))
    services.round_open(monitor=other_monitor, deadline=DEADLINE, by=world.outsider)
    assert {i.action.code for i in selectors.my_open_items(user=world.owner)} == {"A4", "X1"}
    Membership.objects.filter(user=world.owner, organisation=world.other).delete()
    assert {i.action.code for i in selectors.my_open_items(user=world.owner)} == {"A4"}


@pytest.mark.parametrize("extra", [0, 30])
def test_my_items_take_one_query(world, busy_round, django_assert_num_queries, extra):
    update_round, _a4 = busy_round
    for n in range(extra):
        action = ActionFactory(period=world.owned_action.period, code=f"C{n:02d}")
        RoundItem.objects.create(round=update_round, action=action, owner=world.owner)
        Action.objects.filter(pk=action.pk).update(owner=world.owner)
    with django_assert_num_queries(1):
        items = list(selectors.my_round_items(user=world.owner))
        for item in items:
            assert item.action.plan.organisation.name and item.action.period.name
            assert item.round.monitor.date
    assert len(items) == 3 + extra


def test_open_round_for_a_plan(world, busy_round):
    update_round, _a4 = busy_round
    assert selectors.open_round_for(plan=world.plan) == update_round
    assert selectors.open_round_for(plan=world.other_plan) is None
    services.round_close(round=update_round, by=world.coordinator)
    assert selectors.open_round_for(plan=world.plan) is None


def test_the_round_result_lists_what_was_not_answered(world, busy_round, monitor):
    update_round, _a4 = busy_round
    services.round_close(round=update_round, by=world.coordinator)
    result = selectors.round_result(monitor=monitor)
    assert (result.updated, result.confirmed, result.open, result.total) == (1, 1, 3, 5)
    assert result.closed is True
    missing = [(a.code, a.owner) for a in result.not_answered]
    assert missing == [("A2", ""), ("A4", world.owner.display_name), ("A5", "P. Jansen")]
    data = result.to_dict()
    assert data["deadline"] == "2017-09-15"
    a4 = Action.objects.get(code="A4")
    assert data["not_answered"][1] == {
        "action_id": a4.pk,
        "code": "A4",
        "title": a4.title,
        "owner": world.owner.display_name,
        "period": "Actie doorlopend",
    }
    assert (data["updated"], data["confirmed"], data["open"], data["total"]) == (1, 1, 3, 5)


def test_a_monitor_without_a_round_has_no_round_result(world, monitor):
    assert selectors.round_result(monitor=monitor) is None


def test_the_round_result_takes_two_queries(world, busy_round, monitor, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.round_result(monitor=monitor)


# Stale actions.


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def quiet_plan(world, clock, settings):
    """S1, not started, to start on 1 April 2017 and last touched then (its first status
    row and creation); STALE_AFTER_DAYS is 90, so it is not updated from 1 July 2017 on."""
    settings.STALE_AFTER_DAYS = 90
    clock.move_to(at(date(2017, 4, 1)))
    period = PeriodFactory(plan=world.plan, name="Stil", position=5)
    action = ActionFactory(period=period, code="S1", owner=world.owner, start_date=date(2017, 4, 1))
    return action


def test_an_action_is_stale_the_day_after_the_limit_not_on_it(world, quiet_plan):
    action = quiet_plan
    day_90 = date(2017, 4, 1) + timedelta(days=90)  # 30 June 2017
    assert action.pk not in selectors.stale_action_ids(plan=world.plan, on=day_90)
    assert action.pk in selectors.stale_action_ids(plan=world.plan, on=day_90 + timedelta(days=1))


def test_a_status_change_an_edit_or_an_answer_in_a_round_makes_it_fresh(world, quiet_plan, clock):
    action = quiet_plan
    on = date(2017, 9, 10)
    assert action.pk in selectors.stale_action_ids(plan=world.plan, on=on)

    clock.move_to(at(date(2017, 6, 13)))  # 89 days before 10 September: fresh
    plan_services.action_change_status(
        action=action, to_status=Status.RUNNING, by=None, effective_on=date(2017, 6, 1)
    )
    assert action.pk not in selectors.stale_action_ids(plan=world.plan, on=on)
    assert action.pk in selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 12))


def test_confirming_in_a_round_counts_as_a_touch(world, quiet_plan, clock, monitor):
    action = quiet_plan
    clock.move_to(at(date(2017, 9, 1)))
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    assert action.pk in selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 1))
    confirm(update_round, action, world.owner)
    assert action.pk not in selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 1))
    action.refresh_from_db()
    assert action.version == 1  # the answer, not an edit of the action, made it fresh


def test_done_and_withdrawn_actions_are_never_stale(world, quiet_plan, clock):
    action = quiet_plan
    done = ActionFactory(period=action.period, code="S2", status=Status.COMPLETED)
    gone = ActionFactory(period=action.period, code="S3")
    plan_services.action_withdraw(
        action=gone, expected_version=1, by=None, withdrawn_on=date(2017, 4, 1)
    )
    stale = selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 1))
    assert action.pk in stale
    assert done.pk not in stale and gone.pk not in stale


@pytest.mark.parametrize("extra", [0, 30])
def test_stale_actions_take_one_query(world, quiet_plan, django_assert_num_queries, extra):
    for n in range(extra):
        ActionFactory(period=quiet_plan.period, code=f"T{n:02d}", status=Status.RUNNING)
    with django_assert_num_queries(1):
        stale = selectors.stale_action_ids(plan=world.plan, on=date(2017, 9, 1))
    assert len(stale) >= 1 + extra


def test_the_round_deadline_rows_give_each_round_of_the_plans_with_its_monitor_date(
    world, update_round
):
    rows = list(selectors.round_deadline_rows(plan_ids=[world.plan.pk]))
    assert rows == [(update_round.pk, DEADLINE, world.plan.pk, update_round.monitor.date)]
    assert list(selectors.round_deadline_rows(plan_ids=[world.other_plan.pk])) == []


def test_a_monitor_and_its_plan_have_a_round_once_it_is_opened_until_it_closes(world, monitor):
    assert not selectors.monitor_has_round(monitor=monitor)
    update_round = services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    assert selectors.monitor_has_round(monitor=monitor)
    assert selectors.plan_has_open_round(plan=world.plan)
    services.round_close(round=update_round, by=world.coordinator)
    assert not selectors.plan_has_open_round(plan=world.plan)


def test_a_rounds_item_is_found_by_its_actions_code(world, update_round):
    item = selectors.round_item_of_action(round=update_round, code="A1")
    assert item.action == world.owned_action
