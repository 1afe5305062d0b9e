"""The report's sections "Update round" and "Not updated" in the browser: both shown with
their tables, the "not updated" mark in the planned list explained by the legend, an
action not answered opens its page, the count of the actions not updated opens their
list; axe (WCAG 2.1 A/AA) on the report and on that list."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mvimonitor.monitoring import services
from mvimonitor.plans.models import Action
from mvimonitor.rounds.models import RoundItem, UpdateRound
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url
from tests.factories import ActionFactory

D = date(2017, 9, 20)


@pytest.fixture
def round_world(world: World) -> World:
    """A draft monitor on D whose round (deadline 15 September, written directly: the
    service refuses a deadline in the past) has A1 confirmed and A2 open; S1 should have
    started on 1 June, is due in the planning window and is untouched since April (not
    updated on D). A2, not started and without a start date, never counts."""
    ActionFactory(
        plan=world.plan,
        period=world.owned_action.period,
        code="S1",
        start_date=date(2017, 6, 1),
        due_date=date(2017, 10, 15),
    )
    monitor = services.monitor_create(plan=world.plan, date=D, by=None)
    update_round = UpdateRound.objects.create(monitor=monitor, deadline=date(2017, 9, 15))
    answered = timezone.make_aware(datetime.combine(date(2017, 9, 10), time(10)))
    RoundItem.objects.create(
        round=update_round,
        action=world.owned_action,
        owner=world.owner,
        state=RoundItem.State.CONFIRMED,
        responded_at=answered,
    )
    RoundItem.objects.create(round=update_round, action=world.unowned_action)
    return world


def test_the_report_shows_the_round_and_the_actions_not_updated(page: Page, round_world):
    world = round_world
    log_in(page, world.viewer.email, world.password)
    page.goto(url("monitoring:detail", org_slug="helmond", plan_slug="helmond-mvi", day=D))

    section = page.locator("section[aria-labelledby='report-round']")
    expect(section.locator("table.report-round tbody td")).to_have_text(["0", "1", "1", "2"])
    expect(section.locator("table.report-round-missing tbody tr")).to_have_count(1)
    stale = page.locator("section[aria-labelledby='report-stale']")
    total = stale.locator("table.report-stale tfoot td")
    expect(total).to_have_text("1")  # S1; not A2, which has no start date
    planned = page.locator("table.report-planned tbody tr", has_text="S1")
    expect(planned.locator("[aria-describedby='stale-legend']")).to_be_visible()
    assert_accessible(page)

    section.get_by_role("link", name=world.unowned_action.title).click()
    expect(page.locator("h1")).to_contain_text(Action.objects.get(code="A2").title)

    page.go_back()
    stale.locator("table.report-stale tfoot a").click()
    expect(page.locator("table.figure-stale tbody tr")).to_have_count(1)
    expect(page.locator("table.figure-stale tbody")).to_contain_text("S1")
    expect(page.locator("table.figure-stale tbody")).not_to_contain_text("A2")
    assert_accessible(page)
