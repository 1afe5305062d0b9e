"""Issue 14's quality bar, tried as a new municipality would, from an empty installation
(reference data only): the first site administrator is made with the command, creates
"Gemeente Oss" and invites its coordinator; the coordinator accepts, creates a plan,
imports a messy Dutch CSV through the four steps with the adoption date as baseline,
creates a monitor whose figures match that baseline, and undoes the import. Every page
visited passes axe; forms are sent from the keyboard where a person would."""

import re
from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import FilePayload, Page, expect

from mvimonitor.accounts.models import User
from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations.models import Organisation
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.plans.selectors import status_counts_per_period
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from tests.e2e.conftest import assert_accessible, in_dutch, tab_to, url

SITE_ADMIN = "beheer@oss-test.nl"
COORDINATOR = "ingrid@oss-test.nl"
PASSWORDS = {SITE_ADMIN: "Beheer-Oss-2017-veilig", COORDINATOR: "Oss-Coordinator-2017"}
ADOPTED_ON = date(2017, 3, 1)
MONITOR_ON = date(2017, 9, 20)
ALREADY_GOOD = "Wat doen we al goed?"
PERIODS = (ALREADY_GOOD, "Aan de slag in 2017", "Actie doorlopend")
SETUP_LINK = re.compile(r"https?://\S+/accounts/password/reset/[^/\s]+/[^/\s]+/")
INVITATION_LINK = re.compile(r"https?://\S+/accounts/invitation/[^/\s]+/")

# The municipality's own list: its own headers, everyday statuses, a category the plan
# calls differently, an "ë" in Windows-1252, Dutch dates, an empty cell here and there.
MESSY_CSV = (
    "Nr.;Actie;Categorie;Status;Trekker;Gereed\r\n"
    "1;Duurzaam inkopen van kantoormeubilair;Dit doen we al;afgerond;Inkoop;\r\n"
    "2;Circulaire ideeën in elke aanbesteding;Dit doen we al;gereed;;\r\n"
    "3;Social return bij groenonderhoud;Aan de slag in 2017;in uitvoering;Wijkbeheer;1-6-2018\r\n"
    "4;Emissieloos bouwverkeer;Aan de slag in 2017;nog niet gestart;;31-12-2018\r\n"
    "5;Inkopers trainen in MVI;Actie doorlopend;loopt;Inkoop;\r\n"
).encode("cp1252")
ALREADY_GOOD_TITLES = (
    "Duurzaam inkopen van kantoormeubilair",
    "Circulaire ideeën in elke aanbesteding",
)


def test_a_new_municipality_starts_imports_its_list_reports_and_undoes_the_import(
    page: Page, live_server
):
    assert not Organisation.objects.exists() and not User.objects.exists()

    the_first_site_administrator_chooses_a_password_with_the_printed_link(page, live_server.url)
    organisation = the_site_administrator_creates_oss_and_invites_its_coordinator(page)
    the_coordinator_accepts_the_invitation(page, organisation)
    plan = the_coordinator_creates_a_plan(page, organisation)
    the_coordinator_imports_the_messy_csv_with_the_adoption_date_as_baseline(page, plan)
    the_monitor_shows_the_figures_of_the_baseline(page, plan)
    the_coordinator_undoes_the_import_and_the_plan_is_empty_again(page, plan)


# -- the steps --------------------------------------------------------------------------


def the_first_site_administrator_chooses_a_password_with_the_printed_link(
    page: Page, site: str
) -> None:
    """`mvi-monitor create-site-admin EMAIL --print-link`, as the README says for an
    installation without e-mail: the printed link opens the page to choose a password,
    which then logs in."""
    out = StringIO()
    call_command("create-site-admin", SITE_ADMIN, "--print-link", "--base-url", site, stdout=out)
    assert "Met deze link kiest de sitebeheerder een wachtwoord" in out.getvalue()
    assert mail.outbox == []
    page.goto(SETUP_LINK.search(out.getvalue()).group(0))

    expect(page.locator("h1")).to_have_text(in_dutch("Choose a new password"))
    assert_accessible(page)
    page.locator("#id_new_password1").fill(PASSWORDS[SITE_ADMIN])
    page.locator("#id_new_password2").fill(PASSWORDS[SITE_ADMIN])
    press_submit(page)
    expect(page.locator("h1")).to_have_text(in_dutch("Your password has been changed"))
    assert_accessible(page)

    page.get_by_role("link", name=in_dutch("Log in")).last.click()
    log_in_by_keyboard(page, SITE_ADMIN)
    expect(page.locator("main")).to_contain_text("U bent sitebeheerder")
    assert_accessible(page)
    assert User.objects.get(email=SITE_ADMIN).is_site_admin


