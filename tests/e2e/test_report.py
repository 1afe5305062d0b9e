"""The report of a monitor in the browser: open it, click a count and see exactly the
actions it counts, click a bar of the chart, download the PDF and the Word document;
every page checked with axe (WCAG 2.1 A/AA)."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url
from tests.factories import ActionFactory
from tests.monitoring.docx_reading import header_texts, opened

D = date(2017, 9, 20)


def complete(action: Action, on: date) -> None:
    action.refresh_from_db()
    plan_services.action_change_status(
        action=action, to_status=Status.COMPLETED, by=None, effective_on=on
    )


@pytest.fixture
def report_world(world: World) -> World:
    """Three actions of the first period completed by D, one of them after a finalised
    monitor of 12 July; a draft monitor on D."""
    period = world.owned_action.period
    for code in ("C1", "C2"):
        complete(ActionFactory(plan=world.plan, period=period, code=code), date(2017, 6, 1))
    july = services.monitor_create(plan=world.plan, date=date(2017, 7, 12), by=None)
    services.monitor_finalise(monitor=july, by=world.coordinator)
    complete(world.owned_action, date(2017, 8, 15))
    services.monitor_create(
        plan=world.plan, date=D, summary="Op koers.", next_monitor_on=date(2017, 11, 22), by=None
    )
    return world


def report_url() -> str:
    return url("monitoring:detail", org_slug="helmond", plan_slug="helmond-mvi", day=D)


def test_a_count_in_the_table_opens_exactly_the_actions_it_counts(page: Page, report_world):
    world = report_world
    period = world.owned_action.period_id
    log_in(page, world.viewer.email, world.password)
    page.goto(report_url())
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    cell = page.locator(f"table.report-table a[href$='?period={period}&status=completed']")
    expect(cell).to_have_text("3")
    cell.click()

    rows = page.locator("table.figure-actions tbody tr")
    expect(rows).to_have_count(3)
    for code in ("A1", "C1", "C2"):
        expect(page.locator("table.figure-actions")).to_contain_text(code)
    expect(rows.locator(".status--completed")).to_have_count(3)
    assert_accessible(page)


def test_a_bar_of_the_chart_opens_the_same_list(page: Page, report_world):
    world = report_world
    period = world.owned_action.period_id
    log_in(page, world.viewer.email, world.password)
    page.goto(report_url())

    page.locator(f"svg:not(.chart--narrow) a[href$='?period={period}&status=not_started']").click()

    rows = page.locator("table.figure-actions tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(world.unowned_action.title)


def test_the_pdf_downloads_in_one_click(page: Page, report_world, tmp_path: Path):
    world = report_world
    log_in(page, world.viewer.email, world.password)
    page.goto(report_url())

    with page.expect_download() as download_info:
        page.locator("a[href$='/download/pdf/?variant=full']").click()

    download = download_info.value
    assert download.suggested_filename == "helmond-mvi-monitor-2017-09-20.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")


def test_the_word_document_downloads_in_one_click_and_says_concept(
    page: Page, report_world, tmp_path: Path
):
    world = report_world
    log_in(page, world.viewer.email, world.password)
    page.goto(report_url())
    expect(page.locator(".tag--draft")).to_have_text("CONCEPT")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word downloaden").click()

    download = download_info.value
    assert download.suggested_filename == "helmond-mvi-monitor-2017-09-20.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = opened(saved.read_bytes())
    assert header_texts(document)[0] == "CONCEPT"
    assert "Op koers." in [paragraph.text for paragraph in document.paragraphs]


def test_the_coordinator_finalises_the_monitor_from_the_report(page: Page, report_world):
    world = report_world
    log_in(page, world.coordinator.email, world.password)
    page.goto(report_url())

    page.locator("form[action$='/finalise/'] button").click()

    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("a[href$='/editions/1/pdf/?variant=council']")).to_be_visible()
    expect(page.locator("a[href$='/editions/1/pdf/?variant=full']")).to_be_visible()
    expect(page.locator("a[href$='/reopen/']")).to_be_visible()
    assert_accessible(page)


def test_every_monitor_page_reflows_to_a_narrow_screen_and_passes_axe(page: Page, report_world):
    """320 CSS pixels (WCAG 2.1 1.4.10): the page does not scroll sideways; a wide table
    may, in its own keyboard-reachable region."""
    world = report_world
    point = AttentionPoint.objects.create(plan=world.plan, text="Interne capaciteit borgen")
    moment = CommunicationMoment.objects.create(
        plan=world.plan, date=date(2017, 7, 15), text="Artikel in Helmond inside"
    )
    log_in(page, world.coordinator.email, world.password)
    page.set_viewport_size({"width": 320, "height": 640})
    plan = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}
    period = world.owned_action.period_id
    for path in (
        url("monitoring:list", **plan),
        url("monitoring:create", **plan),
        report_url(),
        url("monitoring:figure", **plan, day=D) + f"?period={period}&status=completed",
        url("monitoring:edit", **plan, day=D),
        url("monitoring:reopen", **plan, day=date(2017, 7, 12)),
        url("monitoring:attention_points", **plan),
        url("monitoring:attention_point_edit", **plan, pk=point.pk),
        url("monitoring:communication", **plan),
        url("monitoring:communication_edit", **plan, pk=moment.pk),
        url("monitoring:compose", **plan),
        report_url() + "?variant=council",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} pixels wide"
        assert_accessible(page)


def test_the_tenders_and_targets_section_is_accessible_and_links_to_the_tender(
    page: Page, report_world
):
    from decimal import Decimal

    from tests.monitoring.tender_samples import contract, five_tenders_target, tender

    world = report_world
    groen = tender(
        world.helmond,
        "GROEN-2018",
        title="Groenonderhoud 2018-2021",
        phases=((date(2017, 9, 1), "publication"),),
        themes=("circulair", "social-return"),
        planned_start_on=date(2018, 4, 1),
        planned_publication_on=date(2017, 10, 2),
        estimated_value=Decimal("2400000"),
    )
    contract(world.helmond, "SG-1", date(2017, 9, 14), tender=groen)
    five_tenders_target(world.plan)
    log_in(page, world.viewer.email, world.password)
    page.goto(report_url())

    section = page.locator("section[aria-labelledby='report-tenders']")
    expect(section.locator("table.report-targets")).to_contain_text("Minimaal vijf")
    expect(section.locator("svg.mvi-share-chart")).to_be_visible()
    assert_accessible(page)

    section.locator("table.report-tenders-planned a", has_text="Groenonderhoud").click()
    expect(page.locator("h1")).to_contain_text("Groenonderhoud 2018-2021")
