"""Undoing an import and deleting a plan in the browser, by keyboard where a person
would: the imports page, the confirmation with what will happen, the success message;
the plan's settings, the name typed, back on the organisation's plans. Every page
passes axe."""

from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Action, ActionPlan
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, in_dutch, log_in, url
from tests.exchange.conftest import xlsx

PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}


def test_a_coordinator_undoes_an_import_and_deletes_the_plan(page: Page, world: World):
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("exchange:import", **PLAN))
    data = xlsx(
        [["Code", "Titel", "Periode", "Status"], ["U1", "Nieuw", "Aan de slag in 2017", "lopend"]]
    )
    page.locator("#id_file").set_input_files(
        files=[{"name": "acties.xlsx", "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.locator("main form[method=post] button[type=submit]").click()
    page.get_by_role("button", name=in_dutch("Next step")).click()  # the columns as guessed
    page.locator("#id_baseline").fill("2017-06-01")
    page.get_by_role("button", name=in_dutch("Next step")).click()
    page.get_by_role("button", name=in_dutch("Import")).click()
    page.wait_for_url("**/import/*/")
    assert Action.objects.filter(plan=world.plan, code="U1").exists()

    page.goto(url("exchange:import", **PLAN))
    page.get_by_role("link", name=in_dutch("Earlier imports, and undoing one")).click()
    expect(page.locator("main table")).to_contain_text("acties.xlsx")
    assert_accessible(page)
    page.get_by_role("link", name=in_dutch("Undo import")).first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=in_dutch("Undo import"))).to_be_visible()
    assert_accessible(page)
    button = page.get_by_role("button", name=in_dutch("Undo import"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".message--success")).to_be_visible()
    assert_accessible(page)
    assert not Action.objects.filter(plan=world.plan, code="U1").exists()

    page.goto(url("plans:edit", **PLAN))
    page.get_by_role("link", name=in_dutch("Delete plan")).click()
    assert_accessible(page)
    field = page.get_by_label(in_dutch("Name of the plan"))
    field.fill("een ander plan")
    field.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    assert ActionPlan.objects.filter(pk=world.plan.pk).exists()
    page.get_by_label(in_dutch("Name of the plan")).fill(world.plan.name)
    page.get_by_role("button", name=in_dutch("Delete plan")).press("Enter")
    expect(page.locator(".message--success")).to_be_visible()
    assert page.url.endswith(url("organisations:detail", org_slug="helmond"))
    assert_accessible(page)
    assert not ActionPlan.objects.filter(pk=world.plan.pk).exists()
