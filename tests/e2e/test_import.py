"""Importing a plan spreadsheet in the browser: the preview of a file with an error
lists "Rij N, kolom X: ..." and offers no import; a corrected file is imported in the
background while the page polls its progress; the template downloaded from the page
imports once filled in. Every state of the page passes axe. The steps themselves, by
keyboard, are in test_guided_import.py."""

import io
import re
import threading
from collections.abc import Iterator

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import FilePayload, Page, expect

from mvimonitor.exchange import jobs
from mvimonitor.kernel.imports import Problem
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url
from tests.exchange.conftest import xlsx

PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS: list[object] = ["Code", "Titel", "Periode", "Status"]


def upload(page: Page, name: str, content: bytes, mime_type: str = XLSX) -> None:
    page.goto(url("exchange:import", **PLAN))
    payload: FilePayload = {"name": name, "mimeType": mime_type, "buffer": content}
    page.locator("#id_file").set_input_files(files=[payload])
    page.locator("main form[method=post] button[type=submit]").click()


def at(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(url(name, **PLAN)) + "$")


def to_preview(page: Page, name: str, content: bytes) -> None:
    """Upload the file and take the steps with what they propose, up to the preview."""
    upload(page, name, content)
    expect(page).to_have_url(at("exchange:import_columns"))
    page.get_by_role("button", name=in_dutch("Next step")).click()
    expect(page).to_have_url(at("exchange:import_values"))
    page.locator("#id_baseline").fill("2017-01-01")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(at("exchange:import_preview"))


def row_prefix(row: int, column: str) -> str:
    """How the Dutch page starts the message about a cell: "Rij 3, kolom Periode: "."""
    with translation.override("nl"):
        return str(Problem(row, column, "x")).removesuffix("x")


class HeldImports:
    """Background imports that wait for the test. The test sees the progress page first,
    then lets one import run while the page's polling is held back: the test database is
    an in-memory SQLite whose shared cache answers a read during a write with "table is
    locked" at once instead of waiting, which a real database file does not."""

    STATUS_URLS = "**/import/*/"

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._start = threading.Event()
        self._finished = threading.Event()
        run = jobs.import_job_run

        def held_run(*, job_id: int, holder: str) -> None:
            self._start.wait(timeout=30)
            try:
                run(job_id=job_id, holder=holder)
            finally:
                self._finished.set()

        monkeypatch.setattr(jobs, "BACKGROUND_FROM_BYTES", 0)
        monkeypatch.setattr(jobs, "import_job_run", held_run)

    def run_one(self, page: Page) -> None:
        page.route(self.STATUS_URLS, lambda route: route.abort())
        # One refused poll proves the polling is held back (htmx sends one at a time).
        with page.expect_event("requestfailed"):
            pass
        self._finished.clear()
        self._start.set()
        assert self._finished.wait(timeout=30), "the import did not finish"
        self._start.clear()
        page.unroute(self.STATUS_URLS)

    def release_all(self) -> None:
        self._start.set()


@pytest.fixture
def held_imports(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldImports]:
    held = HeldImports(monkeypatch)
    yield held
    held.release_all()


