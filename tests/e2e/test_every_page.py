"""Every page, on a phone (375 px) and on a desktop (1280 px): no horizontal page scroll,
chart text at least 12 px as rendered, and no WCAG 2.1 A/AA violation that axe finds.

"Every page" is the URLconf: the names and objects of tests/test_url_access.py, so a new
page is checked here the day it gets its access rule. Each page is opened by someone who
may see it (public pages without logging in, the organisations' administration by a
site administrator, everything else by the coordinator, who may see every organisation
page), once per role. Downloads (PDF, Excel, Word, iCalendar, JSON) and htmx fragments are
left out by what the server answers, not by their names.

With MVI_AXE_REPORT=<path> the axe results are also written to that file as JSON, for
the accessibility statement (`make accessibility-report`; ADR 0033).
"""

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from mvimonitor.demo.services import demo_load
from mvimonitor.organisations.roles import Role
from tests.conftest import World
from tests.e2e.conftest import WCAG_TAGS, _axe, _seed_reference_data, log_in
from tests.factories import SiteAdminFactory
from tests.test_url_access import RULES, URL_NAMES, Objects, objects  # noqa: F401 -- fixture

VIEWPORTS = (375, 1280)
HEIGHT = 800
MIN_CHART_TEXT = 12  # px, as rendered
# Pages that draw a chart with the world of tests/test_url_access.py: the check on chart
# text must have measured something on each, or it proves nothing.
CHART_PAGES = {"monitoring:detail", "procurement:pipeline", "targets:detail"}
# URL arguments that are secrets: written to the report as a placeholder.
SECRET_ARGUMENTS = ("token", "uidb64")
PAGE_TYPES = ("text/html",)
# As assert_accessible runs axe; only the violations' nodes are sent back, which saves
# most of the time a run takes on a long page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# Links the walk through the demo does not follow: the Django admin is for platform
# operators, not the coordinator.
NOT_FOLLOWED: set[str] = set()

# How wide the document is against the window, and every SVG text's rendered size:
# its font size times the scale its SVG is drawn at. Hidden texts (the chart variant
# for the other screen width) have no box and do not count.
MEASURE = """() => {
  const sizes = [...document.querySelectorAll('svg text')]
    .filter((text) => text.getClientRects().length > 0)
    .map((text) => {
      const matrix = text.getScreenCTM();
      const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
      return {size: Math.round(size * 10) / 10, text: text.textContent.slice(0, 30)};
    });
  return {
    width: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
    texts: sizes,
  };
}"""


@dataclass
class Checked:
    """What a walk found: a line per problem, and the axe results for the report."""

    data: str  # the data the pages showed: "test world" or "demo"
    problems: list[str] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)
    violations: dict[str, dict] = field(default_factory=dict)
    charts_measured: set[str] = field(default_factory=set)
    # The Content-Security-Policy violations of the address opened last: the browser's
    # own viewer of a JSON file styles it inline, which is no page of ours.
    csp: list[str] = field(default_factory=list)
    axe_version: str = ""


def _who_may_see(name: str) -> str:
    requires = RULES[name].requires
    if requires == "public":
        return "anonymous"
    return "site-admin" if requires == "site-admin" else "coordinator"


def _without_secrets(path: str, kwargs: dict) -> str:
    """`path` as the report shows it: a token in it replaced by a placeholder."""
    for key, value in kwargs.items():
        if any(secret in key for secret in SECRET_ARGUMENTS):
            path = path.replace(str(value), f"<{key}>")
    return path


def _pages_for(named: Objects, who: str) -> list[tuple[str, str, str]]:
    """(url name, path, path as the report shows it) of every GET page for `who`."""
    pages = []
    for name in URL_NAMES:
        rule = RULES[name]
        if "get" not in rule.methods or _who_may_see(name) != who:
            continue
        kwargs = rule.kwargs(named)
        path = reverse(name, kwargs=kwargs)
        pages.append((name, path, _without_secrets(path, kwargs)))
    return pages


def _open(page: Page, path: str, checked: Checked) -> tuple[bool, str]:
    """Open `path`; (whether it answered a whole HTML page itself, not a download, a
    fragment or a redirect; where a redirect led)."""
    checked.csp.clear()
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return False, ""
        raise
    assert response is not None
    if response.request.redirected_from is not None:
        return False, urlsplit(response.url).path
    content_type = response.headers.get("content-type", "").split(";")[0]
    is_page = (
        response.status == 200
        and content_type in PAGE_TYPES
        and "<html" in response.text()[:500].lower()
    )
    if is_page:
        checked.problems += [f"{path}: CSP violation: {text}" for text in checked.csp]
    return is_page, ""


def _check(page: Page, name: str, shown: str, checked: Checked) -> None:
    """The open page at each width."""
    for width in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        measured = page.evaluate(MEASURE)
        where = f"{name} {shown} at {width} px"
        if measured["width"] > measured["window"]:
            checked.problems.append(
                f"{where}: scrolls sideways ({measured['width']} > {measured['window']} px)"
            )
        small = [t for t in measured["texts"] if t["size"] < MIN_CHART_TEXT]
        if small:
            checked.problems.append(f"{where}: chart text under 12 px: {small[:3]}")
        if measured["texts"]:
            checked.charts_measured.add(name)
        results = _axe.run(page, options=AXE_OPTIONS)
        checked.axe_version = results.response["testEngine"]["version"]
        violations = results.response["violations"]
        checked.pages.append(
            {
                "name": name,
                "path": shown,
                "viewport": width,
                "violations": len(violations),
                "data": checked.data,
            }
        )
        for violation in violations:
            entry = checked.violations.setdefault(
                violation["id"],
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "pages": [],
                },
            )
            if shown not in entry["pages"]:
                entry["pages"].append(shown)
            targets = [node["target"] for node in violation["nodes"][:3]]
            checked.problems.append(f"{where}: axe {violation['id']} at {targets}")


