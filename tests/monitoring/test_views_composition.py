"""The compose page (ADR 0025): a coordinator chooses, per report variant, which
sections it has and in what order. Every button submits the form (no JavaScript
needed); with htmx the variant's list is swapped in place with the focus on the moved
section's button. The server refuses what a variant cannot hold."""

import re
from datetime import date

import pytest

from mvimonitor.monitoring.selectors import composition_section_ids
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url
from tests.monitoring.test_variants import EVERY_SECTION, SEED_ORDER


def page_of(client) -> str:
    response = client.get(url("compose"))
    assert response.status_code == 200
    return response.content.decode()


def sent(variant: str, ids: list[str], version: int = 1, **buttons: str) -> dict:
    """What the page's form of `variant` sends with `ids` ticked in this order."""
    return {"variant": variant, "version": version, "order": ids, "sections": ids, **buttons}


def council(world) -> list[str]:
    return composition_section_ids(plan=world.plan, variant="council")


def test_the_page_lists_both_versions_with_every_section(world, login):
    page = page_of(login(world.coordinator))

    assert page.count("<form") >= 2
    assert 'id="composition-council"' in page and 'id="composition-full"' in page
    for title in ["Summary", "Status chart", "Tenders and targets", "Update round"]:
        assert f">{title}</label>" in page


def test_the_council_version_shows_the_sections_about_people_but_they_cannot_be_chosen(
    world, login
):
    page = page_of(login(world.coordinator))
    council_part = page[
        page.index('id="composition-council"') : page.index('id="composition-full"')
    ]

    box = re.search(r'<input type="checkbox" id="council-round"[^>]*>', council_part)
    assert box is not None and "disabled" in box.group()
    assert 'aria-describedby="council-round-why"' in box.group()
    assert "Names people, so never in the council version." in council_part
    full_part = page[page.index('id="composition-full"') :]
    assert 'name="sections" value="round" id="full-round" checked' in full_part


def test_moving_a_section_up_without_javascript_saves_and_comes_back_to_its_button(world, login):
    client = login(world.coordinator)

    response = client.post(url("compose"), sent("council", SEED_ORDER, move_up="planned"))

    assert council(world) == [
        "summary",
        "status_chart",
        "attention_points",
        "planned",
        "communication",
        "realised",
        "late",
        "next_monitor",
        "status_table",
    ]
    assert response.status_code == 302
    assert response["Location"].endswith("?focus=council-planned-up")
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'id="council-planned-up"[^>]* autofocus', page)
    assert "“Planned actions” is now number 4 of 9." in page


def test_a_section_moved_to_the_top_keeps_the_focus_on_its_other_button(world, login):
    client = login(world.coordinator)
    response = client.post(url("compose"), sent("council", SEED_ORDER, move_up="status_chart"))
    assert council(world)[0] == "status_chart"
    assert response["Location"].endswith("?focus=council-status_chart-down")


def test_with_htmx_the_versions_list_is_swapped_in_with_the_focus_mark(world, login):
    client = login(world.coordinator)

    response = client.post(
        url("compose"), sent("full", EVERY_SECTION, move_down="summary"), HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert '<section class="report__section composition" id="composition-full"' in body
    assert 'id="composition-council"' not in body
    assert re.search(r'id="full-summary-down"[^>]* data-compose-focus', body)
    assert 'hx-swap-oob="innerHTML"' in body and "“Summary” is now number 2 of 13." in body
    assert 'name="version" value="2"' in body


def test_ticking_and_unticking_sections_saves_them(world, login):
    client = login(world.coordinator)
    chosen = [i for i in SEED_ORDER if i != "communication"]
    client.post(url("compose"), {**sent("council", chosen), "order": SEED_ORDER})
    assert council(world) == chosen

    client.post(url("compose"), {**sent("council", [*chosen, "trend"], version=2), "order": chosen})
    assert council(world) == [*chosen, "trend"]


def test_restoring_the_default_order(world, login):
    client = login(world.coordinator)
    client.post(url("compose"), sent("full", ["trend", "summary"]))
    client.post(url("compose"), sent("full", ["trend", "summary"], version=2, reset="on"))
    assert composition_section_ids(plan=world.plan, variant="full") == EVERY_SECTION


def test_the_server_refuses_a_council_version_with_a_section_that_names_people(world, login):
    client = login(world.coordinator)

    response = client.post(url("compose"), sent("council", ["summary", "not_updated"]))

    assert response.status_code == 200
    assert "names people, so it cannot be in the council version" in response.content.decode()
    assert council(world) == SEED_ORDER


def test_the_server_refuses_an_empty_version(world, login):
    response = login(world.coordinator).post(url("compose"), sent("full", []))
    assert "Choose at least one section for this version of the report." in (
        response.content.decode()
    )


def test_a_second_save_from_a_page_loaded_before_gets_the_conflict(world, login):
    client = login(world.coordinator)
    client.post(url("compose"), sent("council", SEED_ORDER[:-1]))

    response = client.post(url("compose"), sent("council", SEED_ORDER[1:]))

    page = response.content.decode()
    assert "Someone else changed the sections of this version of the report" in page
    assert council(world) == SEED_ORDER[:-1]


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_coordinators_see_the_link_to_the_page(world, login, role):
    MonitorFactory(plan=world.plan, date=date(2017, 9, 20))
    plan_page = f"/o/helmond/plans/{world.plan.slug}/"
    for page_url in (plan_page, url("detail", day=date(2017, 9, 20))):
        assert url("compose") in login(world.coordinator).get(page_url).content.decode()
        assert url("compose") not in login(world.user(role)).get(page_url).content.decode()
