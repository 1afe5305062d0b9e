"""A coordinator corrects the date of a status change from the action's history, by
keyboard: a date that would break the history is refused on the date field, then a
right one is saved and shown with its reason (issue 14, item 5)."""

from datetime import date

from django.utils import formats, translation
from playwright.sync_api import Page, expect

from mvimonitor.plans import services
from mvimonitor.plans.models import StatusChange
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url

REASON = "Volgens het verslag van de stuurgroep begon de actie in juli"


def in_dutch_date(day: date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "DATE_FORMAT")


def test_a_coordinator_corrects_the_date_of_a_status_change(page: Page, world: World):
    action = world.unowned_action  # not started since 1 May 2017
    services.action_change_status(
        action=action, to_status=Status.RUNNING, by=world.editor, effective_on=date(2017, 8, 1)
    )
    running = StatusChange.objects.filter(action=action).last()
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))
    assert_accessible(page)

    link = f'#status-block a[href$="/history/{running.pk}/correct/"]'
    tab_to(page, link)
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Statuswijziging corrigeren")
    expect(page.locator("#id_effective_on")).to_have_value("2017-08-01")
    assert_accessible(page)

    # Before the first change (1 May): the history would no longer be in order.
    page.locator("#id_effective_on").fill("2017-04-15")
    page.locator("#id_reason").fill(REASON)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    date_field = page.locator(".field--error").filter(has=page.locator("#id_effective_on"))
    expect(date_field).to_contain_text("Na deze correctie zou de wijziging van")
    expect(page.locator(".error-summary")).to_contain_text("Er is niets opgeslagen")
    assert_accessible(page)

    page.locator("#id_effective_on").fill("2017-07-15")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page.locator(".message--success")).to_contain_text("De statuswijziging is gecorrigeerd.")
    corrected = page.locator("#status-block table tbody tr").last
    expect(corrected.locator("th")).to_have_text(in_dutch_date(date(2017, 7, 15)))
    expect(corrected).to_contain_text(
        f"Gecorrigeerd op {in_dutch_date(today())} door {world.coordinator.display_name} "
        f"(was {in_dutch_date(date(2017, 8, 1))}, lopend): {REASON}"
    )
    assert_accessible(page)
