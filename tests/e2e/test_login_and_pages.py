"""Logging in through the form and finding one's way through the pages, each checked
with axe (WCAG 2.1 A/AA)."""

import re

from playwright.sync_api import Page, expect

from mvimonitor.accounts.forms import EmailAuthenticationForm
from mvimonitor.organisations.models import Membership
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url


def test_a_wrong_password_is_refused_with_a_message_and_the_right_one_lets_you_in(
    page: Page, world: World
):
    page.goto(url("accounts:login"))
    assert_accessible(page)

    page.locator("#id_username").fill(world.coordinator.email)
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button[type=submit]").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(
        in_dutch(str(EmailAuthenticationForm.error_messages["invalid_login"]))
    )
    expect(page.locator("#id_username")).to_have_value(world.coordinator.email)
    assert_accessible(page)

    log_in(page, world.coordinator.email, world.password)
    # A member of one organisation lands on that organisation's page.
    expect(page).to_have_url(url("organisations:detail", org_slug="helmond"))
    expect(page.locator("h1")).to_have_text("Gemeente Helmond")
    expect(page.locator("main")).not_to_contain_text("Gemeente Anders")


def test_five_wrong_passwords_lock_the_login_in_dutch_and_a_coordinator_unlocks(
    page: Page, world: World
):
    page.goto(url("accounts:login"))
    for _ in range(5):
        page.locator("#id_username").fill(world.viewer.email)
        page.locator("#id_password").fill("not-the-password")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(re.compile(r"U kunt het na \d\d:\d\d opnieuw proberen\."))
    assert_accessible(page)

    log_in(page, world.coordinator.email, world.password)
    page.goto(url("organisations:members", org_slug="helmond"))
    assert_accessible(page)
    membership = Membership.objects.get(user=world.viewer, organisation=world.helmond)
    unlock = url("organisations:member_unlock", org_slug="helmond", membership_id=membership.pk)
    page.locator(f"form[action='{unlock}'] button").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"{world.viewer.display_name} kan weer inloggen."
    )
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, world.viewer.email, world.password)
    expect(page).to_have_url(url("organisations:detail", org_slug="helmond"))


def test_the_password_reset_page_is_accessible(page: Page, world: World):
    page.goto(url("accounts:login"))
    page.locator(f"a[href='{url('accounts:password_reset')}']").click()
    expect(page.locator("#id_email")).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_walks_from_the_organisation_to_every_page_of_the_plan(
    page: Page, world: World
):
    org, plan = "helmond", "helmond-mvi"
    action = world.owned_action.pk
    log_in(page, world.coordinator.email, world.password)
    assert_accessible(page)  # the organisation's page with its plans

    page.locator("main").get_by_role("link", name=world.plan.name).click()
    expect(page).to_have_url(url("plans:detail", org_slug=org, plan_slug=plan))
    expect(page.locator("h1")).to_have_text(world.plan.name)
    assert_accessible(page)

    list_url = url("plans:action_list", org_slug=org, plan_slug=plan)
    page.locator(f"main .actions-bar a[href='{list_url}']").click()
    expect(page.locator("table.action-table tbody tr")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("link", name=world.owned_action.title).click()
    expect(page).to_have_url(url("plans:action_detail", org_slug=org, plan_slug=plan, pk=action))
    assert_accessible(page)

    for path in (
        url("plans:action_edit", org_slug=org, plan_slug=plan, pk=action),
        url("plans:action_create", org_slug=org, plan_slug=plan),
        url("exchange:import", org_slug=org, plan_slug=plan),
        url("plans:edit", org_slug=org, plan_slug=plan),
        url("plans:periods", org_slug=org, plan_slug=plan),
        url("plans:themes", org_slug=org, plan_slug=plan),
        url("plans:create", org_slug=org),
        url("plans:org_themes", org_slug=org),
        url("organisations:members", org_slug=org),
        url("organisations:invite", org_slug=org),
        url("accounts:password_change"),
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert_accessible(page)


def test_forms_sent_back_with_errors_stay_accessible(page: Page, world: World):
    log_in(page, world.coordinator.email, world.password)

    page.goto(url("plans:action_create", org_slug="helmond", plan_slug="helmond-mvi"))
    page.locator("main form[method=post] button[type=submit]").last.click()
    expect(page.locator("main .error-summary")).to_be_visible()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.goto(url("organisations:invite", org_slug="helmond"))
    page.locator("#id_email").fill("geen e-mailadres")
    page.locator("main form[method=post] button[type=submit]").last.click()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_an_owner_sees_an_accessible_page_of_their_own_action(page: Page, world: World):
    log_in(page, world.owner.email, world.password)
    org, plan, action = "helmond", "helmond-mvi", world.owned_action.pk
    page.goto(url("plans:action_detail", org_slug=org, plan_slug=plan, pk=action))
    expect(page.locator("#id_to_status")).to_be_visible()
    assert_accessible(page)
    page.goto(url("plans:action_edit", org_slug=org, plan_slug=plan, pk=action))
    assert_accessible(page)


def test_the_pages_reflow_to_a_narrow_screen_without_sideways_scrolling(page: Page, world: World):
    """320 CSS pixels wide is a 1280 pixel screen zoomed to 400% (WCAG 2.1 1.4.10): the
    page itself must not scroll sideways; a wide table may, inside its own region, which
    axe then checks for keyboard access."""
    org, plan, action = "helmond", "helmond-mvi", world.owned_action.pk
    # A long name makes the owner lists wider than the screen.
    world.viewer.full_name = "Maria-Christina van Oldenbarnevelt-Vandersteenhoven"
    world.viewer.save(update_fields=["full_name"])
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("organisations:invite", org_slug=org))
    page.locator("#id_email").fill("nieuwe.collega@helmond.example.nl")
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("nieuwe.collega@helmond.example.nl")

    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        url("organisations:detail", org_slug=org),
        url("organisations:members", org_slug=org),
        url("plans:detail", org_slug=org, plan_slug=plan),
        url("plans:periods", org_slug=org, plan_slug=plan),
        url("plans:action_list", org_slug=org, plan_slug=plan),
        url("plans:action_detail", org_slug=org, plan_slug=plan, pk=action),
        url("plans:action_edit", org_slug=org, plan_slug=plan, pk=action),
        url("plans:action_create", org_slug=org, plan_slug=plan),
        url("exchange:import", org_slug=org, plan_slug=plan),
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} pixels wide"
        assert_accessible(page)
