"""The target pages: the list with value, progress and state, a target on a chosen date
with its chart and table, and coordinators adding, changing and removing targets."""

from datetime import date
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from mvimonitor.targets import services
from mvimonitor.targets.models import KpiKind, Target
from tests.targets.helpers import tender, theme


@pytest.fixture(autouse=True)
def _english_pages(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def url(name: str, **kwargs) -> str:
    return reverse(
        f"targets:{name}", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", **kwargs}
    )


def five_tenders(plan, **changes) -> Target:
    fields = {
        "title": "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018",
        "kpi_kind": KpiKind.MVI_COUNT,
        "start_year": 2018,
        "target_value": Decimal(5),
        "starts_on": date(2017, 10, 1),
        "deadline": date(2017, 12, 31),
        **changes,
    }
    return services.target_create(plan=plan, **fields)


@pytest.fixture
def target(world):
    target = five_tenders(world.plan)
    for registered in (date(2017, 9, 1), date(2017, 10, 20), date(2017, 11, 10)):
        tender(
            world.helmond,
            registered_on=registered,
            themes=[theme("klimaat")],
            starts=date(2018, 4, 1),
        )
    return target


def form_data(**changes) -> dict:
    return {
        "title": "60% van de waarde met MVI",
        "kpi_kind": "value_share",
        "instrument": "",
        "theme": "",
        "start_year": "2018",
        "phase": "",
        "target_value": "60",
        "starts_on": "2017-10-01",
        "deadline": "2018-12-31",
        "note": "",
        **changes,
    }


def test_the_list_shows_each_target_with_its_value_progress_and_state(world, login, target):
    five_tenders(world.other_plan, title="Van een ander")
    response = login(world.viewer).get(url("list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert target.title in page and "Van een ander" not in page
    assert "Tenders with MVI impact (start in 2018)" in page
    assert '<progress id="progress-' in page and 'value="60"' in page
    assert "Progress: 60% of the target" in page
    assert "target-state--behind" in page  # 3 on 1 December, the line is at 3.7
    assert "New target" not in page


def test_progress_is_a_whole_percentage_rounded_half_up(world, login, target):
    five_tenders(world.plan, title="Vierentwintig", target_value=Decimal(24))  # 3 of 24
    page = login(world.viewer).get(url("list")).content.decode()
    assert "Progress: 13% of the target" in page  # 12.5 rounds up, not to the even 12
    assert "Progress: 12% of the target" not in page


def test_the_list_offers_a_new_target_to_coordinators_only(world, login):
    assert "New target" in login(world.coordinator).get(url("list")).content.decode()
    assert "New target" not in login(world.editor).get(url("list")).content.decode()


def test_the_plan_page_links_to_the_targets(world, login):
    page = login(world.viewer).get(
        reverse("plans:detail", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})
    )
    assert url("list") in page.content.decode()


def test_a_target_shows_its_value_on_a_chosen_date(world, login, target):
    client = login(world.viewer)
    today = client.get(url("detail", pk=target.pk))
    assert today.context["on"] == date(2017, 12, 1)
    assert today.context["row"]["value"].value == 3
    earlier = client.get(url("detail", pk=target.pk), {"on": "2017-10-15"})
    assert earlier.context["on"] == date(2017, 10, 15)
    assert earlier.context["row"]["value"].value == 1
    assert earlier.context["row"]["value"].state == "behind"  # line at 1.6
    assert "Value on Oct. 15, 2017" in earlier.content.decode()


def test_a_date_that_is_not_a_date_shows_today(world, login, target):
    response = login(world.viewer).get(url("detail", pk=target.pk), {"on": "2017-02-30"})
    assert response.status_code == 200
    assert response.context["on"] == date(2017, 12, 1)


def test_the_chart_is_an_svg_with_a_title_and_the_same_figures_in_a_table(world, login, target):
    response = login(world.viewer).get(url("detail", pk=target.pk))
    svg = str(response.context["chart"]["wide"])
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text.startswith("Tenders with MVI impact (start in 2018)")
    assert "Dec. 1, 2017: 3 (line: 3.7)" in root.find(f"{ns}desc").text
    assert [p.on for p in response.context["series"]] == [
        date(2017, 10, 1),
        date(2017, 11, 1),
        date(2017, 12, 1),
        date(2017, 12, 31),
    ]
    page = response.content.decode()
    assert "not yet" in page  # 31 December lies ahead


def test_the_detail_page_takes_the_same_queries_whatever_the_register_size(
    world, login, target, django_assert_max_num_queries
):
    client = login(world.viewer)
    client.get(url("detail", pk=target.pk))
    for _n in range(20):
        tender(world.helmond, themes=[theme("klimaat")], starts=date(2018, 4, 1))
    with django_assert_max_num_queries(16):
        client.get(url("detail", pk=target.pk))


def test_a_coordinator_adds_a_target(world, login):
    response = login(world.coordinator).post(url("create"), form_data(theme=theme("klimaat").pk))
    assert response.status_code == 302
    target = Target.objects.get(plan=world.plan)
    assert (target.kpi_kind, target.target_value, target.theme.code) == (
        "value_share",
        Decimal(60),
        "klimaat",
    )


def test_a_target_that_cannot_be_measured_is_shown_with_its_errors(world, login):
    response = login(world.coordinator).post(
        url("create"), form_data(kpi_kind="instrument_count", target_value="5")
    )
    assert response.status_code == 200
    assert "Choose how MVI is applied." in response.content.decode()
    assert "Nothing has been saved" in response.content.decode()
    assert not Target.objects.exists()


def test_an_editor_cannot_add_a_target(world, login):
    assert login(world.editor).post(url("create"), form_data()).status_code == 403
    assert not Target.objects.exists()


def test_a_coordinator_edits_a_target(world, login, target):
    response = login(world.coordinator).post(
        url("edit", pk=target.pk),
        form_data(kpi_kind="mvi_count", target_value="6", version="1"),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.target_value, target.version) == (6, 2)


def test_an_edit_of_a_target_someone_else_changed_saves_nothing(world, login, target):
    services.target_update(target=target, expected_version=1, note="Eerst")
    response = login(world.coordinator).post(
        url("edit", pk=target.pk), form_data(kpi_kind="mvi_count", target_value="6", version="1")
    )
    assert response.status_code == 200
    assert "Someone else changed this target" in response.content.decode()
    target.refresh_from_db()
    assert (target.target_value, target.version) == (5, 2)


def test_a_coordinator_removes_a_target_after_confirming(world, login, target):
    client = login(world.coordinator)
    assert "Remove the target" in client.get(url("delete", pk=target.pk)).content.decode()
    response = client.post(url("delete", pk=target.pk), {"version": "1"})
    assert response.status_code == 302
    assert not Target.objects.exists()


def test_removing_a_target_someone_else_changed_removes_nothing(world, login, target):
    services.target_update(target=target, expected_version=1, note="Eerst")
    response = login(world.coordinator).post(url("delete", pk=target.pk), {"version": "1"})
    assert response.status_code == 200
    assert "Someone else changed this target" in response.content.decode()
    assert Target.objects.exists()


def test_the_chart_keeps_its_date_labels_apart(world, login):
    """A start five days before the first of the month: that first is not named, so the
    two labels do not overlap."""
    target = five_tenders(world.plan, starts_on=date(2017, 10, 27), deadline=date(2018, 1, 25))
    response = login(world.viewer).get(url("detail", pk=target.pk))
    root = ElementTree.fromstring(str(response.context["chart"]["wide"]))
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if "/" in t.text]
    assert labels == ["10/27/2017", "12/01/2017", "01/01/2018", "01/25/2018"]
