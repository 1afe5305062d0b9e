"""The e-mail preferences page, by keyboard alone, checked with axe (WCAG 2.1 A/AA)."""

from playwright.sync_api import Page, expect

from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url


def test_an_owner_turns_reminders_off_by_keyboard_from_the_user_menu(page: Page, world: World):
    log_in(page, world.owner.email, world.password)
    tab_to(page, f"header a[href='{url('reminders:preferences')}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    checkbox = page.locator("#id_receives_reminders")
    expect(checkbox).to_be_checked()

    tab_to(page, "#id_receives_reminders")
    page.keyboard.press("Space")
    expect(checkbox).not_to_be_checked()
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator("#id_receives_reminders")).not_to_be_checked()
    assert_accessible(page)
    world.owner.refresh_from_db()
    assert world.owner.receives_reminders is False
