"""ActionFilterSet: each filter, combinations, the default hiding of withdrawn actions and
the sort whitelist, used as the list page and the export use it."""

from datetime import date

import pytest
from django.http import QueryDict

from mvimonitor.plans import selectors, services
from mvimonitor.plans.filters import ActionFilterSet
from mvimonitor.plans.models import Theme
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def actions(world):
    """A1 (running, owner), A2 (not started), plus B1-B3 in the second period."""
    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    b1 = ActionFactory(
        period=doorlopend,
        code="B1",
        title="Zonnepanelen op scholen",
        status=Status.COMPLETED,
        themes=[klimaat],
        owner_name="J. de Vries",
        due_date=date(2018, 1, 1),
    )
    b2 = ActionFactory(
        period=doorlopend,
        code="B2",
        title="Social return in bestekken",
        result="Opgenomen in het inkoopbeleid",
        due_date=date(2017, 12, 1),
    )
    b3 = ActionFactory(period=doorlopend, code="B3", title="Oude actie", themes=[klimaat])
    services.action_withdraw(action=b3, expected_version=b3.version, by=None)
    return {"B1": b1, "B2": b2, "B3": b3}


def filtered(world, query="", **kwargs):
    filterset = ActionFilterSet(
        QueryDict(query), queryset=selectors.plan_actions(plan=world.plan), **kwargs
    )
    return [a.code for a in filterset.qs]


def test_without_filters_every_action_but_the_withdrawn_ones_in_plan_order(world, actions):
    assert filtered(world) == ["A1", "A2", "B1", "B2"]


def test_the_plan_is_read_from_the_queryset_when_not_given(world, actions):
    # As the export calls it: ActionFilterSet(request.GET, queryset=...).qs
    assert filtered(world, f"owner=user:{world.owner.pk}") == ["A1"]
    assert filtered(world, f"owner=user:{world.owner.pk}", plan=world.plan) == ["A1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=completed", ["B1"]),
        ("status=running&status=not_started", ["A1", "A2", "B2"]),
        ("q=zonnepanelen", ["B1"]),
        ("q=inkoopbeleid", ["B2"]),  # the result is searched too
        ("q=b2", ["B2"]),  # and the code
        ("owner=name:J. de Vries", ["B1"]),
        ("owner=none", ["A2", "B2"]),
        ("withdrawn=include", ["A1", "A2", "B1", "B2", "B3"]),
        ("withdrawn=only", ["B3"]),
    ],
)
def test_each_filter(world, actions, query, expected):
    assert filtered(world, query) == expected


def test_the_period_and_theme_filters(world, actions):
    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    assert filtered(world, f"period={doorlopend.pk}") == ["B1", "B2"]
    assert filtered(world, f"theme={klimaat.pk}&withdrawn=include") == ["B1", "B3"]


def test_filters_combine(world, actions):
    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    assert filtered(world, f"period={doorlopend.pk}&status=not_started&q=social") == ["B2"]
    assert filtered(world, f"period={doorlopend.pk}&status=running") == []


def test_another_plans_period_finds_nothing(world, actions):
    other_period = world.other_plan.periods.get()
    assert filtered(world, f"period={other_period.pk}", plan=world.plan) == ["A1", "A2", "B1", "B2"]
    filterset = ActionFilterSet(
        QueryDict(f"period={other_period.pk}"),
        queryset=selectors.plan_actions(plan=world.plan),
        plan=world.plan,
    )
    assert "period" in filterset.errors  # not a choice: ignored, and shown as an error


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("code", ["A1", "A2", "B1", "B2"]),
        ("-code", ["B2", "B1", "A2", "A1"]),
        ("title", ["B2", "B1"]),  # checked on the B actions only, see below
        ("status", ["B1", "A1", "A2", "B2"]),  # in STATUS_ORDER: completed, running, ...
        ("due_date", ["B2", "B1", "A1", "A2"]),  # no due date last
        ("-due_date", ["B1", "B2", "A1", "A2"]),  # no due date last either way
        ("owner", ["A2", "B2", "B1", "A1"]),  # no owner first, then by name
    ],
)
def test_sorting(world, actions, sort, expected):
    world.owner.full_name = "Zwaan, K."
    world.owner.save()
    result = filtered(world, f"sort={sort}")
    if sort == "title":
        result = [c for c in result if c.startswith("B")]
    assert result == expected


def test_a_sort_outside_the_whitelist_is_ignored(world, actions):
    assert filtered(world, "sort=plan__organisation__name") == ["A1", "A2", "B1", "B2"]
    assert filtered(world, "sort=-id") == ["A1", "A2", "B1", "B2"]


def test_the_owner_choices_list_members_and_free_text_names(world, actions):
    filterset = ActionFilterSet(
        QueryDict(), queryset=selectors.plan_actions(plan=world.plan), plan=world.plan
    )
    choices = dict(filterset.form.fields["owner"].choices)
    groups = {str(k): v for k, v in choices.items() if isinstance(v, list)}
    members = dict(groups["Members"])
    assert f"user:{world.owner.pk}" in members and f"user:{world.outsider.pk}" not in members
    assert dict(groups["Owners without an account"]) == {"name:J. de Vries": "J. de Vries"}


def test_the_late_filter_keeps_the_actions_late_today(world, actions, frozen_today):
    # today 20 September 2017: B2 is due 1 December 2017 (not late); A2 starts 1 May
    Action = type(actions["B2"])
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 5, 1))
    Action.objects.filter(pk=actions["B2"].pk).update(due_date=date(2017, 9, 19))
    assert filtered(world, "late=1") == ["A2", "B2"]
    assert filtered(world, "late=1&status=not_started") == ["A2", "B2"]
    assert "A1" in filtered(world, "")  # unchecked: every action


def test_every_listed_action_says_whether_it_is_late(world, actions, frozen_today):
    type(actions["B2"]).objects.filter(pk=actions["B2"].pk).update(due_date=date(2017, 9, 20))
    filterset = ActionFilterSet(QueryDict(""), queryset=selectors.plan_actions(plan=world.plan))
    reasons = {a.code: a.late_reason for a in filterset.qs}
    assert reasons["B2"] is None  # due today: not late yet
    frozen_today(date(2017, 9, 21))
    filterset = ActionFilterSet(QueryDict(""), queryset=selectors.plan_actions(plan=world.plan))
    assert {a.code: a.late_reason for a in filterset.qs}["B2"] == "due"
