"""Importing a plan spreadsheet in the browser: a file with an error shows every error
and saves nothing; a good large file is imported in the background while the page
shows its progress. Both pages pass axe."""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from mvimonitor.exchange import jobs
from mvimonitor.exchange.problems import Problem
from mvimonitor.plans.models import Action
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url
from tests.exchange.conftest import xlsx

BASE = ["Code", "Titel", "Periode", "Status"]


def import_page(page: Page, world: World, data: bytes, tmp_path) -> None:
    log_in(page, world.editor.email, world.password)
    page.goto(url("exchange:import", org_slug="helmond", plan_slug="helmond-mvi"))
    assert_accessible(page)
    source = tmp_path / "plan.xlsx"
    source.write_bytes(data)
    page.locator("#id_file").set_input_files(str(source))
    page.locator("main form button[type=submit]").click()


def test_a_file_with_an_error_shows_the_error_and_saves_nothing(page: Page, world: World, tmp_path):
    rows = [
        BASE,
        ["N1", "Nieuw", "Actie doorlopend", "lopend"],
        [],
        ["N2", "Nieuw", "Bestaat niet", "lopend"],
    ]
    import_page(page, world, xlsx(rows), tmp_path)
    errors = page.locator(".import-errors li")
    expect(errors).to_have_count(1)
    with translation.override("nl"):
        message = str(Problem(4, "Periode", "x")).removesuffix("x")
    expect(errors.first).to_contain_text(message)
    expect(errors.first).to_contain_text("Bestaat niet")
    assert_accessible(page)
    assert not Action.objects.filter(code__in=["N1", "N2"]).exists()


def test_a_large_file_shows_its_progress_and_then_the_summary(
    page: Page, world: World, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(jobs, "BACKGROUND_FROM_BYTES", 0)
    rows = [BASE] + [[f"N{n}", f"Actie {n}", "Actie doorlopend", "lopend"] for n in range(300)]
    import_page(page, world, xlsx(rows), tmp_path)
    expect(page.locator("#import-job[data-state=done]")).to_be_visible(timeout=60_000)
    expect(page.locator("main h2")).to_have_text(in_dutch("The file has been imported"))
    assert_accessible(page)
    assert Action.objects.filter(plan=world.plan).count() == 302
