"""The selectors other apps narrow and join with their own rows (ADR 0017)."""

from datetime import date

import pytest
from django.db.models import Count, Subquery

from mvimonitor.plans import selectors, services
from mvimonitor.plans.workflow import Status

pytestmark = pytest.mark.django_db


def test_the_actions_of_a_plan_are_all_its_actions_withdrawn_ones_too_and_no_others(world):
    action = world.unowned_action
    services.action_withdraw(
        action=action, expected_version=action.version, by=None, withdrawn_on=date(2017, 6, 1)
    )
    assert set(selectors.actions_of_plan(plan=world.plan)) == {
        world.owned_action,
        world.unowned_action,
    }


def test_the_history_of_the_outer_action_is_the_history_of_each_action_in_the_query(world):
    services.action_change_status(
        action=world.unowned_action,
        to_status=Status.RUNNING,
        by=None,
        effective_on=date(2017, 6, 1),
    )
    changes = (
        selectors.history_of_outer_action().order_by().values("action").annotate(n=Count("pk"))
    )
    counted = selectors.actions_of_plan(plan=world.plan).annotate(
        changes=Subquery(changes.values("n"))
    )
    assert {a.code: a.changes for a in counted} == {"A1": 1, "A2": 2}


def test_the_plans_of_organisations_and_plan_ids_are_both_in_organisation_name_order(world):
    plans = selectors.plans_of(organisation_ids=[world.helmond.pk], plan_ids=[world.other_plan.pk])
    assert list(plans) == [world.other_plan, world.plan]  # Gemeente Anders, Gemeente Helmond
    assert list(selectors.plans_of(organisation_ids=[], plan_ids=[])) == []


def test_the_due_action_rows_are_the_dated_actions_still_in_the_plans(world):
    action = world.owned_action
    services.action_update(
        action=action, expected_version=action.version, by=None, due_date=date(2017, 12, 31)
    )
    rows = list(selectors.due_action_rows(plan_ids=[world.plan.pk, world.other_plan.pk]))
    assert rows == [
        (action.pk, world.plan.pk, "A1", action.title, Status.RUNNING, date(2017, 12, 31))
    ]


def test_a_plans_action_is_found_by_its_code(world):
    assert selectors.plan_action_by_code(plan=world.plan, code="A2") == world.unowned_action


def test_the_national_themes_are_the_code_list_without_an_organisations_own(world):
    own = services.theme_create(organisation=world.helmond, name="Eigen thema")
    themes = list(selectors.national_themes())
    assert len(themes) == 8  # the six MVOI themes and the two legacy ones
    assert "klimaat" in {theme.code for theme in themes}
    assert own not in themes
