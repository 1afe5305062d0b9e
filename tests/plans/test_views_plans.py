"""The plan pages: the plan with its figures, and setting a plan up (coordinators only)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mvimonitor.plans import services
from mvimonitor.plans.models import ActionPlan, Period, PlanTheme, Theme
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory, PeriodFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


pytestmark = pytest.mark.usefixtures("english")


def url(name, **kwargs):
    return reverse(f"plans:{name}", kwargs={"org_slug": "helmond", **kwargs})


MANAGE_PAGES = [
    ("create", {}),
    ("org_themes", {}),
    ("edit", {"plan_slug": "helmond-mvi"}),
    ("periods", {"plan_slug": "helmond-mvi"}),
    ("themes", {"plan_slug": "helmond-mvi"}),
]


@pytest.mark.parametrize(("name", "kwargs"), MANAGE_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", 200),
        ("editor", 403),
        ("owner", 403),
        ("viewer", 403),
    ],
)
def test_only_a_coordinator_sets_up_plans(world, login, name, kwargs, role, expected):
    response = login(world.user(role)).get(url(name, **kwargs))
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["coordinator", "editor", "owner", "viewer"])
def test_every_member_sees_the_plan_page(world, login, role):
    assert login(world.user(role)).get(url("detail", plan_slug="helmond-mvi")).status_code == 200


def test_another_organisations_plan_is_not_found(world, login):
    client = login(world.coordinator)
    other = reverse("plans:detail", kwargs={"org_slug": "helmond", "plan_slug": "anders-mvi"})
    assert client.get(other).status_code == 404
    assert login(world.outsider).get(url("detail", plan_slug="helmond-mvi")).status_code == 404


def test_the_plan_page_counts_actions_per_period_and_status_as_of_today(world, login, settings):
    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    ActionFactory(period=doorlopend, code="D1", status=Status.COMPLETED)
    late = ActionFactory(period=doorlopend, code="D2", status=Status.RUNNING)
    services.action_withdraw(
        action=late, expected_version=late.version, by=None, withdrawn_on=date(2017, 9, 1)
    )
    client = login(world.viewer)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]  # the default language: Dutch
    with time_machine.travel(datetime(2017, 9, 20, 12, tzinfo=AMSTERDAM), tick=False):
        response = client.get(url("detail", plan_slug="helmond-mvi"))
    periods = {p.name: p for p in response.context["periods"]}
    assert periods["Aan de slag in 2017"].counts == {Status.RUNNING: 1, Status.NOT_STARTED: 1}
    assert periods["Actie doorlopend"].counts == {Status.COMPLETED: 1}  # D2 was withdrawn
    assert dict(response.context["totals"])[Status.RUNNING] == 1
    assert response.context["grand_total"] == 3
    list_url = url("action_list", plan_slug="helmond-mvi")
    period = periods["Aan de slag in 2017"]
    assert f'{list_url}?period={period.period_id}&amp;status=running"' in response.content.decode()
    assert "20 september 2017" in response.content.decode()  # Dutch by default


def test_a_theme_in_the_plan_without_an_ambition_level_reads_as_chosen(world, login, settings):
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    circulair = Theme.objects.get(code="circulair", organisation=None)
    services.plan_themes_set(plan=world.plan, ambitions={klimaat: None, circulair: 2})
    client = login(world.viewer)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]  # the default language: Dutch
    page = client.get(url("detail", plan_slug="helmond-mvi")).content.decode()
    assert re.search(r"Klimaat</th>\s*<td>geen ambitieniveau</td>", page)
    assert re.search(r"Circulair \(incl. biobased\)</th>\s*<td>2 significant</td>", page)
    assert "niet ingevuld" not in page


def test_a_coordinator_creates_a_plan_with_periods_and_themes(world, login):
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    circulair = Theme.objects.get(code="circulair", organisation=None)
    response = login(world.coordinator).post(
        url("create"),
        {
            "name": "MVI-actieplan 2021-2025",
            "slug": "mvi-2021",
            "adopted_on": "2021-03-01",
            "starts_on": "2021-01-01",
            "ends_on": "2025-12-31",
            "description": "",
            "period_names": "Aan de slag in 2021\n\n  Actie doorlopend  \n",
            f"theme_{klimaat.pk}": "3",
            f"theme_{circulair.pk}": "0",
        },
    )
    plan = ActionPlan.objects.get(organisation=world.helmond, slug="mvi-2021")
    assert response.status_code == 302
    assert response["Location"] == url("detail", plan_slug="mvi-2021")
    assert [p.name for p in plan.periods.all()] == ["Aan de slag in 2021", "Actie doorlopend"]
    levels = {pt.theme.code: pt.ambition_level for pt in plan.plan_themes.all()}
    assert levels == {"klimaat": 3, "circulair": None}


def test_a_plan_created_without_a_short_name_gets_one_from_its_name(world, login):
    data = {"adopted_on": "2021-03-01", "starts_on": "2021-01-01", "ends_on": "2025-12-31"}
    client = login(world.coordinator)
    response = client.post(url("create"), {**data, "name": "MVI-actieplan 2021", "slug": ""})
    assert response["Location"] == url("detail", plan_slug="mvi-actieplan-2021")
    response = client.post(url("create"), {**data, "name": "MVI-actieplan 2021", "slug": ""})
    assert response["Location"] == url("detail", plan_slug="mvi-actieplan-2021-2")


def test_the_short_name_of_an_existing_plan_cannot_be_emptied(world, login):
    page = login(world.coordinator).get(url("edit", plan_slug="helmond-mvi")).content.decode()
    assert "data-slug-from" not in page  # the script fills in only a new plan's short name
    response = login(world.coordinator).post(
        url("edit", plan_slug="helmond-mvi"),
        {
            "name": "Plan",
            "slug": "",
            "adopted_on": "2017-04-03",
            "starts_on": "2017-01-01",
            "ends_on": "2020-12-31",
            "version": world.plan.version,
        },
    )
    assert response.context["form"].errors["slug"]
    assert ActionPlan.objects.get(pk=world.plan.pk).slug == "helmond-mvi"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"slug": "helmond-mvi"}, "slug"),
        ({"slug": "new"}, "slug"),
        ({"ends_on": "2020-12-31"}, "ends_on"),
        ({"period_names": "Een\neen"}, "period_names"),
        ({"period_names": "Een\n" + "x" * 301}, "period_names"),
    ],
)
def test_a_wrong_plan_is_refused_with_a_message_and_nothing_is_saved(world, login, changes, field):
    data = {
        "name": "Plan",
        "slug": "plan-b",
        "adopted_on": "2021-03-01",
        "starts_on": "2021-01-01",
        "ends_on": "2025-12-31",
        **changes,
    }
    response = login(world.coordinator).post(url("create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert ActionPlan.objects.filter(organisation=world.helmond).count() == 1


def test_a_coordinator_edits_the_plan(world, login):
    response = login(world.coordinator).post(
        url("edit", plan_slug="helmond-mvi"),
        {
            "name": "MVI-actieplan Helmond",
            "slug": "helmond-mvi",
            "adopted_on": "2017-04-03",
            "starts_on": "2017-01-01",
            "ends_on": "2020-12-31",
            "description": "Vastgesteld",
            "version": world.plan.version,
        },
    )
    assert response.status_code == 302
    world.plan.refresh_from_db()
    assert (world.plan.name, world.plan.adopted_on) == ("MVI-actieplan Helmond", date(2017, 4, 3))


def test_a_coordinator_renames_reorders_and_adds_periods(world, login):
    first, second = world.plan.periods.order_by("position")
    response = login(world.coordinator).post(
        url("periods", plan_slug="helmond-mvi"),
        {
            f"name_{first.pk}": "Aan de slag in 2017 en 2018",
            f"position_{first.pk}": "2",
            f"name_{second.pk}": "Actie doorlopend",
            f"position_{second.pk}": "1",
            "new_name": "Aan de slag in 2019-2020",
            "version": world.plan.version,
        },
    )
    assert response.status_code == 302
    names = [p.name for p in Period.objects.filter(plan=world.plan).order_by("position", "id")]
    assert names == ["Actie doorlopend", "Aan de slag in 2017 en 2018", "Aan de slag in 2019-2020"]


def test_two_periods_with_the_same_name_are_refused(world, login):
    first, second = world.plan.periods.order_by("position")
    response = login(world.coordinator).post(
        url("periods", plan_slug="helmond-mvi"),
        {
            f"name_{first.pk}": "Actie doorlopend",
            f"position_{first.pk}": "1",
            f"name_{second.pk}": "Actie doorlopend",
            f"position_{second.pk}": "2",
            "new_name": "",
            "version": world.plan.version,
        },
    )
    assert response.status_code == 200
    assert "same name" in str(response.context["form"].non_field_errors())
    assert first.name == Period.objects.get(pk=first.pk).name


def test_a_coordinator_sets_the_plan_themes_with_their_ambition(world, login):
    klimaat = Theme.objects.get(code="klimaat", organisation=None)
    mkb = Theme.objects.get(code="mkb", organisation=None)
    PlanTheme.objects.create(plan=world.plan, theme=mkb, ambition_level=1)
    response = login(world.coordinator).post(
        url("themes", plan_slug="helmond-mvi"),
        {f"theme_{klimaat.pk}": "2", f"theme_{mkb.pk}": "", "version": world.plan.version},
    )
    assert response.status_code == 302
    assert {(pt.theme.code, pt.ambition_level) for pt in world.plan.plan_themes.all()} == {
        ("klimaat", 2)
    }


def test_a_coordinator_adds_and_renames_the_organisations_own_themes(world, login):
    client = login(world.coordinator)
    assert (
        client.post(
            url("org_themes"), {"new-name": "Lokaal inkopen", "new-name_en": ""}
        ).status_code
        == 302
    )
    theme = Theme.objects.get(organisation=world.helmond)
    assert (theme.name, theme.name_en) == ("Lokaal inkopen", "Lokaal inkopen")
    response = client.post(
        url("org_themes"),
        {
            "theme": theme.pk,
            f"theme-{theme.pk}-name": "Lokaal en regionaal inkopen",
            f"theme-{theme.pk}-name_en": "Local and regional purchasing",
            f"theme-{theme.pk}-version": theme.version,
        },
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name_en == "Local and regional purchasing"


def test_a_theme_named_like_a_national_one_is_refused(world, login):
    response = login(world.coordinator).post(url("org_themes"), {"new-name": "klimaat"})
    assert response.status_code == 200
    assert response.context["add_form"].errors["name"]
    assert not Theme.objects.filter(organisation=world.helmond).exists()


def test_another_organisations_theme_cannot_be_renamed(world, login):
    theme = Theme.objects.create(
        organisation=world.other, code="eigen", name="Eigen", name_en="Own"
    )
    response = login(world.coordinator).post(
        url("org_themes"),
        {
            "theme": theme.pk,
            f"theme-{theme.pk}-name": "Overgenomen",
        },
    )
    assert response.status_code == 404
    assert login(world.coordinator).post(url("org_themes"), {"theme": "x"}).status_code == 404


def test_links_carry_ids_above_a_thousand_without_a_thousands_separator(world, login):
    ActionFactory(period=PeriodFactory(plan=world.plan, pk=1377), status=Status.RUNNING)
    client = login(world.viewer)
    del client.cookies["django_language"]  # Dutch, which groups thousands with a dot
    response = client.get(url("detail", plan_slug="helmond-mvi"))
    assert "?period=1377&amp;status=" in response.content.decode()


# --- the plan page as a dashboard (issue 15, item 2; ADR 0030) ------------------------


def _dashboard_world(world):
    """A2 not started past its start date, D1 running past its due date, D2 completed
    past its due date (never late), a draft monitor of 22 November 2017 with a round
    (one of the two actions asked answered), an open and a closed attention point."""
    from mvimonitor.monitoring.services import attention_point_create, monitor_create
    from mvimonitor.rounds.services import round_confirm, round_open

    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    Action = type(world.unowned_action)
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 5, 1))
    ActionFactory(period=doorlopend, code="D1", status=Status.RUNNING, due_date=date(2017, 9, 1))
    ActionFactory(period=doorlopend, code="D2", status=Status.COMPLETED, due_date=date(2017, 9, 1))
    monitor = monitor_create(plan=world.plan, by=None, date=date(2017, 11, 22))
    update_round = round_open(monitor=monitor, deadline=date(2017, 11, 15), by=world.coordinator)
    item = update_round.items.get(action=world.owned_action)
    round_confirm(item=item, by=world.owner)
    attention_point_create(
        plan=world.plan, text="Budget voor 2018 onzeker", by=None, raised_on=date(2017, 6, 1)
    )
    attention_point_create(
        plan=world.plan,
        text="Gesloten punt",
        by=None,
        raised_on=date(2017, 6, 1),
        closed_on=date(2017, 8, 1),
    )


def test_the_plan_page_shows_the_late_actions_with_a_link_to_the_filtered_list(
    world, login, frozen_today
):
    _dashboard_world(world)
    response = login(world.viewer).get(url("detail", plan_slug="helmond-mvi"))
    page = response.content.decode()
    assert response.context["late_count"] == 2  # A2 by its start date, D1 by its due date
    list_url = url("action_list", plan_slug="helmond-mvi")
    assert f'href="{list_url}?late=1"' in page
    assert "start date May 1, 2017 passed" in page
    assert "due date Sept. 1, 2017 passed" in page


def test_the_plan_page_shows_the_next_monitor_its_round_attention_points_and_changes(
    world, login, frozen_today
):
    _dashboard_world(world)
    page = login(world.coordinator).get(url("detail", plan_slug="helmond-mvi")).content.decode()
    assert "Next monitor" in page and "Nov. 22, 2017" in page
    assert "owners answer by Nov. 15, 2017" in page
    assert "1 of 3 answered" in page  # A1, A2 and D1 asked; A1 confirmed
    assert "Budget voor 2018 onzeker" in page and "Gesloten punt" not in page
    assert "Latest status changes" in page and "D2" in page


def test_a_reviewer_sees_no_monitor_or_round_on_the_plan_page(world, login, frozen_today):
    _dashboard_world(world)
    page = login(world.reviewer).get(url("detail", plan_slug="helmond-mvi")).content.decode()
    assert "Next monitor" not in page and "Budget voor 2018" not in page
    assert "Late actions" in page


def test_the_plan_page_needs_the_same_number_of_queries_for_a_larger_plan(
    world, login, frozen_today, django_assert_max_num_queries
):
    _dashboard_world(world)
    client = login(world.coordinator)
    client.get(url("detail", plan_slug="helmond-mvi"))  # warm up the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url("detail", plan_slug="helmond-mvi"))
    doorlopend = world.plan.periods.get(name="Actie doorlopend")
    for n in range(30):
        ActionFactory(period=doorlopend, code=f"L{n:02d}", start_date=date(2017, 5, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("detail", plan_slug="helmond-mvi"))
    assert response.context["late_count"] == 32
    assert len(response.context["late_actions"]) == 5