def test_a_file_with_an_error_saves_nothing_and_a_corrected_one_is_imported(
    page: Page, world: World, held_imports: HeldImports
):
    actions_before = Action.objects.filter(plan=world.plan).count()
    log_in(page, world.editor.email, world.password)
    page.goto(url("exchange:import", **PLAN))
    assert_accessible(page)

    first: list[object] = ["C1", "Circulair inkopen van meubilair", "Aan de slag in 2017", "lopend"]
    wrong: list[object] = [
        "C2",
        "Social return in aanbestedingen",
        "Aan de slag in 2017",
        "half af",
    ]
    to_preview(page, "acties.xlsx", xlsx([HEADERS, first, wrong]))
    errors = page.locator(".import-errors li")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text(row_prefix(3, "Status"))
    expect(errors.first).to_contain_text("half af")
    expect(page.locator("main form[method=post] button[type=submit]")).to_have_count(0)
    assert_accessible(page)
    assert Action.objects.filter(plan=world.plan).count() == actions_before

    page.locator(f"main a[href='{url('exchange:import', **PLAN)}']").last.click()
    expect(page.locator("#id_file")).to_be_visible()
    corrected: list[object] = [
        "C2",
        "Social return in aanbestedingen",
        "Actie doorlopend",
        "niet gestart",
    ]
    to_preview(page, "acties-verbeterd.xlsx", xlsx([HEADERS, first, corrected]))
    page.locator("main form[method=post] button[type=submit]").click()
    job = page.locator("#import-job")
    expect(job).to_have_attribute("data-state", "waiting")
    expect(job.locator("progress")).to_be_visible()
    assert_accessible(page)  # the progress
    page.evaluate("window.loadedOnce = true")
    held_imports.run_one(page)
    expect(job).to_have_attribute("data-state", "done")
    assert page.evaluate("window.loadedOnce") is True, "htmx polling, not a reload"
    expect(job.locator("h2")).to_have_text(in_dutch("The file has been imported"))
    summary = job.locator("dl dd")
    expect(summary.nth(0)).to_have_text("2")  # rows
    expect(summary.nth(1)).to_have_text("2")  # new actions
    assert_accessible(page)
    imported = Action.objects.get(plan=world.plan, code="C1")
    assert imported.status == Status.RUNNING
    assert imported.status_changes.count() == 1
    assert Action.objects.get(plan=world.plan, code="C2").period.name == "Actie doorlopend"


def test_the_error_names_the_sheets_own_row_with_blank_rows_counted(page: Page, world: World):
    log_in(page, world.editor.email, world.password)
    rows: list[list[object]] = [
        HEADERS,
        ["N1", "Nieuw", "Actie doorlopend", "lopend"],
        [],
        ["N2", "Nieuw", "Actie doorlopend", "bestaat niet"],
    ]
    to_preview(page, "plan.xlsx", xlsx(rows))
    errors = page.locator(".import-errors li")
    expect(errors).to_have_count(1)
    expect(errors.first).to_contain_text(row_prefix(4, "Status"))
    expect(errors.first).to_contain_text("bestaat niet")
    assert not Action.objects.filter(code__in=["N1", "N2"]).exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_message(page: Page, world: World):
    log_in(page, world.editor.email, world.password)
    upload(page, "acties.png", b"\x89PNG\r\n\x1a\nrest", mime_type="image/png")
    expect(page.locator("#id_file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main [role=alert]")).to_be_visible()
    assert_accessible(page)
    assert not Action.objects.filter(plan=world.plan, code="C1").exists()


def test_the_template_downloaded_from_the_page_and_filled_in_is_imported(
    page: Page, world: World, tmp_path
):
    log_in(page, world.editor.email, world.password)
    page.goto(url("exchange:import", **PLAN))
    link = page.get_by_role("link", name=in_dutch("Download the template"))
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "helmond-mvi-sjabloon.xlsx"
    saved = tmp_path / "sjabloon.xlsx"
    download.value.save_as(saved)

    book = load_workbook(saved)
    assert book.sheetnames == ["Acties", "Toelichting", "Keuzelijsten"]
    sheet = book["Acties"]
    headers = [cell.value for cell in sheet[1]]
    row = {"Code": "S1", "Titel": "Uit het sjabloon", "Periode": "Actie doorlopend"}
    row |= {"Status": "lopend", "Doorlopend": "ja"}
    for header, value in row.items():
        sheet.cell(row=2, column=headers.index(header) + 1, value=value)
    filled = io.BytesIO()
    book.save(filled)

    to_preview(page, "sjabloon.xlsx", filled.getvalue())
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("#import-job")).to_have_attribute("data-state", "done")
    imported = Action.objects.get(plan=world.plan, code="S1")
    assert (imported.period.name, imported.status, imported.is_continuous) == (
        "Actie doorlopend",
        Status.RUNNING,
        True,
    )
