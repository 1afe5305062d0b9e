"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright cannot download browsers here, so it launches /usr/bin/chromium. Every page a
test visits can be checked with `assert_accessible(page)` (axe-core, WCAG 2.1 A and AA,
no rule disabled); a Content-Security-Policy violation in the console fails the test.
"""

import os
import re
import shutil
from collections.abc import Iterator
from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("MVI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _seed_reference_data() -> None:
    """Put back what the migrations seed (national themes, the CPV divisions and groups),
    idempotently, with the migrations' own functions. The serialized rollback should do
    this, but in a session that first runs ordinary database tests it finds nothing to
    restore (seen with pytest-django 4.14): every browser test after the first then ran
    without reference data."""
    from django.apps import apps

    for migration, seed in (
        ("mvimonitor.plans.migrations.0002_national_themes", "seed_themes"),
        ("mvimonitor.procurement.migrations.0003_cpv_seed", "seed_cpv"),
    ):
        getattr(import_module(migration), seed)(apps, None)


@pytest.fixture
def page(browser: Browser, live_server, django_db_serialized_rollback) -> Iterator[Page]:
    """A fresh browser context per test. A live server needs a transactional database,
    which is emptied after each test; the reference data is seeded again before each."""
    _seed_reference_data()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            csp_errors.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    yield page
    context.close()
    assert not csp_errors, f"Content-Security-Policy violations: {csp_errors}"


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, results.generate_report()


def assert_focus_visible(page: Page) -> None:
    """The focused element draws a focus ring that stands out 3:1 against white
    (WCAG 2.1 1.4.11 and 2.4.7), however the page styles it."""
    ring = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {
                tag: document.activeElement.tagName,
                style: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
                colour: style.outlineColor,
            };
        }"""
    )
    assert ring["tag"] != "BODY", "nothing has the focus"
    assert ring["style"] != "none" and ring["width"] >= 2, f"no visible focus ring: {ring}"
    assert _contrast_with_white(ring["colour"]) >= 3, f"focus ring too faint: {ring}"


def tab_to(page: Page, selector: str, most: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(most):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def _contrast_with_white(css_colour: str) -> float:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css_colour)[:3])

    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def log_in(page: Page, email: str, password: str) -> None:
    """Log in through the real login form. Fields are found by id, not by their labels,
    so the test does not depend on the state of the Dutch catalogue."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def in_dutch(message: str) -> str:
    """`message` (an English msgid) as the Dutch pages show it: the Dutch text once the
    catalogue has it, the msgid until then. Keeps the assertions exact either way."""
    with translation.override("nl"):
        return translation.gettext(message)


def url(name: str, **kwargs: object) -> str:
    return reverse(name, kwargs=kwargs)
