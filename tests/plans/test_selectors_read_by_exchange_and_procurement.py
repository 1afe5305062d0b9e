"""The reads plans offers other apps (procurement, exchange), so that they never query
plans' models themselves."""

from datetime import date

from django.http import QueryDict

from mvimonitor.plans import selectors
from mvimonitor.plans.models import Action


def test_actions_with_plan_are_every_action_with_its_plan_read_in_the_same_query(
    world, django_assert_num_queries
):
    with django_assert_num_queries(1):
        plans = {action.code: action.plan.slug for action in selectors.actions_with_plan()}

    assert plans == {"A1": "helmond-mvi", "A2": "helmond-mvi", "X1": "anders-mvi"}


def test_an_organisations_actions_are_those_of_its_plans_withdrawn_ones_only_when_asked(world):
    Action.objects.filter(pk=world.unowned_action.pk).update(withdrawn_on=date(2017, 6, 1))

    every = selectors.organisation_actions(organisation=world.helmond)
    current = selectors.organisation_actions(organisation=world.helmond, withdrawn=False)

    assert sorted(a.code for a in every) == ["A1", "A2"]
    assert [a.code for a in current] == ["A1"]


def test_actions_outside_an_organisation_are_those_of_another_organisations_plans(world):
    outside = selectors.actions_outside_organisation(
        action_ids=[world.owned_action.pk, world.other_action.pk],
        organisation_id=world.helmond.pk,
    )

    assert list(outside) == [world.other_action]


def test_status_since_is_the_effective_date_of_the_actions_latest_status_change(world):
    actions = Action.objects.filter(pk=world.unowned_action.pk).annotate(
        status_since=selectors.status_since_expression()
    )

    assert actions.get().status_since == date(2017, 5, 1)


def test_plans_named_by_short_name_alone_are_those_of_any_organisation(world):
    assert selectors.plans_named(plan_slug="helmond-mvi") == [world.plan]
    assert selectors.plans_named(plan_slug="anders-mvi", organisation_slug="anders") == [
        world.other_plan
    ]
    assert selectors.plans_named(plan_slug="anders-mvi", organisation_slug="helmond") == []


def test_filtered_plan_actions_are_what_the_action_list_shows_for_the_same_query(world):
    Action.objects.filter(pk=world.unowned_action.pk).update(withdrawn_on=date(2017, 6, 1))

    default = selectors.filtered_plan_actions(plan=world.plan, query=QueryDict(""))
    searched = selectors.filtered_plan_actions(
        plan=world.plan, query=QueryDict("withdrawn=include&sort=-code")
    )

    assert [a.code for a in default] == ["A1"]
    assert [a.code for a in searched] == ["A2", "A1"]
