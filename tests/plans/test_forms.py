"""The forms of the plan pages check input only; these are the checks they make."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from mvimonitor.plans.forms import (
    ActionCreateForm,
    OwnerActionForm,
    PlanCreateForm,
    StatusChangeForm,
)
from mvimonitor.plans.workflow import Status
from mvimonitor.web.forms import add_service_errors

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


pytestmark = pytest.mark.usefixtures("english")


def create_form(world, **changes):
    data = {
        "code": "A9",
        "title": "Titel",
        "period": world.owned_action.period_id,
        "added_kind": "new",
        "added_on": "2017-08-28",
        "to_status": "running",
        "effective_on": "2017-08-28",
        **changes,
    }
    return ActionCreateForm(data, plan=world.plan)


def test_a_new_action_is_added_after_the_adoption_date(world):
    form = create_form(world, added_on="2017-04-01")
    assert not form.is_valid()
    assert "after the plan was adopted" in form.errors["added_on"][0]
    assert not create_form(world, added_on="").is_valid()


@time_machine.travel(datetime(2017, 9, 20, 12, tzinfo=AMSTERDAM), tick=False)
def test_an_action_of_the_adopted_plan_gets_the_adoption_date(world):
    form = create_form(world, added_kind="initial", added_on="2017-08-28")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["added_on"] == date(2017, 4, 1)


@time_machine.travel(datetime(2017, 3, 1, 12, tzinfo=AMSTERDAM), tick=False)
def test_before_the_plan_is_adopted_the_form_proposes_the_adopted_plan(world):
    form = ActionCreateForm(plan=world.plan)
    assert form["added_kind"].value() == "initial"


def test_an_owner_is_a_member_or_a_name_not_both(world):
    form = create_form(world, owner=world.owner.pk, owner_name="Piet")
    assert not form.is_valid()
    assert form.errors["owner_name"]


def test_only_members_of_the_organisation_can_own_an_action(world):
    form = create_form(world, owner=world.outsider.pk)
    assert not form.is_valid()
    assert form.errors["owner"]


def test_a_period_of_another_plan_is_not_a_choice(world):
    form = create_form(world, period=world.other_plan.periods.get().pk)
    assert not form.is_valid()
    assert form.errors["period"]


def test_a_note_without_a_status_change_is_refused(world):
    action = world.owned_action
    form = OwnerActionForm(
        {"version": action.version, "result": "", "to_status": "", "note": "Waarom?"},
        action=action,
        targets=[Status.COMPLETED],
    )
    assert not form.is_valid()
    assert form.errors["note"]


def test_the_status_form_offers_the_given_targets_only(world):
    form = StatusChangeForm(targets=[Status.COMPLETED, Status.POSTPONED])
    assert [v for v, _ in form.fields["to_status"].choices] == ["completed", "postponed"]
    assert not StatusChangeForm(
        {"to_status": "running", "effective_on": "2017-09-20"}, targets=[Status.COMPLETED]
    ).is_valid()


def test_a_plan_may_not_take_a_reserved_short_name(world):
    form = PlanCreateForm(
        {
            "name": "x",
            "slug": "themes",
            "adopted_on": "2021-01-01",
            "starts_on": "2021-01-01",
            "ends_on": "2021-12-31",
        },
        organisation=world.helmond,
    )
    assert not form.is_valid()
    assert form.errors["slug"]


def test_service_errors_land_on_the_field_they_name_or_above_the_form(world):
    form = StatusChangeForm(
        {"to_status": "completed", "effective_on": "2017-09-20", "version": "1"},
        targets=[Status.COMPLETED],
    )
    assert form.is_valid()
    add_service_errors(form, ValidationError({"effective_on": "te laat", "withdrawn_on": "nee"}))
    add_service_errors(form, ValidationError(["A1: fout", "A2: fout"]))
    assert form.errors["effective_on"] == ["te laat"]
    assert form.non_field_errors() == ["nee", "A1: fout", "A2: fout"]
