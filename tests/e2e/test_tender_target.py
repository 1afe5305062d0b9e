"""A coordinator registers a tender with MVI applied, links it to an action, and sees
the plan's target move and the pipeline show the tender; every page axe-checked."""

from datetime import timedelta
from decimal import Decimal

from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import Tender
from mvimonitor.targets import services as target_services
from mvimonitor.targets.models import KpiKind
from mvimonitor.utils.dates import today
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url


def test_a_tender_with_mvi_moves_the_target_and_enters_the_pipeline(page: Page, world: World):
    now = today()
    start_year = now.year + 1
    target = target_services.target_create(
        plan=world.plan,
        title="Minimaal twee aanbestedingen met MVI-impact die volgend jaar starten",
        kpi_kind=KpiKind.MVI_COUNT,
        start_year=start_year,
        target_value=Decimal(2),
        starts_on=now - timedelta(days=30),
        deadline=now + timedelta(days=60),
    )
    targets_url = url("targets:list", org_slug="helmond", plan_slug="helmond-mvi")
    row = page.locator("table.targets tbody tr").filter(has_text=target.title)
    log_in(page, world.coordinator.email, world.password)

    # Before: no tender counts.
    page.goto(targets_url)
    expect(row.locator("td.number").first).to_have_text("0")
    expect(row.locator("progress")).to_have_attribute("value", "0")
    assert_accessible(page)

    # Register the tender from the register's list.
    page.goto(url("procurement:tender_list", org_slug="helmond"))
    page.locator(f"a[href='{url('procurement:tender_create', org_slug='helmond')}']").click()
    page.locator("#id_reference").fill("AB-GROEN")
    page.locator("#id_title").fill("Groen: onderhoud openbare ruimte")
    page.locator("#id_estimated_value").fill("450000")
    page.locator("#id_planned_publication_on").fill(f"{now.year}-{now.month:02d}-01")
    page.locator("#id_planned_start_on").fill(f"{start_year}-03-01")
    page.locator("#id_department").fill("Stadsbeheer")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    tender = Tender.objects.get(organisation=world.helmond, reference="AB-GROEN")
    detail_url = url("procurement:tender_detail", org_slug="helmond", pk=tender.pk)
    assert page.url.endswith(detail_url)

    # Apply a theme, as an award criterion.
    page.locator(
        f"a[href='{url('procurement:tender_theme', org_slug='helmond', pk=tender.pk)}']"
    ).click()
    klimaat = Theme.objects.get(organisation=None, code="klimaat")
    page.locator("#id_theme").select_option(str(klimaat.pk))
    page.locator("#id_as_award").check()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#themes-heading")).to_be_visible()

    # Link it to the action it serves.
    actions_url = url("procurement:tender_actions", org_slug="helmond", pk=tender.pk)
    page.locator(f"a[href='{actions_url}']").click()
    page.locator(f"#action-{world.owned_action.pk}").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    action_url = url(
        "plans:action_detail", org_slug="helmond", plan_slug="helmond-mvi", pk=world.owned_action.pk
    )
    expect(page.locator(f"main a[href='{action_url}']")).to_have_count(1)
    assert_accessible(page)

    # The target moved: one of two, half way.
    page.goto(targets_url)
    expect(row.locator("td.number").first).to_have_text("1")
    expect(row.locator("progress")).to_have_attribute("value", "50")
    expect(row.locator(".target-progress__text")).to_have_text("50%")
    row.locator("th a").click()
    expect(page.locator(".target-now dd").first).to_have_text("1")
    expect(page.locator("svg.target-chart:not(.chart--narrow)")).to_be_visible()
    assert_accessible(page)

    # The pipeline shows the tender in the timeline and the table.
    page.goto(url("procurement:tender_list", org_slug="helmond"))
    page.locator(f"a[href='{url('procurement:pipeline', org_slug='helmond')}']").click()
    expect(page.locator("svg.timeline rect.timeline__bar")).to_have_count(1)
    expect(page.locator("svg.timeline")).to_contain_text("AB-GROEN")
    expect(page.locator("table.pipeline-table")).to_contain_text("Groen: onderhoud openbare ruimte")
    assert_accessible(page)

    # Filtered on a theme it does not apply, it is gone.
    circulair = Theme.objects.get(organisation=None, code="circulair")
    page.locator("#id_theme").select_option(str(circulair.pk))
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator("svg.timeline")).to_have_count(0)
    expect(page.locator("table.pipeline-table")).to_have_count(0)
