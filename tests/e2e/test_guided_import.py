"""The guided import in the browser, as a coordinator of a municipality does it with
their own list: a Windows-1252 CSV with other headers, everyday statuses and a period
the plan does not have. Four steps (file, columns, values and baseline date, preview),
by keyboard where a person would use it, axe on every step."""

from datetime import date

from playwright.sync_api import FilePayload, Page, expect

from mvimonitor.exchange.guided import NEW
from mvimonitor.plans.models import Action, Period
from mvimonitor.plans.workflow import Status
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, tab_to, url

PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}
MESSY_CSV = (
    "Nr.;Actie;Categorie;Status;Trekker;Gereed\r\n"
    "M1;Duurzaam inkopen van meubilair;Aan de slag in 2017;afgerond;Inkoop;31-12-2017\r\n"
    "M2;Circulaire ideeën in aanbestedingen;Actie doorlopend;in uitvoering;;\r\n"
    "M3;Social return bij groenonderhoud;Fase 3;loopt;Wijkbeheer;1-6-2018\r\n"
).encode("cp1252")


def step_heading(page: Page, number: int, title: str) -> None:
    heading = page.locator("main h1")
    expect(heading).to_contain_text(f"Stap {number} van 4")
    expect(heading).to_contain_text(in_dutch(title))


def press_submit(page: Page, form: str = "main form[method=post]:has(button.button)") -> None:
    tab_to(page, f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_coordinator_imports_a_messy_csv_through_the_four_steps(page: Page, world: World):
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("exchange:import", **PLAN))
    step_heading(page, 1, "Choose the file")
    expect(page.locator("nav.steps [aria-current=step]")).to_have_count(1)
    assert_accessible(page)
    payload: FilePayload = {"name": "acties.csv", "mimeType": "text/csv", "buffer": MESSY_CSV}
    page.locator("#id_file").set_input_files(files=[payload])
    press_submit(page)

    step_heading(page, 2, "Match the columns")
    assert_accessible(page)
    expect(page.locator("label[for=id_column_0]")).to_have_text("Nr.")
    expect(page.locator("#id_column_0")).to_have_value("code")
    expect(page.locator("#id_column_2")).to_have_value("period")
    expect(page.locator("#id_column_4")).to_have_value("owner")
    expect(page.locator("main")).to_contain_text("Circulaire ideeën in aanbestedingen")
    # "Trekker" is left out: chosen with the keyboard.
    tab_to(page, "#id_column_4")
    page.locator("#id_column_4").select_option("")
    press_submit(page)

    step_heading(page, 3, "Values and baseline date")
    assert_accessible(page)
    expect(page.locator("label[for=id_period_0]")).to_have_text("Fase 3:")
    tab_to(page, "#id_period_0")
    page.locator("#id_period_0").select_option(NEW)
    tab_to(page, "#id_baseline")
    page.locator("#id_baseline").fill("2017-03-01")
    press_submit(page)

    step_heading(page, 4, "Check")
    assert_accessible(page)
    counts = page.locator("#preview-counts dd")
    expect(counts.nth(0)).to_have_text("3")  # new actions
    expect(page.locator("main table tbody tr")).to_have_count(3)
    expect(page.locator("main")).to_contain_text("Fase 3")
    assert not Action.objects.filter(plan=world.plan, code__startswith="M").exists()
    press_submit(page)

    job = page.locator("#import-job")
    expect(job).to_have_attribute("data-state", "done")
    expect(job.locator("h2")).to_have_text(in_dutch("The file has been imported"))
    assert_accessible(page)
    done = Action.objects.get(plan=world.plan, code="M1")
    assert done.status == Status.COMPLETED
    assert done.status_changes.get().effective_on == date(2017, 3, 1)
    assert Action.objects.get(plan=world.plan, code="M2").title == (
        "Circulaire ideeën in aanbestedingen"
    )
    assert Period.objects.filter(plan=world.plan, name="Fase 3").exists()
