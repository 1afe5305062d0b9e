"""The action pages: list (filters, sorting, pages, bulk status change), create and edit."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mvimonitor.plans import services
from mvimonitor.plans.models import Action, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory, ActionPlanFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEPT_20 = datetime(2017, 9, 20, 12, tzinfo=AMSTERDAM)


pytestmark = pytest.mark.usefixtures("english")


def url(name, **kwargs):
    return reverse(
        f"plans:{name}", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", **kwargs}
    )


def codes(response):
    return [a.code for a in response.context["page"].object_list]


# --- access -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "editor", "owner", "viewer"])
def test_every_member_reads_the_list_and_an_action(world, login, role):
    client = login(world.user(role))
    assert client.get(url("action_list")).status_code == 200
    assert client.get(url("action_detail", pk=world.unowned_action.pk)).status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", 200),
        ("editor", 200),
        ("owner", 403),
        ("viewer", 403),
    ],
)
def test_only_editors_and_coordinators_add_actions(world, login, role, expected):
    assert login(world.user(role)).get(url("action_create")).status_code == expected


def test_an_action_of_another_organisation_is_not_found(world, login):
    client = login(world.coordinator)
    assert client.get(url("action_detail", pk=world.other_action.pk)).status_code == 404
    assert client.get(url("action_edit", pk=world.other_action.pk)).status_code == 404
    assert login(world.outsider).get(url("action_list")).status_code == 404


# --- list ------------------------------------------------------------------------


def test_the_list_hides_withdrawn_actions_unless_asked(world, login):
    action = world.unowned_action
    services.action_withdraw(action=action, expected_version=action.version, by=None)
    client = login(world.viewer)
    assert codes(client.get(url("action_list"))) == ["A1"]
    assert codes(client.get(url("action_list"), {"withdrawn": "include"})) == ["A1", "A2"]
    assert codes(client.get(url("action_list"), {"withdrawn": "only"})) == ["A2"]


def test_an_empty_list_says_whether_the_filters_or_the_plan_is_empty(world, login):
    client = login(world.viewer)
    filtered = client.get(url("action_list"), {"status": "cancelled"})
    assert b"No actions match these filters." in filtered.content
    assert b"This plan has no actions yet." not in filtered.content

    ActionPlanFactory(organisation=world.plan.organisation, slug="nieuw")
    empty = client.get(
        reverse("plans:action_list", kwargs={"org_slug": "helmond", "plan_slug": "nieuw"})
    )
    assert b"This plan has no actions yet." in empty.content
    assert b"No actions match these filters." not in empty.content


def test_only_withdrawn_actions_is_no_empty_plan(world, login):
    for action in Action.objects.filter(plan=world.plan):
        services.action_withdraw(action=action, expected_version=action.version, by=None)
    response = login(world.viewer).get(url("action_list"))
    assert codes(response) == []
    assert b"No actions match these filters." in response.content


def test_the_list_filters_on_period_and_status_as_the_plan_page_links(world, login):
    period = world.owned_action.period
    response = login(world.viewer).get(
        url("action_list"), {"period": period.pk, "status": "running"}
    )
    assert codes(response) == ["A1"]


def test_the_list_sorts_on_a_whitelisted_column_and_ignores_others(world, login):
    client = login(world.viewer)
    assert codes(client.get(url("action_list"), {"sort": "-code"})) == ["A2", "A1"]
    assert codes(client.get(url("action_list"), {"sort": "status"})) == [
        "A1",
        "A2",
    ]  # running first
    response = client.get(url("action_list"), {"sort": "plan__organisation__name"})
    assert response.status_code == 200
    assert codes(response) == ["A1", "A2"]


def test_the_list_pages_by_fifty_and_keeps_the_filters(world, login):
    period = world.owned_action.period
    for n in range(60):
        ActionFactory(period=period, code=f"B{n:02d}", title=f"Inkoop {n}")
    response = login(world.viewer).get(url("action_list"), {"q": "inkoop", "sort": "code"})
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 60
    assert "?q=inkoop&amp;sort=code&amp;page=2" in response.content.decode()
    second = login(world.viewer).get(url("action_list"), {"q": "inkoop", "sort": "code", "page": 2})
    assert codes(second) == [f"B{n:02d}" for n in range(50, 60)]


def test_the_list_needs_the_same_number_of_queries_for_many_actions(
    world, login, django_assert_max_num_queries
):
    client = login(world.editor)
    client.get(url("action_list"))  # warm up the session and the content types
    period = world.owned_action.period
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    for n in range(60):
        ActionFactory(
            period=period, code=f"B{n:02d}", owner=world.owner, themes=[klimaat], owner_name=""
        )
    # Session, user, membership, plan, count, page, themes of the page, the choices of
    # the period, theme and owner (members, names) filters, the stale actions and the
    # menu's count of open round items: none grows with the page.
    with django_assert_max_num_queries(14):
        response = client.get(url("action_list"), {"sort": "owner"})
    assert len(response.context["page"].object_list) == 50


def test_the_export_link_passes_the_current_filters(world, login):
    response = login(world.viewer).get(url("action_list"), {"status": "running", "q": "x"})
    export = reverse("exchange:export", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})
    assert f"{export}?status=running&amp;q=x" in response.content.decode()


# --- bulk status change -------------------------------------------------------------


def bulk(client, actions, to_status, **extra):
    data = {
        "bulk-actions": [a.pk for a in actions],
        "bulk-to_status": to_status,
        "bulk-effective_on": "2017-09-20",
        "bulk-note": "",
        "query": "status=running",
        # Every row of the list carries its action's version.
        **{
            f"bulk-version_{a.pk}": a.version
            for a in Action.objects.filter(plan__pk__in={a.plan_id for a in actions})
        },
        **extra,
    }
    return client.post(url("action_bulk_status"), data)


@time_machine.travel(SEPT_20, tick=False)
def test_a_bulk_change_changes_every_selected_action(world, login):
    response = bulk(login(world.editor), [world.owned_action, world.unowned_action], "postponed")
    assert response.status_code == 302
    assert response["Location"] == url("action_list") + "?status=running"
    assert set(Action.objects.filter(plan=world.plan).values_list("status", flat=True)) == {
        "postponed"
    }


@time_machine.travel(SEPT_20, tick=False)
def test_a_bulk_change_of_a_row_without_its_version_changes_nothing(world, login):
    action = world.owned_action
    response = bulk(login(world.editor), [action], "postponed", **{f"bulk-version_{action.pk}": ""})
    assert response.status_code == 200
    assert response.context["bulk_form"].non_field_errors()
    assert Action.objects.get(pk=action.pk).status == "running"


@time_machine.travel(SEPT_20, tick=False)
def test_a_bulk_change_with_one_forbidden_change_changes_nothing_and_shows_every_error(
    world, login
):
    done = ActionFactory(period=world.owned_action.period, code="A3", status=Status.COMPLETED)
    before = StatusChange.objects.count()
    # A1 running -> not started and A3 completed -> not started are both forbidden.
    response = bulk(
        login(world.editor), [world.owned_action, world.unowned_action, done], "not_started"
    )
    assert response.status_code == 200
    errors = response.context["bulk_form"].non_field_errors()
    assert len(errors) == 3  # A1 and A3 forbidden; A2 already has that status
    assert any(e.startswith("A1: ") for e in errors) and any(e.startswith("A3: ") for e in errors)
    assert StatusChange.objects.count() == before
    assert Action.objects.get(pk=world.owned_action.pk).status == "running"
    assert response.context["selected"] == {
        str(a.pk) for a in (world.owned_action, world.unowned_action, done)
    }


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_owners_and_viewers_cannot_bulk_change(world, login, role):
    response = bulk(login(world.user(role)), [world.owned_action], "completed")
    assert response.status_code == 403
    assert Action.objects.get(pk=world.owned_action.pk).status == "running"


def test_a_bulk_change_cannot_reach_another_plans_action(world, login):
    response = bulk(login(world.coordinator), [world.other_action], "running")
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["actions"]
    assert Action.objects.get(pk=world.other_action.pk).status == "not_started"


def test_a_bulk_change_without_a_selection_asks_to_select(world, login):
    response = bulk(login(world.editor), [], "running")
    assert "Select one or more actions first." in str(response.context["bulk_form"].errors)


# --- create ------------------------------------------------------------------------


def action_data(world, **changes):
    data = {
        "code": "A9",
        "title": "Opleiding circulair inkopen",
        "description": "",
        "period": world.owned_action.period_id,
        "themes": [],
        "owner": "",
        "owner_name": "",
        "department": "Inkoop",
        "start_date": "",
        "due_date": "",
        "result": "",
        "added_kind": "new",
        "added_on": "2017-08-28",
        "to_status": "running",
        "effective_on": "2017-08-28",
    }
    data.update(changes)
    return data


@time_machine.travel(SEPT_20, tick=False)
def test_an_editor_adds_a_new_action_with_its_first_status(world, login):
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    response = login(world.editor).post(
        url("action_create"), action_data(world, themes=[klimaat.pk], owner_name="J. de Vries")
    )
    action = Action.objects.get(plan=world.plan, code="A9")
    assert response.status_code == 302
    assert response["Location"] == url("action_detail", pk=action.pk)
    assert action.is_new and action.added_on == date(2017, 8, 28)
    assert (action.status, action.owner_name) == ("running", "J. de Vries")
    assert list(action.themes.all()) == [klimaat]
    first = action.status_changes.get()
    assert (first.from_status, first.to_status, first.effective_on) == (
        None,
        "running",
        date(2017, 8, 28),
    )
    assert first.recorded_by == world.editor


@time_machine.travel(SEPT_20, tick=False)
def test_an_action_of_the_adopted_plan_is_added_on_the_adoption_date(world, login):
    login(world.editor).post(
        url("action_create"),
        action_data(world, added_kind="initial", added_on="", effective_on="2017-04-01"),
    )
    action = Action.objects.get(plan=world.plan, code="A9")
    assert action.added_on == date(2017, 4, 1) and not action.is_new


@time_machine.travel(SEPT_20, tick=False)
def test_the_create_form_offers_a_new_action_added_today_after_adoption(world, login):
    form = login(world.editor).get(url("action_create")).context["form"]
    assert form["added_kind"].value() == "new"
    assert form["added_on"].value() == date(2017, 9, 20)


@time_machine.travel(SEPT_20, tick=False)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "A1"}, None),  # the code is taken in this plan
        ({"effective_on": "2017-10-01"}, "effective_on"),  # in the future
        ({"effective_on": "2017-08-01"}, "effective_on"),  # before it was added
        ({"due_date": "2017-01-01", "start_date": "2017-02-01"}, "due_date"),
        ({"owner_name": "Piet"}, "owner_name"),  # a member and a name
    ],
)
def test_a_wrong_action_is_refused_with_a_message_and_nothing_is_saved(
    world, login, changes, field
):
    if field == "owner_name":
        changes["owner"] = world.owner.pk
    response = login(world.editor).post(url("action_create"), action_data(world, **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors if field is None else form.errors[field]
    assert not Action.objects.filter(plan=world.plan, title="Opleiding circulair inkopen").exists()


# --- edit --------------------------------------------------------------------------


def edit_data(action, **changes):
    data = {
        "version": action.version,
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "period": action.period_id,
        "themes": [],
        "owner": action.owner_id or "",
        "owner_name": action.owner_name,
        "department": "",
        "start_date": "",
        "due_date": "",
        "result": "",
        "added_kind": "initial",
        "added_on": "",
        "to_status": "",
        "effective_on": "2017-09-20",
        "note": "",
    }
    data.update(changes)
    return data


@time_machine.travel(SEPT_20, tick=False)
def test_an_editor_edits_every_field_and_the_status_at_once(world, login):
    action = world.unowned_action
    response = login(world.editor).post(
        url("action_edit", pk=action.pk),
        edit_data(
            action,
            title="Nieuwe titel",
            owner=world.owner.pk,
            to_status="running",
            note="Gestart na overleg",
        ),
    )
    assert response.status_code == 302
    action = Action.objects.get(pk=action.pk)
    assert (action.title, action.owner, action.status) == ("Nieuwe titel", world.owner, "running")
    assert action.status_changes.last().note == "Gestart na overleg"


@time_machine.travel(SEPT_20, tick=False)
def test_a_stale_edit_is_refused_with_a_clear_message_and_saves_nothing(world, login):
    action = world.unowned_action
    stale = edit_data(action, title="Mijn titel", to_status="running")
    services.action_update(
        action=action, expected_version=action.version, by=None, title="Hun titel"
    )
    response = login(world.editor).post(url("action_edit", pk=action.pk), stale)
    assert response.status_code == 200
    assert "Someone else changed this action" in response.content.decode()
    action = Action.objects.get(pk=action.pk)
    assert (action.title, action.status) == ("Hun titel", "not_started")


@time_machine.travel(SEPT_20, tick=False)
def test_a_forbidden_status_in_an_edit_also_undoes_the_field_changes(world, login):
    action = world.owned_action  # running
    response = login(world.editor).post(
        url("action_edit", pk=action.pk),
        edit_data(
            action,
            title="Andere titel",
            to_status="not_started",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["to_status"]
    assert Action.objects.get(pk=action.pk).title == action.title


@time_machine.travel(SEPT_20, tick=False)
def test_an_owner_updates_the_result_and_status_of_their_own_action_only(world, login):
    action = world.owned_action
    client = login(world.owner)
    form = client.get(url("action_edit", pk=action.pk)).context["form"]
    assert set(form.fields) == {"version", "result", "to_status", "effective_on", "note"}
    response = client.post(
        url("action_edit", pk=action.pk),
        {
            "version": action.version,
            "result": "Aanbesteding gegund",
            "to_status": "completed",
            "effective_on": "2017-09-15",
            "note": "",
            "title": "Niet toegestaan",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(pk=action.pk)
    assert (action.result, action.status) == ("Aanbesteding gegund", "completed")
    assert action.title != "Niet toegestaan"


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_an_owner_cannot_edit_another_owners_action_nor_a_viewer_any(world, login, role):
    action = world.unowned_action
    client = login(world.user(role))
    assert client.get(url("action_edit", pk=action.pk)).status_code == 403
    response = client.post(
        url("action_edit", pk=action.pk), {"version": action.version, "result": "x"}
    )
    assert response.status_code == 403
    assert Action.objects.get(pk=action.pk).result == ""


def test_the_action_page_marks_a_new_action_and_shows_its_history(world, login, settings):
    action = ActionFactory(
        period=world.owned_action.period,
        code="A7",
        added_on=date(2017, 8, 28),
        status_since=date(2017, 8, 28),
        status=Status.RUNNING,
        by=world.editor,
    )
    client = login(world.viewer)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]  # the default language: Dutch
    response = client.get(url("action_detail", pk=action.pk))
    html = response.content.decode()
    assert '<span class="tag">' in html and "28 augustus 2017" in html
    assert response.context["action"].is_new
    assert [(c.from_status, c.to_status) for c in response.context["history"]] == [
        (None, "running")
    ]
    assert world.editor.display_name in html
    assert "status_form" not in response.context  # a viewer changes nothing


def test_a_late_row_says_late_and_why_in_words(world, login, frozen_today):
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 3, 1))
    response = login(world.viewer).get(url("action_list"), {"late": "1"})
    assert codes(response) == ["A2"]
    page = response.content.decode()
    assert '<span class="tag tag--late">late</span>' in page
    assert "start date March 1, 2017 passed" in page


def test_the_list_in_dutch_says_te_laat_with_the_reason(world, client, frozen_today):
    client.cookies.clear()
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 3, 1))
    client.force_login(world.viewer)
    page = client.get(url("action_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "te laat</span>" in page and "startdatum 1 maart 2017 verstreken" in page
    assert "Alleen acties die te laat zijn" in page
