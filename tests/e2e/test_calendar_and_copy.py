"""The calendar subscription page (copy button, new link) and copying a plan into the
next plan (select all/none, then open the new plan), both checked with axe."""

from playwright.sync_api import Page, expect

from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.plans.models import ActionPlan
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url


def test_the_calendar_page_copies_the_link_and_makes_a_new_one(page: Page, world: World):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, world.viewer.email, world.password)
    page.goto(url("calendar_feed:settings"))
    assert_accessible(page)

    address = page.locator("#feed-url")
    token = FeedToken.objects.get(user=world.viewer).token
    expect(address).to_have_value(f"{page.url.split('/calendar/')[0]}/calendar/{token}.ics")
    copy_button = page.locator("[data-copy-from]")
    expect(copy_button).to_be_visible()
    copy_button.click()
    expect(page.locator("[data-copy-status]")).to_have_text(in_dutch("The link has been copied."))
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()

    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    new_token = FeedToken.objects.get(user=world.viewer).token
    assert new_token != token
    expect(address).to_have_value(f"{page.url.split('/calendar/')[0]}/calendar/{new_token}.ics")
    assert_accessible(page)


def test_a_coordinator_copies_the_plan_with_the_chosen_actions(page: Page, world: World):
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("plans:copy", org_slug="helmond", plan_slug="helmond-mvi"))
    assert_accessible(page)

    boxes = page.locator("input[name=actions]")
    expect(boxes).to_have_count(2)
    page.locator("button[data-check=none]").click()
    for index in range(2):
        expect(boxes.nth(index)).not_to_be_checked()
    page.locator("button[data-check=all]").click()
    expect(boxes.nth(1)).to_be_checked()
    page.locator(f"#copy-action-{world.unowned_action.pk}").uncheck()

    page.locator("#id_name").fill("MVI-jaarplan 2021")
    page.locator("#id_slug").fill("jaarplan-2021")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert page.url.endswith(url("plans:detail", org_slug="helmond", plan_slug="jaarplan-2021"))
    new_plan = ActionPlan.objects.get(slug="jaarplan-2021")
    assert list(new_plan.actions.values_list("code", flat=True)) == ["A1"]
    expect(page.locator("main")).to_contain_text(world.plan.name)
    assert_accessible(page)
