"""A phone of 375 px: the site menu folds behind its "Menu" button, and a wide table
scrolls in its own box, which a keyboard reaches and which keeps its first column
(ADR 0033). tests/e2e/test_every_page.py checks every page for sideways scroll."""

from playwright.sync_api import Page, expect

from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, tab_to, url

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def test_on_a_phone_the_menu_folds_behind_a_button_that_says_whether_it_is_open(
    page: Page, world: World
):
    page.set_viewport_size(PHONE)
    log_in(page, world.coordinator.email, world.password)
    button = page.get_by_role("button", name=in_dutch("Menu"))
    menu = page.locator("#site-menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 100, "the header takes one short band"

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name=in_dutch("Tenders"))).to_be_visible()
    assert_accessible(page)

    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()

    page.set_viewport_size(DESKTOP)
    expect(button).to_be_hidden()
    expect(menu.get_by_role("link", name=in_dutch("Tenders"))).to_be_visible()


def test_without_javascript_the_menu_is_simply_open(
    browser, live_server, django_db_serialized_rollback, world: World
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE, locale="nl-NL"
    )
    page = context.new_page()
    log_in(page, world.coordinator.email, world.password)
    expect(page.locator(".site-header__menu-button")).to_be_hidden()
    expect(page.locator("#site-menu").get_by_role("link", name=in_dutch("Tenders"))).to_be_visible()
    context.close()


def test_a_wide_table_scrolls_in_its_box_from_the_keyboard_and_keeps_its_first_column(
    page: Page, world: World
):
    page.set_viewport_size(PHONE)
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("plans:detail", org_slug="helmond", plan_slug="helmond-mvi"))
    box = page.locator(".table-scroll").first
    expect(box).to_have_attribute("role", "region")
    sizes = box.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert sizes[0] > sizes[1] + 40, f"the table is not wider: {sizes}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    name = box.evaluate("box => document.getElementById(box.getAttribute('aria-labelledby'))")
    assert name is not None

    tab_to(page, ".table-scroll")
    first_cell = box.locator("tbody th, tbody td").first
    left_before = first_cell.bounding_box()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # The browser scrolls smoothly: wait until the box has moved and come to rest.
    page.wait_for_function(
        """() => {
            const box = document.querySelector('.table-scroll');
            const moved = box.scrollLeft > 0 && box.scrollLeft === Number(box.dataset.last);
            box.dataset.last = box.scrollLeft;
            return moved;
        }""",
        polling=200,
        timeout=5_000,
    )
    left_after = first_cell.bounding_box()
    assert left_before is not None and left_after is not None
    assert left_after["x"] == left_before["x"], "the first column scrolled away"
    assert_accessible(page)
