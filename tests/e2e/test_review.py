"""Outside review in the browser: a reviewer comments on an action (htmx swaps the
comments in place), a coordinator sees the discussion open on the plan's review page
and resolves it. Every page is checked with axe."""

from playwright.sync_api import Page, expect

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