def _csp_violation(text: str, checked: Checked) -> None:
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        checked.csp.append(text)


def _write_report(path: str, walks: list[Checked]) -> None:
    violations: dict[str, dict] = {}
    for checked in walks:
        for entry in checked.violations.values():
            merged = violations.setdefault(entry["id"], {**entry, "pages": []})
            merged["pages"] += [p for p in entry["pages"] if p not in merged["pages"]]
    report = {
        "checked_on": date.today().isoformat(),  # noqa: DTZ011 -- the day the check ran
        "axe_version": next((c.axe_version for c in walks if c.axe_version), ""),
        "standard": WCAG_TAGS,
        "viewports": list(VIEWPORTS),
        "pages": [page for checked in walks for page in checked.pages],
        "violations": sorted(violations.values(), key=lambda v: v["id"]),
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def walks() -> Iterator[list[Checked]]:
    """What both walks found; written to MVI_AXE_REPORT when they are done."""
    found: list[Checked] = []
    yield found
    if report := os.environ.get("MVI_AXE_REPORT"):
        _write_report(report, found)


def _new_page(browser: Browser, base_url: str, checked: Checked) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=base_url, locale="nl-NL", viewport={"width": VIEWPORTS[0], "height": HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("console", lambda message: _csp_violation(message.text, checked))
    return context, page


@pytest.fixture
def reference_data(live_server, django_db_serialized_rollback) -> None:
    """The national themes and CPV codes, seeded before `world` and `objects` are built
    (they look themes up): a browser test before this one emptied the database."""
    _seed_reference_data()


def test_every_page_fits_a_phone_has_legible_charts_and_no_axe_violation(
    browser: Browser,
    live_server,
    reference_data: None,
    world: World,
    objects: Objects,  # noqa: F811 -- the fixture imported above
    walks: list[Checked],
):
    site_admin = SiteAdminFactory()
    logins = {
        "anonymous": None,
        "coordinator": world.coordinator.email,
        "site-admin": site_admin.email,
    }
    checked = Checked(data="test world")
    walks.append(checked)
    started = time.monotonic()
    for who, email in logins.items():
        context, page = _new_page(browser, live_server.url, checked)
        if email:
            log_in(page, email, world.password)
        for name, path, shown in _pages_for(objects, who):
            if _open(page, path, checked)[0]:
                _check(page, name, shown, checked)
        context.close()

    print(f"{len(checked.pages)} page views checked in {time.monotonic() - started:.0f} s")
    assert not checked.problems, "\n".join(checked.problems)
    assert checked.charts_measured >= CHART_PAGES, "a chart page drew no chart to measure"
    assert len({p["name"] for p in checked.pages}) >= 40, "fewer pages than the URLconf has"


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else None


def _links(page: Page) -> list[str]:
    """The site's own addresses the page links to (HTML and SVG links alike), without
    query or fragment."""
    return page.eval_on_selector_all(
        "a[href]",
        """links => links
            .map((a) => new URL(a.getAttribute("href"), location.href))
            .filter((address) => address.origin === location.origin)
            .map((address) => address.pathname)""",
    )


def test_the_demo_every_page_a_coordinator_reaches_fits_a_phone_and_passes_axe(
    browser: Browser, live_server, django_db_serialized_rollback, walks: list[Checked]
):
    """The same checks on the demo's real content (124 actions with long names, twelve
    tenders, three monitors): from the coordinator's home page, every link followed,
    one page of each URL name."""
    _seed_reference_data()
    with override_settings(DEMO_MODE=True):
        loaded = demo_load(demo_mode=True)
    coordinator = next(login for login in loaded.logins if login.role == Role.COORDINATOR)
    checked = Checked(data="demo")
    walks.append(checked)
    started = time.monotonic()
    context, page = _new_page(browser, live_server.url, checked)
    log_in(page, coordinator.email, coordinator.password or "")
    queue, seen = ["/"], set()
    while queue:
        path = queue.pop(0)
        name = _url_name(path)
        if name is None or name in seen or name.startswith("admin:") or name in NOT_FOLLOWED:
            continue
        is_page, redirect = _open(page, path, checked)
        if redirect.startswith("/"):
            queue.append(redirect.split("?")[0])
            continue  # the same name may answer a page elsewhere (a reviewer's redirect)
        seen.add(name)
        if is_page:
            _check(page, name, _without_secrets(path, resolve(path).kwargs), checked)
            queue += _links(page)
    context.close()

    print(f"{len(checked.pages)} demo page views checked in {time.monotonic() - started:.0f} s")
    assert not checked.problems, "\n".join(checked.problems)
    assert checked.charts_measured >= CHART_PAGES, "a chart page drew no chart to measure"


@pytest.mark.parametrize("name", sorted(CHART_PAGES))
def test_the_chart_pages_are_in_the_urlconf(name):
    assert name in URL_NAMES


def test_a_secret_in_an_address_is_not_written_to_the_report():
    path = reverse("accounts:invitation_accept", kwargs={"token": "s3cr3t-token"})
    shown = _without_secrets(path, {"token": "s3cr3t-token"})
    assert "s3cr3t" not in shown and "<token>" in shown