def the_site_administrator_creates_oss_and_invites_its_coordinator(page: Page) -> Organisation:
    """On the site's own pages: a new organisation (kind, inhabitants, CBS code), then
    an invitation for its coordinator, which goes out by e-mail."""
    page.locator("main").get_by_role("link", name="Organisaties beheren").click()
    expect(page.locator("main")).to_contain_text("Er zijn nog geen organisaties.")
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe organisatie").click()
    assert_accessible(page)
    page.locator("#id_name").fill("Gemeente Oss")
    page.get_by_label("Gemeente", exact=True).check()
    page.locator("#id_inhabitants").fill("93000")
    page.locator("#id_tooi_code").fill("GM0828")
    press_submit(page)

    expect(page.locator("h1")).to_have_text("Gemeente Oss")
    expect(page.get_by_role("status")).to_contain_text("Gemeente Oss is aangemaakt.")
    assert_accessible(page)
    organisation = Organisation.objects.get()
    assert (organisation.kind, organisation.inhabitants, organisation.tooi_code) == (
        "municipality",
        93_000,
        "gm0828",
    )

    tab_to(page, "#id_email")
    page.keyboard.type(COORDINATOR)
    press_submit(page, "form[aria-labelledby=invite-heading]")
    expect(page.get_by_role("status")).to_contain_text(
        f"De uitnodiging om coördinator te worden is verstuurd naar {COORDINATOR}."
    )
    assert_accessible(page)
    return organisation


def the_coordinator_accepts_the_invitation(page: Page, organisation: Organisation) -> None:
    """The link in the e-mail, a name and a password: the coordinator is in the
    organisation, which has no plans yet."""
    [message] = mail.outbox
    assert message.to == [COORDINATOR]
    page.context.clear_cookies()
    page.goto(INVITATION_LINK.search(message.body).group(0))
    assert_accessible(page)
    page.locator("#id_full_name").fill("Ingrid van Oss")
    page.locator("#id_password").fill(PASSWORDS[COORDINATOR])
    page.locator("#id_password_confirm").fill(PASSWORDS[COORDINATOR])
    press_submit(page)

    expect(page).to_have_url(url("organisations:detail", org_slug=organisation.slug))
    expect(page.locator("main")).to_contain_text(
        in_dutch("This organisation has no action plans yet.")
    )
    assert_accessible(page)
    assert organisation.memberships.get().role == "coordinator"


def the_coordinator_creates_a_plan(page: Page, organisation: Organisation) -> ActionPlan:
    """The page "Nieuw actieplan": name, short name, the dates and three periods."""
    page.get_by_role("link", name=in_dutch("New action plan")).click()
    expect(page.locator("h1")).to_have_text(in_dutch("New action plan"))
    assert_accessible(page)
    page.locator("#id_name").fill("MVI-actieplan Oss 2017-2020")
    page.locator("#id_slug").fill("mvi-2017")
    page.locator("#id_adopted_on").fill("2017-03-01")
    page.locator("#id_starts_on").fill("2017-01-01")
    page.locator("#id_ends_on").fill("2020-12-31")
    page.locator("#id_period_names").fill("\n".join(PERIODS))
    press_submit(page)

    expect(page.locator("h1")).to_have_text("MVI-actieplan Oss 2017-2020")
    expect(page.locator(".message--success")).to_contain_text(
        in_dutch("The plan has been created.")
    )
    assert_accessible(page)
    plan = ActionPlan.objects.get(organisation=organisation)
    assert (plan.adopted_on, plan.starts_on, plan.ends_on) == (
        ADOPTED_ON,
        date(2017, 1, 1),
        date(2020, 12, 31),
    )
    assert [period.name for period in plan.periods.order_by("position")] == list(PERIODS)
    return plan


def the_coordinator_imports_the_messy_csv_with_the_adoption_date_as_baseline(
    page: Page, plan: ActionPlan
) -> None:
    """File, columns (guessed from "Nr.", "Actie", "Categorie", ...), values and the
    baseline date the page proposes, preview with its counts, confirm."""
    page.get_by_role("link", name=in_dutch("Import from Excel")).click()
    step_heading(page, 1, "Choose the file")
    assert_accessible(page)
    payload: FilePayload = {"name": "acties-oss.csv", "mimeType": "text/csv", "buffer": MESSY_CSV}
    page.locator("#id_file").set_input_files(files=[payload])
    press_submit(page, "main form[method=post]:has(#id_file)")

    step_heading(page, 2, "Match the columns")
    assert_accessible(page)
    for number, field in enumerate(("code", "title", "period", "status", "owner", "due_date")):
        expect(page.locator(f"#id_column_{number}")).to_have_value(field)
    expect(page.locator("main")).to_contain_text("Circulaire ideeën in elke aanbesteding")
    press_submit(page)

    step_heading(page, 3, "Values and baseline date")
    assert_accessible(page)
    expect(page.locator("label[for=id_period_0]")).to_contain_text("Dit doen we al")
    expect(page.locator("#id_baseline")).to_have_value(ADOPTED_ON.isoformat())  # proposed
    tab_to(page, "#id_period_0")
    page.locator("#id_period_0").select_option(label=ALREADY_GOOD)
    press_submit(page)

    step_heading(page, 4, "Check")
    assert_accessible(page)
    counts = page.locator("#preview-counts dd")
    # New, changed, unchanged, status changes (of actions already in the plan: none).
    expect(counts).to_have_text(["5", "0", "0", "0"])
    preview = page.locator("main table.preview-table tbody tr")
    expect(preview).to_have_count(5)
    expect(preview.filter(has_text="per 1 maart 2017")).to_have_count(5)  # the baseline
    expect(preview.filter(has_text="Dit doen we al")).to_have_count(0)
    for title in ALREADY_GOOD_TITLES:
        expect(preview.filter(has_text=title)).to_contain_text("voltooid, per 1 maart 2017")
    assert not Action.objects.filter(plan=plan).exists()  # nothing saved before confirming
    press_submit(page)

    job = page.locator("#import-job")
    expect(job).to_have_attribute("data-state", "done")
    expect(job.locator("h2")).to_have_text(in_dutch("The file has been imported"))
    assert_accessible(page)
    actions = Action.objects.filter(plan=plan)
    assert actions.count() == 5
    assert {a.title for a in actions.filter(period__name=ALREADY_GOOD)} == set(ALREADY_GOOD_TITLES)
    for action in actions:
        assert [c.effective_on for c in action.status_changes.all()] == [ADOPTED_ON]


