"""The plan page as a dashboard and the late actions in the browser (issue 15, items 1
and 2): the panels side by side on a desktop and stacked on a phone, the count of late
actions leading to the filtered list, the filter "Alleen acties die te laat zijn" with
the mouse, every late row saying why in words; axe finds nothing on any of them."""

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mvimonitor.monitoring.services import attention_point_create, monitor_create
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds.services import round_open
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url
from tests.factories import ActionFactory

PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}
SHOTS = Path("/tmp/shots-late")  # noqa: S108 -- screenshots for the report, not secrets


@pytest.fixture
def busy_plan(world: World) -> World:
    """Today (the real one: the live server's): A2 not started since 1 March 2017, L1
    running past its due date of 1 September 2017, L2 completed (never late), a draft
    monitor in a month with an open round, and an open attention point."""
    today = timezone.localdate()
    period = world.owned_action.period
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 3, 1))
    ActionFactory(
        period=period,
        code="L1",
        title="Groene schoonmaak",
        status=Status.RUNNING,
        due_date=date(2017, 9, 1),
    )
    ActionFactory(
        period=period,
        code="L2",
        title="Afgeronde actie",
        status=Status.COMPLETED,
        due_date=date(2017, 9, 1),
    )
    monitor = monitor_create(plan=world.plan, by=None, date=today + timedelta(days=30))
    round_open(monitor=monitor, deadline=today + timedelta(days=14), by=world.coordinator)
    attention_point_create(plan=world.plan, text="Capaciteit inkoopteam onder druk", by=None)
    return world


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_the_dashboard_leads_to_the_late_actions_on_a_desktop(page: Page, busy_plan: World):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, busy_plan.coordinator.email, busy_plan.password)
    page.goto(url("plans:detail", **PLAN))

    late = page.locator("section.panel", has=page.locator("#panel-late"))
    expect(late.locator(".panel__figure")).to_have_text("2 acties te laat")
    expect(late).to_contain_text("startdatum 1 maart 2017 verstreken")
    expect(late).to_contain_text("einddatum 1 september 2017 verstreken")
    monitor = page.locator("section.panel", has=page.locator("#panel-monitor"))
    expect(monitor).to_contain_text("0 van 3 beantwoord")
    expect(page.locator("#panel-attention").locator("..")).to_contain_text("Capaciteit inkoopteam")
    # side by side: the first two panels share a row
    boxes = [panel.bounding_box() for panel in page.locator(".dashboard > .panel").all()]
    assert len(boxes) == 4 and boxes[0]["y"] == boxes[1]["y"]
    assert_accessible(page)
    _shot(page, "plan-dashboard-1280.png")

    with page.expect_navigation():
        late.locator(".panel__figure a").click()
    expect(page.locator("#id_late")).to_be_checked()
    rows = page.locator("table.action-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("te laat")
    expect(rows.first).to_contain_text("startdatum 1 maart 2017 verstreken")
    assert_accessible(page)
    _shot(page, "actions-late-1280.png")


def test_the_late_filter_with_the_mouse(page: Page, busy_plan: World):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, busy_plan.viewer.email, busy_plan.password)
    page.goto(url("plans:action_list", **PLAN))
    expect(page.locator("table.action-table tbody tr")).to_have_count(4)

    page.get_by_label(in_dutch("Only late actions")).check()
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()

    titles = page.locator("table.action-table tbody th[scope=row] a").all_inner_texts()
    assert titles == [busy_plan.unowned_action.title, "Groene schoonmaak"]
    expect(page.locator(".tag--late")).to_have_count(2)
    assert_accessible(page)


def test_the_dashboard_stacks_its_panels_on_a_phone(page: Page, busy_plan: World):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, busy_plan.coordinator.email, busy_plan.password)
    page.goto(url("plans:detail", **PLAN))

    panels = page.locator(".dashboard > .panel").all()
    boxes = [panel.bounding_box() for panel in panels]
    assert len(boxes) == 4
    assert len({round(box["x"]) for box in boxes}) == 1  # one column
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 375 for box in boxes)
    assert all(a["y"] + a["height"] <= b["y"] for a, b in pairwise(boxes))
    assert_accessible(page)
    _shot(page, "plan-dashboard-375.png")
