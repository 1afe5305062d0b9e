"""An installation starts without organisations: its site administrator logs in, creates
"Gemeente Oss" on a page (kind, inhabitants, CBS code, logo) and invites its coordinator
by e-mail; the coordinator opens the link from the e-mail, chooses a password and lands
in the organisation, empty still. Every page checked with axe; the forms sent from the
keyboard."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from mvimonitor.accounts.models import User
from mvimonitor.organisations.models import Organisation
from tests.e2e.conftest import assert_accessible, assert_focus_visible, log_in, tab_to, url
from tests.factories import SiteAdminFactory
from tests.factories.accounts import PASSWORD
from tests.organisations.images import image_bytes

LINK = re.compile(r"https?://[^\s]+/accounts/invitation/[^/\s]+/")


def test_a_site_administrator_sets_up_an_organisation_and_its_coordinator_joins(page: Page):
    SiteAdminFactory(email="beheer@mvi.example.nl", full_name="Sanne de Beheerder")

    log_in(page, "beheer@mvi.example.nl", PASSWORD)
    expect(page.locator("main")).to_contain_text("U bent sitebeheerder")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Organisaties beheren").click()
    expect(page.locator("h1")).to_have_text("Organisaties")
    expect(page.locator("main")).to_contain_text("Er zijn nog geen organisaties.")
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe organisatie").click()
    expect(page.locator("h1")).to_have_text("Nieuwe organisatie")
    assert_accessible(page)
    page.locator("#id_name").fill("Gemeente Oss")
    page.get_by_label("Gemeente", exact=True).check()
    page.locator("#id_inhabitants").fill("93000")
    page.locator("#id_tooi_code").fill("GM0828")
    page.locator("#id_logo").set_input_files(
        files=[{"name": "oss.png", "mimeType": "image/png", "buffer": image_bytes()}]
    )
    tab_to(page, "main form button[type=submit]")
    assert_focus_visible(page)
    expect(page.locator(":focus")).to_have_text("Organisatie aanmaken")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Gemeente Oss")
    expect(page.get_by_role("status")).to_contain_text(
        "Gemeente Oss is aangemaakt. Nodig nu de eerste coördinator uit."
    )
    expect(page.locator("main dl")).to_contain_text("93.000")
    expect(page.locator("main dl")).to_contain_text("gm0828")
    expect(page.get_by_role("img", name="Logo Gemeente Oss")).to_be_visible()
    assert_accessible(page)
    organisation = Organisation.objects.get(name="Gemeente Oss")
    assert (organisation.kind, organisation.inhabitants, organisation.has_logo) == (
        "municipality",
        93_000,
        True,
    )

    tab_to(page, "#id_email")
    page.keyboard.type("ingrid@oss.example.nl")
    tab_to(page, "form[aria-labelledby=invite-heading] button[type=submit]")
    expect(page.locator(":focus")).to_have_text("Coördinator uitnodigen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "De uitnodiging om coördinator te worden is verstuurd naar ingrid@oss.example.nl."
    )
    expect(page.locator("main")).to_contain_text("ingrid@oss.example.nl, geldig tot")
    assert_accessible(page)

    [message] = mail.outbox
    assert message.to == ["ingrid@oss.example.nl"]
    link = LINK.search(message.body).group(0)
    expect(page.locator("main")).not_to_contain_text("/accounts/invitation/")  # e-mail only

    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.locator("#id_full_name").fill("Ingrid van Oss")
    page.locator("#id_password").fill("Oss-Coordinator-2017")
    page.locator("#id_password_confirm").fill("Oss-Coordinator-2017")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(url("organisations:detail", org_slug=organisation.slug))
    expect(page.locator("h1")).to_have_text("Gemeente Oss")
    expect(page.get_by_role("status")).to_contain_text("Gemeente Oss")
    assert_accessible(page)
    coordinator = User.objects.get(email="ingrid@oss.example.nl")
    assert organisation.memberships.get().user == coordinator
    assert organisation.memberships.get().role == "coordinator"
    assert not coordinator.is_site_admin


def test_the_site_administrator_changes_the_details_later(page: Page):
    SiteAdminFactory(email="beheer@mvi.example.nl")
    Organisation.objects.create(name="Gemeente Os", slug="oss", kind="municipality")

    log_in(page, "beheer@mvi.example.nl", PASSWORD)
    page.goto(url("organisations:site_list"))
    assert_accessible(page)
    page.get_by_role("link", name="Gemeente Os").click()
    page.get_by_role("link", name="Gegevens wijzigen").click()
    assert_accessible(page)
    page.locator("#id_name").fill("Gemeente Oss")
    page.locator("#id_tooi_code").fill("PV30")  # a province's code
    page.get_by_role("button", name="Gegevens opslaan").click()

    expect(page.locator("#id_tooi_code_error, .errorlist").first).to_contain_text(
        "“pv30” is geen code van deze soort organisatie"
    )
    assert_accessible(page)
    page.locator("#id_tooi_code").fill("GM0828")
    page.get_by_role("button", name="Gegevens opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(
        "De gegevens van Gemeente Oss zijn opgeslagen."
    )
    assert Organisation.objects.get(slug="oss").tooi_code == "gm0828"
