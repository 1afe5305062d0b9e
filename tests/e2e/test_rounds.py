"""The update round in the browser: an owner answers on "Mijn acties" with the keyboard
alone, and a coordinator watching the round's page sees the count change without
reloading (htmx polling). Every page checked with axe (WCAG 2.1 A/AA)."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from mvimonitor.monitoring.models import Monitor
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import services
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.utils.dates import today
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url
from tests.factories import ActionFactory


@pytest.fixture
def round_world(world: World) -> tuple[World, UpdateRound, Action]:
    """An open round for a monitor a month ahead, asking the owner about A1 (running)
    and A3 (not started); A2 has no owner."""
    second = ActionFactory(period=world.owned_action.period, code="A3", owner=world.owner)
    monitor = Monitor.objects.create(plan=world.plan, date=today() + timedelta(days=30))
    update_round = services.round_open(
        monitor=monitor,
        deadline=today() + timedelta(days=7),
        by=world.coordinator,
        message="Graag voor de deadline bijwerken.",
    )
    return world, update_round, second


def item(update_round: UpdateRound, action: Action) -> RoundItem:
    return RoundItem.objects.get(round=update_round, action=action)


def press_until_value(page: Page, selector: str, value: str, key: str = "ArrowDown") -> None:
    for _ in range(8):
        if page.locator(selector).input_value() == value:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the value {value}")


def test_an_owner_works_through_my_actions_with_the_keyboard_alone(page: Page, round_world):
    world, update_round, second = round_world
    first = item(update_round, world.owned_action)
    other = item(update_round, second)
    log_in(page, world.owner.email, world.password)
    page.goto(url("my_actions:list"))
    page.evaluate("window.loadedOnce = true")
    expect(page.locator(".round-item")).to_have_count(2)
    assert_accessible(page)

    # A1: nothing changed. Tab to its "Unchanged" button and press Enter.
    tab_to(page, f"#item-{first.pk} button[formaction]")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator(f"#item-{first.pk}")).to_have_class("round-item round-item--done")
    expect(page.locator(f"#item-{first.pk}-title")).to_be_focused()
    expect(page.locator(f"#item-{first.pk} [role=status]")).to_be_visible()

    # A3: it started. Tab on to its status, choose "running", type the result, Save
    # with the space bar.
    status = f"#id_item-{other.pk}-to_status"
    tab_to(page, status)
    assert_focus_visible(page)
    press_until_value(page, status, Status.RUNNING.value)
    tab_to(page, f"#id_item-{other.pk}-result")
    page.keyboard.type("Marktverkenning gestart")
    tab_to(page, f"#id_item-{other.pk}-note")
    page.keyboard.type("Eerste gesprekken gevoerd")
    tab_to(page, f"#item-{other.pk} button:not([formaction])")
    assert_focus_visible(page)
    page.keyboard.press("Space")

    row = page.locator(f"#item-{other.pk}")
    expect(row).to_have_class("round-item round-item--done")
    expect(row.locator(".status--running")).to_be_visible()
    expect(page.locator(f"#item-{other.pk}-title")).to_be_focused()
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    assert_accessible(page)

    assert item(update_round, world.owned_action).state == RoundItem.State.CONFIRMED
    assert item(update_round, second).state == RoundItem.State.UPDATED
    second.refresh_from_db()
    assert (second.status, second.result) == (Status.RUNNING, "Marktverkenning gestart")
    # Nothing left to do: the menu no longer shows a count after a reload.
    page.reload()
    expect(page.locator(".site-header__nav a[href='/my-actions/'] .tag")).to_have_count(0)


def test_the_coordinator_sees_the_progress_change_without_reloading(
    page: Page, browser: Browser, live_server, round_world, settings
):
    settings.ROUND_POLL_SECONDS = 1
    world, update_round, _second = round_world
    log_in(page, world.coordinator.email, world.password)
    page.goto(
        url(
            "rounds:detail",
            org_slug="helmond",
            plan_slug="helmond-mvi",
            day=update_round.monitor.date,
        )
    )
    page.evaluate("window.loadedOnce = true")
    total = page.locator("#round-progress progress")
    expect(total).to_have_attribute("value", "0")
    expect(total).to_have_attribute("max", "3")
    assert_accessible(page)

    owner_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    try:
        owner_page = owner_context.new_page()
        log_in(owner_page, world.owner.email, world.password)
        owner_page.goto(url("my_actions:list"))
        first = item(update_round, world.owned_action)
        owner_page.locator(f"#item-{first.pk} button[formaction]").click()
        expect(owner_page.locator(f"#item-{first.pk}")).to_have_class("round-item round-item--done")
    finally:
        owner_context.close()

    expect(total).to_have_attribute("value", "1")
    owner_row = page.locator("#round-progress tbody tr").filter(has_text=world.owner.display_name)
    expect(owner_row.locator("td").nth(1)).to_have_text("1")  # confirmed unchanged
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    assert_accessible(page)


def test_an_owner_sees_that_the_deadline_has_passed(page: Page, round_world):
    world, update_round, _second = round_world
    # The deadline moved back (a round opened long ago): yesterday.
    UpdateRound.objects.filter(pk=update_round.pk).update(deadline=today() - timedelta(days=1))
    log_in(page, world.owner.email, world.password)
    page.goto(url("my_actions:list"))
    late = page.locator(".round-plan__late")
    expect(late).to_contain_text("De termijn is op")
    expect(late).to_contain_text("verstreken")
    expect(page.locator(f"#item-{item(update_round, world.owned_action).pk} form")).to_be_visible()
    assert_accessible(page)
