"""Outside review in the browser: a reviewer comments on an action (htmx swaps the
comments in place), a coordinator sees the discussion open on the plan's review page
and resolves it. Every page is checked with axe."""

from datetime import date

from playwright.sync_api import Page, expect

from mvimonitor.monitoring import services as monitoring_services
from mvimonitor.review.models import Comment
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url

PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("form[action$='/logout/'] button").click()


def test_a_reviewer_comments_and_a_coordinator_resolves(page: Page, world: World):
    action = world.owned_action
    log_in(page, world.reviewer.email, world.password)
    # A reviewer lands on their plan, which has no link to the reports.
    expect(page).to_have_url(url("plans:detail", **PLAN))
    expect(page.locator(f"a[href='{url('monitoring:list', **PLAN)}']")).to_have_count(0)
    assert_accessible(page)

    page.goto(url("plans:action_detail", pk=action.pk, **PLAN))
    page.evaluate("window.loadedOnce = true")
    page.locator("#comments #id_body").fill("Hoe meet u het resultaat van deze actie?")
    page.locator("#comments form.comment-form button[type=submit]").click()

    thread = page.locator("#comments .comment-thread")
    expect(thread).to_have_count(1)
    expect(thread).to_contain_text("Hoe meet u het resultaat van deze actie?")
    expect(thread).to_contain_text(world.reviewer.full_name)
    expect(page.locator("#comments-heading")).to_be_focused()
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded"
    assert_accessible(page)
    log_out(page)

    log_in(page, world.coordinator.email, world.password)
    page.goto(url("review:plan", **PLAN))
    open_threads = page.locator("main .comment-thread")
    expect(open_threads).to_have_count(1)
    expect(open_threads).to_contain_text("Hoe meet u het resultaat van deze actie?")
    expect(open_threads).to_contain_text(in_dutch("outside reviewer"))
    assert_accessible(page)

    with page.expect_navigation():
        open_threads.locator("form[action$='/resolve/'] button").click()
    expect(page.locator("main .comment-thread")).to_have_count(0)
    assert Comment.objects.get().resolved_by == world.coordinator

    page.goto(url("review:plan", **PLAN) + "?state=resolved")
    resolved = page.locator("main .comment-thread--resolved")
    expect(resolved).to_have_count(1)
    assert_accessible(page)


def test_a_reviewer_reads_the_council_version_of_a_finalised_monitor(page: Page, world: World):
    finalised = monitoring_services.monitor_create(
        plan=world.plan, date=date(2017, 7, 12), summary="Helmond ligt op koers.", by=None
    )
    monitoring_services.monitor_finalise(monitor=finalised, by=world.coordinator)
    monitoring_services.monitor_create(plan=world.plan, date=date(2017, 9, 20), by=None)
    council = url("monitoring:council_detail", day=date(2017, 7, 12), **PLAN)

    log_in(page, world.reviewer.email, world.password)
    with page.expect_navigation():
        page.get_by_role("link", name=in_dutch("Finalised monitors")).click()
    expect(page).to_have_url(url("monitoring:council_list", **PLAN))
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(1)  # the draft of 20 September is not there
    assert_accessible(page)

    with page.expect_navigation():
        rows.get_by_role("link", name="Monitor 12 juli 2017").click()
    expect(page).to_have_url(council)
    expect(page.locator("h1")).to_have_text("Monitor 12 juli 2017")
    expect(page.locator(".report-heading__org")).to_contain_text(in_dutch("council version"))
    expect(page.locator("main")).to_contain_text("Helmond ligt op koers.")
    expect(page.locator("main")).not_to_contain_text(world.coordinator.full_name)
    expect(page.locator("main a[href*='/figures/']")).to_have_count(0)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=in_dutch("Download PDF")).click()
    assert download.value.suggested_filename == "helmond-mvi-monitor-2017-07-12-raadsversie-v1.pdf"

    # The monitor's own page stays closed: a reviewer is refused.
    response = page.goto(url("monitoring:detail", day=date(2017, 7, 12), **PLAN))
    assert response is not None and response.status == 403