def the_monitor_shows_the_figures_of_the_baseline(page: Page, plan: ActionPlan) -> None:
    """A draft monitor of 20 September 2017: what was done at adoption is counted as
    completed, not as "not started", and is not reported as realised since then. The
    page's status table says what the database says."""
    page.goto(url("plans:detail", org_slug=plan.organisation.slug, plan_slug=plan.slug))
    page.get_by_role("link", name=in_dutch("Monitors"), exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=in_dutch("New monitor")).click()
    assert_accessible(page)
    page.locator("#id_date").fill(MONITOR_ON.isoformat())
    press_submit(page)

    expect(page.locator("table.report-table")).to_be_visible()
    assert_accessible(page)
    assert Monitor.objects.get(plan=plan).date == MONITOR_ON
    table_rows = {
        period_named(row.locator("th").inner_text()): [
            int(cell) for cell in row.locator("td.number").all_inner_texts()
        ]
        for row in page.locator("table.report-table tbody tr").all()
    }
    expected = {
        period.name: [period.counts.get(s, 0) for s in STATUS_ORDER]
        for period in status_counts_per_period(plan=plan, on=MONITOR_ON)
    }
    assert {name: numbers[1:] for name, numbers in table_rows.items()} == expected
    completed, not_started = (
        STATUS_ORDER.index(Status.COMPLETED),
        STATUS_ORDER.index(Status.NOT_STARTED),
    )
    assert expected[ALREADY_GOOD][completed] == 2
    assert expected[ALREADY_GOOD][not_started] == 0
    assert table_rows[ALREADY_GOOD][0] == 2  # the total
    expect(page.locator("table.report-table tbody tr").first.locator("th")).to_contain_text(
        in_dutch("all actions completed:")
    )

    realised = page.locator("section:has(#report-realised)")
    expect(realised).to_contain_text(in_dutch("No action was completed in this time."))
    for title in ALREADY_GOOD_TITLES:
        expect(realised).not_to_contain_text(title)


def the_coordinator_undoes_the_import_and_the_plan_is_empty_again(
    page: Page, plan: ActionPlan
) -> None:
    """The import history, "Import ongedaan maken", confirmed: the draft monitor does
    not stand in the way, and the action list has no actions left."""
    page.goto(url("exchange:import", org_slug=plan.organisation.slug, plan_slug=plan.slug))
    page.get_by_role("link", name=in_dutch("Earlier imports, and undoing one")).click()
    expect(page.locator("main table")).to_contain_text("acties-oss.csv")
    assert_accessible(page)
    tab_to(page, "main table a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(
        "verdwijnen 5 acties die de import heeft toegevoegd"
    )
    assert_accessible(page)
    press_submit(page)
    expect(page.locator(".message--success")).to_be_visible()
    assert_accessible(page)
    assert not Action.objects.filter(plan=plan).exists()

    page.goto(url("plans:action_list", org_slug=plan.organisation.slug, plan_slug=plan.slug))
    expect(page.get_by_role("status")).to_have_text("0 acties gevonden")
    expect(page.locator("main table.action-table")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Dit plan heeft nog geen acties.")
    assert_accessible(page)


# -- helpers ----------------------------------------------------------------------------


def press_submit(page: Page, form: str = "main form[method=post]:has(button.button)") -> None:
    """Tab to the form's button and press Enter, as a keyboard user sends a form."""
    tab_to(page, f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in_by_keyboard(page: Page, email: str) -> None:
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORDS[email])
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def period_named(row_header: str) -> str:
    """The period a row of the report's status table is about (its header also holds
    the tick and, for screen readers, whether all its actions are completed)."""
    return next(name for name in PERIODS if row_header.strip().endswith(name))


def step_heading(page: Page, number: int, title: str) -> None:
    heading = page.locator("main h1")
    expect(heading).to_contain_text(f"Stap {number} van 4")
    expect(heading).to_contain_text(in_dutch(title))
