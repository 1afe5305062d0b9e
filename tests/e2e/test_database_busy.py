"""A save while another connection holds SQLite's write lock (issue 12, item 2), in the
browser: the message appears where the user works, what they typed stays, and the
button "Opnieuw versturen" saves it once the database is free."""

import pytest
from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url
from tests.web.helpers import SQLITE_ONLY, write_lock_held

pytestmark = SQLITE_ONLY


@pytest.fixture(autouse=True)
def _short_wait(settings):
    """The live server waits one second for the lock: the test stays quick."""
    settings.SQLITE_REQUEST_WAIT_SECONDS = 1


def test_a_status_change_that_finds_the_database_busy_can_be_sent_again(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.editor.email, world.password)
    page.goto(url("plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))
    page.evaluate("window.loadedOnce = true")
    page.locator("#id_to_status").select_option(Status.COMPLETED.value)
    page.locator("#id_effective_on").fill("2017-09-20")
    page.locator("#id_note").fill("Opgeleverd aan de raad")

    with write_lock_held():
        page.locator("#status-block form button[type=submit]").click()
        notice = page.locator("#busy-notice")
        expect(notice).to_contain_text("Het is even te druk")

    # In place (htmx): the page was not reloaded and the form still holds the input.
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    expect(page.locator("#id_note")).to_have_value("Opgeleverd aan de raad")
    expect(notice).to_contain_text("Opgeleverd aan de raad")
    expect(page.locator("#busy-heading")).to_be_focused()
    assert_accessible(page)
    assert Action.objects.get(pk=action.pk).status == Status.RUNNING

    with page.expect_navigation():
        notice.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.locator("#status-block > p .status--completed")).to_be_visible()
    expect(page.locator("#busy-notice")).to_be_empty()
    assert Action.objects.get(pk=action.pk).status == Status.COMPLETED


def test_sending_the_form_in_place_again_clears_the_message(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.editor.email, world.password)
    page.goto(url("plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))
    page.evaluate("window.loadedOnce = true")
    page.locator("#id_to_status").select_option(Status.COMPLETED.value)
    page.locator("#id_effective_on").fill("2017-09-20")
    with write_lock_held():
        page.locator("#status-block form button[type=submit]").click()
        expect(page.locator("#busy-notice")).to_contain_text("Het is even te druk")

    # The database is free again: the page's own button, in place, as before.
    page.locator("#status-block form button[type=submit]").click()
    expect(page.locator("#status-block > p .status--completed")).to_be_visible()
    expect(page.locator("#busy-notice")).to_be_empty()
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"


def test_a_form_that_finds_the_database_busy_shows_the_page_with_the_typed_text(
    page: Page, world: World
):
    action = world.unowned_action
    log_in(page, world.editor.email, world.password)
    page.goto(url("plans:action_edit", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))
    page.locator("#id_title").fill("Een titel die niet verloren gaat")

    with write_lock_held(), page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()

    expect(page.locator("h1")).to_have_text("Het is even te druk")
    expect(page.locator("main")).to_contain_text("Een titel die niet verloren gaat")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Opnieuw versturen").click()
    assert Action.objects.get(pk=action.pk).title == "Een titel die niet verloren gaat"
