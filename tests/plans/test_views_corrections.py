"""Correcting a status change from the action's history (issue 14, item 5)."""

import html
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mvimonitor.plans import services
from mvimonitor.plans.models import Action, StatusChange, StatusCorrection
from mvimonitor.plans.workflow import Status

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def detail_url(action: Action) -> str:
    return reverse(
        "plans:action_detail",
        kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", "pk": action.pk},
    )


def correct_url(action: Action, change: StatusChange) -> str:
    return reverse(
        "plans:status_correct",
        kwargs={
            "org_slug": "helmond",
            "plan_slug": "helmond-mvi",
            "pk": action.pk,
            "change_pk": change.pk,
        },
    )


@pytest.fixture
def action(world) -> Action:
    """Not started since 1 May 2017, running since 1 August."""
    action = world.unowned_action
    services.action_change_status(
        action=action, to_status=Status.RUNNING, by=world.editor, effective_on=date(2017, 8, 1)
    )
    return Action.objects.get(pk=action.pk)


def latest(action: Action) -> StatusChange:
    return StatusChange.objects.filter(action=action).last()


def post(client, action: Action, change: StatusChange, **data):
    values = {
        "effective_on": change.effective_on.isoformat(),
        "to_status": change.to_status,
        "reason": "Datum uit het verslag van de stuurgroep",
        "version": Action.objects.get(pk=action.pk).version,
        **data,
    }
    return client.post(correct_url(action, change), values)


def test_a_coordinator_finds_a_correct_link_on_every_row_of_the_history(world, login, action):
    page = login(world.coordinator).get(detail_url(action)).content.decode()

    for change in StatusChange.objects.filter(action=action):
        assert correct_url(action, change) in page
    assert "the change of Aug. 1, 2017" in page  # the link's text says which row


def test_an_editor_finds_no_correct_link(world, login, action):
    page = login(world.editor).get(detail_url(action)).content.decode()

    assert correct_url(action, latest(action)) not in page


def test_the_correction_page_shows_the_change_and_a_form_with_its_values(world, login, action):
    response = login(world.coordinator).get(correct_url(action, latest(action)))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["effective_on"].value() == date(2017, 8, 1)
    assert form["to_status"].value() == "running"
    assert form["version"].value() == action.version


def test_a_correction_is_saved_and_shown_with_the_history(world, login, action):
    client = login(world.coordinator)
    response = post(client, action, latest(action), effective_on="2017-07-15")

    assert response.status_code == 302
    assert response["Location"] == detail_url(action)
    page = html.unescape(client.get(detail_url(action)).content.decode())
    assert "The status change has been corrected." in page
    assert (
        f"Corrected on Sept. 20, 2017 by {world.coordinator.display_name} (was Aug. 1, "
        "2017, running): Datum uit het verslag van de stuurgroep"
    ) in page
    assert latest(action).effective_on == date(2017, 7, 15)


def test_a_refused_correction_says_why_on_the_field_and_saves_nothing(world, login, action):
    response = post(login(world.coordinator), action, latest(action), effective_on="2017-04-30")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["effective_on"] == [
        "After this correction the change of April 30, 2017 (not started → running) would "
        "come first, but it starts from “not started”: the first change starts from no status."
    ]
    assert "Nothing has been saved" in response.content.decode()
    assert not StatusCorrection.objects.exists()


def test_a_correction_without_a_reason_is_refused_on_the_reason(world, login, action):
    response = post(login(world.coordinator), action, latest(action), reason="")

    assert response.context["form"].errors["reason"] == ["Give the reason for this correction."]


def test_a_correction_from_a_page_opened_before_another_change_gets_the_conflict(
    world, login, action
):
    client = login(world.coordinator)
    opened = Action.objects.get(pk=action.pk).version
    post(client, action, latest(action), effective_on="2017-07-15")

    response = post(client, action, latest(action), effective_on="2017-07-01", version=opened)

    assert "Someone else changed this action" in response.content.decode()
    assert latest(action).effective_on == date(2017, 7, 15)


def test_a_change_of_another_action_is_not_found(world, login, action):
    other = StatusChange.objects.filter(action=world.owned_action).get()
    url = correct_url(action, other)

    assert login(world.coordinator).get(url).status_code == 404


def test_the_history_reads_its_corrections_in_one_query_however_many(world, login, action):
    client = login(world.coordinator)
    post(client, action, latest(action), effective_on="2017-07-15")
    with CaptureQueriesContext(connection) as one:
        client.get(detail_url(action))
    for day in ("2017-07-10", "2017-07-05"):
        post(client, action, latest(action), effective_on=day)
    first = StatusChange.objects.filter(action=action).first()
    post(client, action, first, effective_on="2017-04-15")

    with CaptureQueriesContext(connection) as three:
        client.get(detail_url(action))

    assert len(three) == len(one)
