"""Two people edit the same record in their browsers (issue 12, item 5): the second to
save gets the conflict message in Dutch, keeps what they typed on the page, and the first
one's change stays; the same for the status block that htmx swaps in place."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from mvimonitor.monitoring.models import AttentionPoint
from mvimonitor.plans.models import Action
from mvimonitor.plans.services import StaleActionError
from mvimonitor.web.forms import STILL_IN_THE_FORM
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url


@pytest.fixture
def colleague(browser: Browser, live_server) -> Iterator[Page]:
    """A second person's browser, beside the `page` of the first."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def conflict(error: type[Exception]) -> str:
    with translation.override("nl"):
        return str(error())


def test_the_second_save_of_an_attention_point_gets_the_conflict_and_keeps_the_typing(
    page: Page, colleague: Page, world: World
):
    point = AttentionPoint.objects.create(
        plan=world.plan, text="Budget onzeker", raised_on=date(2017, 8, 1)
    )
    edit = url(
        "monitoring:attention_point_edit", org_slug="helmond", plan_slug="helmond-mvi", pk=point.pk
    )
    log_in(page, world.editor.email, world.password)
    log_in(colleague, world.coordinator.email, world.password)
    page.goto(edit)
    colleague.goto(edit)

    page.locator("#id_text").fill("Budget onzeker: de raad beslist in oktober")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    colleague.locator("#id_text").fill("Budget rond, zie het raadsbesluit van 12 september")
    with colleague.expect_navigation():
        colleague.locator("main form button[type=submit]").click()

    summary = colleague.locator(".error-summary")
    expect(summary).to_contain_text("Iemand anders heeft dit aandachtspunt gewijzigd")
    with translation.override("nl"):
        expect(summary).to_contain_text(str(STILL_IN_THE_FORM))
    expect(colleague.locator("#id_text")).to_have_value(
        "Budget rond, zie het raadsbesluit van 12 september"
    )
    assert_accessible(colleague)
    point.refresh_from_db()
    assert point.text == "Budget onzeker: de raad beslist in oktober"

    colleague.goto(edit)  # reloaded: the first one's text, to build on
    expect(colleague.locator("#id_text")).to_have_value(point.text)


def test_a_status_changed_in_another_tab_is_not_changed_again_from_the_stale_block(
    page: Page, colleague: Page, world: World
):
    action = world.owned_action
    detail = url("plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk)
    log_in(page, world.editor.email, world.password)
    log_in(colleague, world.coordinator.email, world.password)
    page.goto(detail)
    colleague.goto(detail)
    colleague.evaluate("window.loadedOnce = true")

    page.locator("#id_to_status").select_option("postponed")
    page.locator("#status-block form button[type=submit]").click()
    expect(page.locator("#status-block .status--postponed").first).to_be_visible()
    colleague.locator("#id_to_status").select_option("cancelled")
    colleague.locator("#status-block form button[type=submit]").click()

    expect(colleague.locator("#status-block .error-summary")).to_contain_text(
        conflict(StaleActionError)
    )
    assert colleague.evaluate("window.loadedOnce") is True, "htmx swapped the block in place"
    assert_accessible(colleague)
    assert Action.objects.get(pk=action.pk).status == "postponed"
