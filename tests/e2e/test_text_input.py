"""Text typed and pasted in Chromium (issue 12, items 3 and 8): a browser sends a
textarea's line breaks as CR LF, which are stored as line feeds (item 8); a text pasted
over a textarea's maximum is not cut by the browser but refused by the page, which says
how long it is and gives all of it back (item 3)."""

from playwright.sync_api import Page, expect

from mvimonitor.plans.models import Action
from tests.conftest import World
from tests.e2e.conftest import assert_accessible, log_in, url


def edit_action(page: Page, world: World, action: Action) -> None:
    log_in(page, world.editor.email, world.password)
    page.goto(url("plans:action_edit", org_slug="helmond", plan_slug="helmond-mvi", pk=action.pk))


def save(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_line_breaks_typed_in_a_textarea_are_stored_as_line_feeds(page: Page, world: World):
    action = world.unowned_action
    edit_action(page, world, action)
    page.locator("#id_description").fill("Regel 1\nRegel 2\n\nRegel 4")
    save(page)
    assert Action.objects.get(pk=action.pk).description == "Regel 1\nRegel 2\n\nRegel 4"


def test_a_text_pasted_over_the_maximum_is_refused_whole_not_cut(page: Page, world: World):
    action = world.unowned_action
    text = "Lange omschrijving. " * 500 + "!"  # 10,001 characters
    edit_action(page, world, action)
    description = page.locator("#id_description")
    assert description.get_attribute("maxlength") is None
    assert page.locator("#id_title").get_attribute("maxlength") == "300"
    description.fill(text)
    save(page)

    expect(page.locator("main")).to_contain_text(
        "Zorg dat deze waarde niet meer dan 10000 tekens bevat (het zijn er nu 10001)."
    )
    assert page.locator("#id_description").input_value() == text
    assert Action.objects.get(pk=action.pk).description == action.description
    assert_accessible(page)
