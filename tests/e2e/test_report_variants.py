"""The two versions of the report in the browser (issue 13): a coordinator composes the
council version by keyboard only, with and without JavaScript, finalises the monitor,
changes the composition and finds the finalised versions unchanged; the council PDF and
Word document download in the seed's order without a word about people. Every page checked with axe
(WCAG 2.1 A/AA)."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mvimonitor.monitoring import services
from mvimonitor.monitoring.selectors import composition_section_ids
from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url
from tests.factories import ActionFactory
from tests.monitoring.docx_reading import header_texts, level_one, opened, texts

D = date(2017, 9, 20)
PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}


@pytest.fixture
def monitor_world(world: World) -> World:
    """A draft monitor on D with a summary, and an action owned by "P. Jansen", running
    but untouched since April (stale on D), that is due in the window."""
    ActionFactory(
        plan=world.plan,
        period=world.owned_action.period,
        code="S1",
        owner_name="P. Jansen",
        added_on=date(2017, 4, 1),
        status=Status.RUNNING,
        due_date=date(2017, 11, 1),
    )
    services.monitor_create(
        plan=world.plan, date=D, summary="Op koers.", next_monitor_on=date(2017, 11, 22), by=None
    )
    return world


def council(world: World) -> list[str]:
    return composition_section_ids(plan=world.plan, variant="council")


def moved_in_place(page: Page, status: str) -> None:
    """The list was swapped in by htmx (the page says `status` in its live region, not
    as a new page), and htmx has made it ready for the next key."""
    expect(page.locator("#composition-status")).to_contain_text(status)
    expect(page.locator("#composition-council")).not_to_have_class(re.compile("htmx-settling"))
    assert "?focus=" not in page.url


def headings(page: Page) -> list[str]:
    return page.locator(".report h2").all_inner_texts()


def test_the_coordinator_composes_the_council_version_by_keyboard(page: Page, monitor_world):
    world = monitor_world
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("monitoring:compose", **PLAN))
    assert_accessible(page)

    tab_to(page, "#council-planned-up")
    assert_focus_visible(page)
    page.keyboard.press("Enter")  # htmx swaps the list in; the focus stays on the button
    moved_in_place(page, "staat nu op plaats 4 van 9")
    expect(page.locator("#council-planned-up")).to_be_focused()
    page.keyboard.press("Enter")
    moved_in_place(page, "plaats 3 van 9")
    expect(page.locator("#council-planned-up")).to_be_focused()
    assert council(world)[:3] == ["summary", "status_chart", "planned"]

    tab_to(page, "#council-trend")
    page.keyboard.press("Space")
    tab_to(page, "#composition-council button.button:not([name])")  # Opslaan
    page.keyboard.press("Enter")
    moved_in_place(page, "opgeslagen")
    assert council(world)[-1] == "trend"
    expect(page.locator("#council-round")).to_be_disabled()
    assert_accessible(page)


def test_moving_a_section_works_without_javascript_and_keeps_the_focus(
    browser: Browser, live_server, django_db_serialized_rollback, monitor_world
):
    world = monitor_world
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, world.coordinator.email, world.password)
        page.goto(url("monitoring:compose", **PLAN))
        tab_to(page, "#council-status_table-up")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("#council-status_table-up")).to_be_focused()
        assert council(world)[-2:] == ["status_table", "next_monitor"]
    finally:
        context.close()


def test_finalised_versions_stay_as_they_were_when_the_composition_changes(
    page: Page, monitor_world, tmp_path: Path
):
    world = monitor_world
    log_in(page, world.coordinator.email, world.password)
    report = url("monitoring:detail", **PLAN, day=D)
    page.goto(report + "?variant=council")
    page.locator("form[action$='/finalise/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.goto(report + "?variant=council")
    council_before = headings(page)
    page.goto(report + "?variant=full")
    full_before = headings(page)
    assert_accessible(page)

    page.goto(url("monitoring:compose", **PLAN))
    page.locator("#council-status_table-up").click()
    moved_in_place(page, "plaats 8 van 9")
    page.locator("#full-summary-down").click()
    expect(page.locator("#composition-status")).to_contain_text("plaats 2 van 13")

    page.goto(report + "?variant=council")
    assert headings(page) == council_before
    page.goto(report + "?variant=full")
    assert headings(page) == full_before

    page.goto(report + "?variant=council")
    with page.expect_download() as download_info:
        page.locator("a[href$='/download/pdf/?variant=council']").click()
    download = download_info.value
    assert download.suggested_filename == "helmond-mvi-monitor-2017-09-20-raadsversie.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = subprocess.run(
        ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
    ).stdout
    order = ["Samenvatting", "Aantal acties per status per periode", "Aandachtspunten"]
    order += ["Communicatiemomenten", "Geplande acties", "Gerealiseerde acties"]
    order += ["Volgende monitor 22 november 2017", "Aantal acties per status\n"]
    places = [text.index(heading) for heading in order]
    assert places == sorted(places)
    for word in ("P. Jansen", "Verouderd", "verouderd", "Niet bijgewerkt", "Monitorronde"):
        assert word not in text

    # The Word document of the same finalised council version: the order frozen with it.
    with page.expect_download() as download_info:
        page.locator("a[href$='/download/docx/?variant=council']").click()
    word = download_info.value
    assert word.suggested_filename == "helmond-mvi-monitor-2017-09-20-raadsversie.docx"
    document = opened(Path(word.path()).read_bytes())
    assert [heading.split(" (")[0] for heading in level_one(document)] == [
        "Samenvatting",
        "Aantal acties per status per periode",
        "Aandachtspunten",
        "Communicatiemomenten",
        "Geplande acties",
        "Gerealiseerde acties",
        "Te laat",
        "Volgende monitor 22 november 2017",
        "Aantal acties per status",
    ]
    assert "CONCEPT" not in header_texts(document)  # finalised
    everything = "\n".join(texts(document))
    for word_ in ("P. Jansen", "Verouderd", "verouderd", "Niet bijgewerkt", "Monitorronde"):
        assert word_ not in everything
