"""The error pages and the accessibility statement in a browser (ADR 0032): each page
checked with axe (WCAG 2.1 A/AA), at a desktop's and a phone's width."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url

PHONE, DESKTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}


def assert_no_page_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways ({width}px)"


def assert_accessible_at_both_widths(page: Page) -> None:
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        assert_no_page_scroll(page)


def test_a_missing_page_answers_404_with_a_way_to_log_in(page: Page, world: World):
    response = page.goto("/bestaat-niet/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert_accessible_at_both_widths(page)
    page.get_by_role("link", name="Inloggen").click()
    expect(page).to_have_url(url("accounts:login"))


def test_a_refused_page_answers_403_with_a_way_back(page: Page, world: World):
    log_in(page, world.viewer.email, world.password)
    plan = url("plans:detail", org_slug="helmond", plan_slug=world.plan.slug)
    page.goto(plan)
    # As a link from the plan page would open it (a typed address sends no Referer).
    edit = url("plans:edit", org_slug="helmond", plan_slug=world.plan.slug)
    response = page.goto(edit, referer=page.url)
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Geen toegang")
    assert_accessible_at_both_widths(page)
    page.get_by_role("link", name="Terug naar de vorige pagina").click()
    expect(page).to_have_url(plan)


@pytest.mark.urls("tests.web.error_urls")
def test_a_failing_page_answers_500_in_the_sites_look(page: Page, world: World):
    response = page.goto("/kapot/")
    assert response is not None and response.status == 500
    expect(page.locator("h1")).to_have_text("Er ging iets mis")
    # The bare layout loads the site's style sheet: the header is styled as on any page.
    header = page.locator(".site-header")
    assert header.evaluate("element => getComputedStyle(element).display") != "inline"
    assert_accessible_at_both_widths(page)


def test_the_statement_is_reached_from_the_footer_and_shows_the_axe_results(
    page: Page, world: World
):
    page.goto(url("accounts:login"))
    page.locator("footer").get_by_role("link", name="Toegankelijkheid").click()
    expect(page).to_have_url(url("web:accessibility"))
    expect(page.locator("h1")).to_have_text("Toegankelijkheidsverklaring")
    expect(page.locator("main table")).to_contain_text("color-contrast")
    assert_accessible_at_both_widths(page)
