"""Natural order in the browser: the action list shows 2.1, 2.2, 2.10, 2.11 and its Code
header sorts them up and down so; the tender register shows A3 before A12."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url
from tests.factories import ActionFactory
from tests.procurement.factories import TenderFactory

LIST = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}
NATURAL = ["2.1", "2.2", "2.10", "2.11"]


@pytest.fixture
def numbered(world: World) -> World:
    """Four actions made in text order (2.1, 2.10, 2.11, 2.2) and three tenders."""
    for code in sorted(NATURAL):
        ActionFactory(period=world.owned_action.period, code=code, title=f"Genummerd {code}")
    for reference in ["A12", "A3", "B1"]:
        TenderFactory(organisation=world.helmond, reference=reference, title=f"Inkoop {reference}")
    return world


def test_the_action_list_shows_and_sorts_codes_in_natural_order(page: Page, numbered: World):
    log_in(page, numbered.viewer.email, numbered.password)
    page.goto(url("plans:action_list", **LIST) + "?q=Genummerd")
    rows = page.locator("table.action-table tbody tr")
    expect(rows).to_have_count(4)

    def codes() -> list[str]:  # a viewer's list starts with the code (no checkboxes)
        return rows.locator("td:first-child").all_inner_texts()

    assert codes() == NATURAL
    header = page.locator("table.action-table thead th").filter(
        has=page.locator("a[href*='sort=code'], a[href*='sort=-code']")
    )
    with page.expect_navigation():
        header.locator("a").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert codes() == NATURAL
    with page.expect_navigation():
        header.locator("a").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert codes() == NATURAL[::-1]
    assert_accessible(page)


def test_the_tender_register_shows_references_in_natural_order(page: Page, numbered: World):
    log_in(page, numbered.viewer.email, numbered.password)
    page.goto(url("procurement:tender_list", org_slug="helmond"))
    references = page.locator("table tbody tr td:first-child").all_inner_texts()

    assert references == ["A3", "A12", "B1"]
    assert_accessible(page)
