"""A coordinator registers a tender with a CPV code, applies an MVI theme in it, links
it to an action of the plan and finds it on the action's page; every page axe-checked.
Fields are found by id, so the test does not depend on the Dutch catalogue."""

from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import AppliedTheme, Tender
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url


def test_a_coordinator_registers_a_tender_applies_a_theme_and_links_an_action(
    page: Page, world: World
):
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("organisations:detail", org_slug="helmond"))
    page.locator(f"header a[href='{url('procurement:tender_list', org_slug='helmond')}']").click()
    assert_accessible(page)

    page.goto(url("procurement:tender_create", org_slug="helmond"))
    assert_accessible(page)
    page.locator("#id_reference").fill("2017-ZWEM")
    page.locator("#id_title").fill("Zwemvoorziening")
    page.locator("#id_cpv_codes").fill("45212212 5")  # without dash: normalised
    page.locator("#id_estimated_value").fill("1200000")
    page.locator("#id_procedure").select_option("eu_open")
    page.locator("#id_planned_publication_on").fill("2017-10-01")
    page.locator("#id_planned_start_on").fill("2018-03-01")
    page.locator("#id_registered_on").fill("2017-09-01")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tender = Tender.objects.get(reference="2017-ZWEM")
    assert tender.cpv_codes == ["45212212-5"]
    expect(page.locator("main h1")).to_contain_text("Zwemvoorziening")
    expect(page.locator("main")).to_contain_text("45212212-5")
    assert_accessible(page)

    klimaat = Theme.objects.get(organisation=None, code="klimaat")
    page.goto(url("procurement:tender_theme", org_slug="helmond", pk=tender.pk))
    assert_accessible(page)
    page.locator("#id_theme").select_option(str(klimaat.pk))
    page.locator("#id_as_award").check()
    page.locator("#id_as_contract_clause").check()
    page.locator("#id_ambition_level").select_option("2")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    applied = AppliedTheme.objects.get(tender=tender)
    assert (applied.as_award, applied.as_contract_clause, applied.ambition_level) == (True, True, 2)
    expect(page.locator("#themes-heading + div table tbody tr")).to_have_count(1)

    page.goto(url("procurement:tender_actions", org_slug="helmond", pk=tender.pk))
    assert_accessible(page)
    page.locator(f"#action-{world.owned_action.pk}").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    action_link = page.locator("section[aria-labelledby=actions-heading] li a")
    expect(action_link).to_contain_text(world.owned_action.title)
    assert_accessible(page)

    with page.expect_navigation():
        action_link.click()
    tender_link = page.locator("section[aria-labelledby=action-tenders-heading] li a")
    expect(tender_link).to_contain_text("Zwemvoorziening")
    assert_accessible(page)
