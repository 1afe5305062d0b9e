"""Filtering and sorting the action list in the browser, with the mouse and with the
keyboard alone."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url
from tests.factories import ActionFactory

LIST = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}


@pytest.fixture
def listed(world: World) -> World:
    """Three more actions with known titles beside the world's A1 (running) and A2."""
    period = world.owned_action.period
    since = date(2017, 6, 1)
    ActionFactory(
        period=period,
        code="B1",
        title="Circulaire bedrijfskleding",
        status=Status.COMPLETED,
        status_since=since,
    )
    ActionFactory(
        period=period,
        code="B2",
        title="Circulair kantoormeubilair",
        status=Status.RUNNING,
        status_since=since,
    )
    ActionFactory(
        period=period,
        code="B3",
        title="Duurzame catering",
        status=Status.POSTPONED,
        status_since=since,
    )
    return world


def listed_titles(page: Page) -> list[str]:
    return page.locator("table.action-table tbody th[scope=row] a").all_inner_texts()


def sort_header(page: Page, column: str):
    """The header of `column`, whichever way its link sorts next."""
    link = f"a[href*='sort={column}'], a[href*='sort=-{column}']"
    return page.locator("table.action-table thead th").filter(has=page.locator(link))


def submit_filters(page: Page) -> None:
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()


def test_the_list_filters_by_status_and_by_text_and_sorts(page: Page, listed: World):
    log_in(page, listed.viewer.email, listed.password)
    page.goto(url("plans:action_list", **LIST))
    expect(page.locator("table.action-table tbody tr")).to_have_count(5)

    page.locator(f"input[name=status][value={Status.RUNNING.value}]").check()
    submit_filters(page)
    assert sorted(listed_titles(page)) == sorted(
        [listed.owned_action.title, "Circulair kantoormeubilair"]
    )
    expect(page.locator(f"input[name=status][value={Status.RUNNING.value}]")).to_be_checked()
    assert_accessible(page)

    page.locator(f"input[name=status][value={Status.RUNNING.value}]").uncheck()
    page.locator("#id_q").fill("circulair")
    submit_filters(page)
    assert sorted(listed_titles(page)) == [
        "Circulair kantoormeubilair",
        "Circulaire bedrijfskleding",
    ]

    page.locator(f"input[name=status][value={Status.COMPLETED.value}]").check()
    submit_filters(page)
    assert listed_titles(page) == ["Circulaire bedrijfskleding"]
    expect(page.locator("#id_q")).to_have_value("circulair")

    page.locator("#id_q").fill("kwantumcomputer")
    submit_filters(page)
    expect(page.locator("table.action-table")).to_have_count(0)
    assert_accessible(page)  # the empty result


def test_a_column_header_sorts_up_then_down_and_keeps_the_filter(page: Page, listed: World):
    log_in(page, listed.coordinator.email, listed.password)
    page.goto(url("plans:action_list", **LIST) + "?q=circulair")
    title_header = sort_header(page, "title")

    with page.expect_navigation():
        title_header.locator("a").click()
    expect(title_header).to_have_attribute("aria-sort", "ascending")
    assert listed_titles(page) == ["Circulair kantoormeubilair", "Circulaire bedrijfskleding"]

    with page.expect_navigation():
        title_header.locator("a").click()
    expect(title_header).to_have_attribute("aria-sort", "descending")
    assert listed_titles(page) == ["Circulaire bedrijfskleding", "Circulair kantoormeubilair"]
    assert_accessible(page)

    code_header = sort_header(page, "code")
    with page.expect_navigation():
        code_header.locator("a").click()
    expect(code_header).to_have_attribute("aria-sort", "ascending")
    assert listed_titles(page) == ["Circulaire bedrijfskleding", "Circulair kantoormeubilair"]


def test_the_filters_work_with_the_keyboard_alone(page: Page, listed: World):
    log_in(page, listed.viewer.email, listed.password)
    page.goto(url("plans:action_list", **LIST))

    tab_to(page, "#id_q")
    assert_focus_visible(page)
    page.keyboard.type("circulair")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert sorted(listed_titles(page)) == [
        "Circulair kantoormeubilair",
        "Circulaire bedrijfskleding",
    ]

    tab_to(page, f"input[name=status][value={Status.RUNNING.value}]")
    assert_focus_visible(page)
    page.keyboard.press("Space")
    tab_to(page, "form[role=search] button[type=submit]")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert listed_titles(page) == ["Circulair kantoormeubilair"]
