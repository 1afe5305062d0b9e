"""A new plan's short name follows its name as the coordinator types (static/js/slug.js),
the same short name the server would make (slug_from_name), until they type their own."""

from playwright.sync_api import Page, expect

from mvimonitor.plans.models import ActionPlan
from mvimonitor.plans.services import slug_from_name
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url

NAMES = (
    "MVI-actieplan 2021-2025",
    "Actieplan Één 2021\u20132025: Zuid/Oost",
    "  Café & crème_brûlée -- \u2018plan\u2019 / \u2014 ",
    "Actieplan " + "maatschappelijk verantwoord inkopen " * 3,
)


def test_the_short_name_follows_the_name_until_the_coordinator_types_one(page: Page, world: World):
    log_in(page, world.coordinator.email, world.password)
    page.goto(url("plans:create", org_slug="helmond"))
    name, slug = page.locator("#id_name"), page.locator("#id_slug")

    for text in NAMES:
        name.fill(text)
        expect(slug).to_have_value(slug_from_name(text))

    name.fill("")
    name.press_sequentially("Jaarplan 2021")
    expect(slug).to_have_value("jaarplan-2021")
    assert_accessible(page)

    slug.fill("jp-2021")
    name.press("End")
    name.press_sequentially(" MVI")
    expect(slug).to_have_value("jp-2021")  # their own short name stays

    slug.fill("")
    name.press("End")
    name.press_sequentially("!")
    expect(slug).to_have_value("jaarplan-2021-mvi")  # emptied: it follows again

    page.locator("#id_adopted_on").fill("2021-03-01")
    page.locator("#id_starts_on").fill("2021-01-01")
    page.locator("#id_ends_on").fill("2021-12-31")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert ActionPlan.objects.get(organisation=world.helmond, name="Jaarplan 2021 MVI!").slug == (
        "jaarplan-2021-mvi"
    )
    assert page.url.endswith(url("plans:detail", org_slug="helmond", plan_slug="jaarplan-2021-mvi"))
