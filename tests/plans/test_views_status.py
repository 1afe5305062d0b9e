"""Changing the status of one action (htmx partial or plain POST) and withdrawing it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

SEPT_20 = datetime(2017, 9, 20, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


pytestmark = pytest.mark.usefixtures("english")


def url(name, action):
    return reverse(
        f"plans:{name}",
        kwargs={
            "org_slug": "helmond",
            "plan_slug": "helmond-mvi",
            "pk": action.pk,
        },
    )


def shown(action):
    """The version a page opened now shows, as its forms send it back."""
    return Action.objects.get(pk=action.pk).version


def change(client, action, to_status, *, htmx=False, **extra):
    data = {
        "to_status": to_status,
        "effective_on": "2017-09-20",
        "note": "",
        "version": shown(action),
        **extra,
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url("action_status", action), data, headers=headers)


@time_machine.travel(SEPT_20, tick=False)
def test_the_detail_page_offers_only_the_allowed_statuses(world, login):
    response = login(world.editor).get(url("action_detail", world.owned_action))
    choices = [
        value for value, _label in response.context["status_form"].fields["to_status"].choices
    ]
    assert choices == ["completed", "postponed", "cancelled"]
    assert 'hx-post="' + url("action_status", world.owned_action) in response.content.decode()


@time_machine.travel(SEPT_20, tick=False)
def test_an_htmx_status_change_answers_the_status_block_with_the_new_history(world, login):
    response = change(login(world.editor), world.owned_action, "completed", htmx=True, note="Klaar")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="status-block"')
    assert "<html" not in html
    assert "Klaar" in html and "status--completed" in html
    assert "HX-Request" in response["Vary"]
    assert Action.objects.get(pk=world.owned_action.pk).status == "completed"


@time_machine.travel(SEPT_20, tick=False)
def test_an_htmx_status_change_that_the_workflow_forbids_shows_why_in_the_block(world, login):
    done = ActionFactory(period=world.owned_action.period, code="A3", status=Status.COMPLETED)
    response = change(login(world.editor), done, "running", htmx=True)  # needs a note
    assert response.status_code == 200
    assert "Explain in a note why a completed action runs again." in response.content.decode()
    assert Action.objects.get(pk=done.pk).status == "completed"


@time_machine.travel(SEPT_20, tick=False)
def test_without_javascript_a_status_change_redirects_to_the_action(world, login):
    response = change(login(world.editor), world.owned_action, "postponed")
    assert response.status_code == 302
    assert response["Location"] == url("action_detail", world.owned_action)
    last = StatusChange.objects.filter(action=world.owned_action).last()
    assert (last.from_status, last.to_status, last.recorded_by) == (
        "running",
        "postponed",
        world.editor,
    )


@time_machine.travel(SEPT_20, tick=False)
def test_without_javascript_a_forbidden_change_shows_the_page_with_the_message(world, login):
    response = change(login(world.editor), world.owned_action, "not_started")
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "cannot change from" in str(response.context["status_form"].errors["to_status"])


@time_machine.travel(SEPT_20, tick=False)
def test_a_status_date_in_the_future_is_refused(world, login):
    response = change(
        login(world.editor), world.owned_action, "completed", effective_on="2017-09-21"
    )
    assert response.context["status_form"].errors["effective_on"]
    assert Action.objects.get(pk=world.owned_action.pk).status == "running"


@time_machine.travel(SEPT_20, tick=False)
def test_an_owner_changes_the_status_of_their_own_action_only(world, login):
    client = login(world.owner)
    assert change(client, world.owned_action, "completed").status_code == 302
    assert change(client, world.unowned_action, "running").status_code == 403
    assert change(login(world.viewer), world.unowned_action, "running").status_code == 403
    assert Action.objects.get(pk=world.unowned_action.pk).status == "not_started"


@time_machine.travel(SEPT_20, tick=False)
def test_only_a_coordinator_restarts_a_cancelled_action(world, login):
    cancelled = ActionFactory(period=world.owned_action.period, code="A3", status=Status.CANCELLED)
    response = change(login(world.editor), cancelled, "not_started")
    assert "Only a coordinator" in str(response.context["status_form"].errors)
    editor_page = login(world.editor).get(url("action_detail", cancelled))
    assert "status_form" not in editor_page.context
    assert change(login(world.coordinator), cancelled, "not_started").status_code == 302
    assert Action.objects.get(pk=cancelled.pk).status == "not_started"


@time_machine.travel(SEPT_20, tick=False)
def test_a_status_change_from_a_page_without_the_version_is_refused_as_out_of_date(world, login):
    response = change(login(world.editor), world.owned_action, "completed", version="")
    assert "This page is out of date" in response.content.decode()
    assert Action.objects.get(pk=world.owned_action.pk).status == "running"


def test_a_status_change_must_be_posted(world, login):
    assert login(world.editor).get(url("action_status", world.owned_action)).status_code == 405


@time_machine.travel(SEPT_20, tick=False)
def test_an_editor_withdraws_an_action_which_stays_with_its_history(world, login):
    action = world.owned_action
    response = login(world.editor).post(
        url("action_withdraw", action), {"withdrawn_on": "2017-09-01", "version": shown(action)}
    )
    assert response.status_code == 302
    action = Action.objects.get(pk=action.pk)
    assert action.withdrawn_on == date(2017, 9, 1)
    assert action.status_changes.exists()


@time_machine.travel(SEPT_20, tick=False)
def test_a_withdrawal_in_the_future_is_refused(world, login):
    response = login(world.editor).post(
        url("action_withdraw", world.owned_action),
        {"withdrawn_on": "2017-12-01", "version": shown(world.owned_action)},
    )
    assert response.status_code == 200
    assert response.context["withdraw_form"].errors["withdrawn_on"]
    assert Action.objects.get(pk=world.owned_action.pk).withdrawn_on is None


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_owners_and_viewers_cannot_withdraw(world, login, role):
    response = login(world.user(role)).post(
        url("action_withdraw", world.owned_action), {"withdrawn_on": ""}
    )
    assert response.status_code == 403
