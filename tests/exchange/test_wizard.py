"""The guided import in the browser, step by step: the file is kept while its user
matches the columns, the unknown values and the baseline date, and sees the preview;
only confirming the preview imports it, and only if the plan did not change since.
Each step checks again what it is sent; nobody reaches another user's upload."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mvimonitor.exchange import jobs
from mvimonitor.exchange.guided import NEW
from mvimonitor.exchange.models import ImportJob
from mvimonitor.plans.models import Action, Period
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import xlsx
from tests.factories import ActionPlanFactory, PeriodFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

#: A municipality's own list: other headers, everyday statuses, a Windows-1252 "ë",
#: a period the plan does not have, no "Status sinds" column.
MESSY_CSV = (
    "Nr.;Actie;Categorie;Status;Trekker;Gereed\r\n"
    "M1;Duurzaam inkopen van meubilair;Aan de slag in 2017;afgerond;Inkoop;31-12-2017\r\n"
    "M2;Circulaire ideeën in aanbestedingen;Actie doorlopend;in uitvoering;;\r\n"
    "M3;Social return bij groenonderhoud;Fase 3;loopt;Wijkbeheer;1-6-2018\r\n"
).encode("cp1252")
BASELINE = date(2017, 3, 1)


def url(name: str, plan_slug: str = "helmond-mvi", **kwargs) -> str:
    return reverse(
        f"exchange:{name}", kwargs={"org_slug": "helmond", "plan_slug": plan_slug, **kwargs}
    )


@pytest.fixture
def as_user(client):
    def _as(user):
        client.force_login(user)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _as


def upload(client, data: bytes = MESSY_CSV, name: str = "acties.csv", plan_slug="helmond-mvi"):
    file = SimpleUploadedFile(name, data)
    return client.post(url("import", plan_slug), {"file": file})


def column_post(page: str, **changes: str) -> dict[str, str]:
    """The columns form as the page preset it, with `changes` (by field name)."""
    import re

    fields = {}
    for name, select in re.findall(r'<select name="(column_\d+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select)
        fields[name] = chosen.group(1) if chosen else ""
    return {**fields, **changes}


def through_columns(client, plan_slug="helmond-mvi"):
    page = client.get(url("import_columns", plan_slug)).content.decode()
    return client.post(url("import_columns", plan_slug), column_post(page))


def through_values(
    client, period: str = "Actie doorlopend", baseline=BASELINE, plan_slug="helmond-mvi"
):
    data = {"period_0": period, "baseline": baseline.isoformat() if baseline else ""}
    return client.post(url("import_values", plan_slug), data)


def the_job() -> ImportJob:
    return ImportJob.objects.get()


def test_uploading_keeps_the_file_to_be_set_up_and_imports_nothing(world, as_user):
    response = upload(as_user(world.editor))
    assert response.status_code == 302
    assert response["Location"] == url("import_columns")
    job = the_job()
    assert (job.state, job.created_by, job.file_name) == ("setup", world.editor, "acties.csv")
    assert bytes(job.content) == MESSY_CSV
    assert not Action.objects.filter(code__startswith="M").exists()


def test_the_upload_page_is_step_1_of_4_and_accepts_csv(world, as_user):
    html = as_user(world.editor).get(url("import")).content.decode()
    assert "Step 1 of 4" in html and 'aria-current="step"' in html
    assert ".csv" in html


def test_the_columns_step_proposes_a_field_for_each_header_with_examples(world, as_user):
    client = as_user(world.editor)
    upload(client)
    html = client.get(url("import_columns")).content.decode()
    assert "Step 2 of 4" in html
    proposed = column_post(html)
    assert proposed == {
        "column_0": "code",
        "column_1": "title",
        "column_2": "period",
        "column_3": "status",
        "column_4": "owner",
        "column_5": "due_date",
    }
    assert "<label" in html and "Nr." in html and "Trekker" in html
    assert "“Circulaire ideeën in aanbestedingen”" in html  # an example, read as cp1252
    assert "Proposed from the header or an earlier import." in html


def test_a_column_left_out_is_named_in_words(world, as_user):
    client = as_user(world.editor)
    upload(client)
    page = client.get(url("import_columns")).content.decode()
    response = client.post(url("import_columns"), column_post(page, column_4=""))
    assert response["Location"] == url("import_values")
    html = client.get(url("import_columns")).content.decode()
    assert "This column is not imported: “Trekker”." in html


def test_a_field_chosen_for_two_columns_is_refused_on_both_selects(world, as_user):
    client = as_user(world.editor)
    upload(client)
    page = client.get(url("import_columns")).content.decode()
    response = client.post(url("import_columns"), column_post(page, column_4="title"))
    assert response.status_code == 200
    form = response.context["form"]
    message = "“Title” is chosen for more than one column. Choose it for one column only."
    assert form.errors["column_1"] == [message] and form.errors["column_4"] == [message]
    assert the_job().setup_step == 1


def test_a_required_field_chosen_for_no_column_is_refused(world, as_user):
    client = as_user(world.editor)
    upload(client)
    page = client.get(url("import_columns")).content.decode()
    response = client.post(url("import_columns"), column_post(page, column_0=""))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "No column is matched to “Code”, which every action needs. Choose the column that holds it."
    ]
    assert 'role="alert"' in response.content.decode()


def test_the_values_step_asks_for_each_unknown_period_and_lists_the_valid_ones(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    html = client.get(url("import_values")).content.decode()
    assert "Step 3 of 4" in html
    assert '<label for="id_period_0">Fase 3:</label>' in html
    assert "The periods of this plan: “Aan de slag in 2017”, “Actie doorlopend”." in html
    assert 'type="date"' in html and 'name="baseline"' in html


def test_only_a_coordinator_is_offered_to_create_a_new_period(world, as_user):
    client = as_user(world.coordinator)
    upload(client)
    through_columns(client)
    assert "Create new: Fase 3" in client.get(url("import_values")).content.decode()

    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    assert "Create new: Fase 3" not in client.get(url("import_values")).content.decode()


def test_an_editor_who_sends_create_new_anyway_is_refused(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    response = through_values(client, period=NEW)
    assert response.status_code == 200
    assert response.context["form"].errors["period_0"] == [
        "Only a coordinator can create a new one. Choose one of the list, or ask a coordinator."
    ]
    assert the_job().setup_step == 2


def test_the_baseline_date_is_required_when_a_status_has_no_date_of_its_own(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    response = through_values(client, baseline=None)
    assert response.status_code == 200
    assert "baseline" in response.context["form"].errors


def test_the_baseline_date_is_proposed_from_the_plan_on_its_first_import(world, as_user):
    plan = ActionPlanFactory(organisation=world.helmond, slug="nieuw")
    PeriodFactory(plan=plan, name="Aan de slag in 2017")
    PeriodFactory(plan=plan, name="Actie doorlopend")
    client = as_user(world.editor)
    upload(client, plan_slug="nieuw")
    through_columns(client, plan_slug="nieuw")
    form = client.get(url("import_values", "nieuw")).context["form"]
    assert form["baseline"].initial is not None


def test_the_preview_says_what_happens_to_each_row_and_saves_nothing(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    through_values(client)
    response = client.get(url("import_preview"))
    html = response.content.decode()
    assert "Step 4 of 4" in html
    assert response.context["page"].counts["new"] == 3
    assert "Circulaire ideeën in aanbestedingen" in html
    assert "completed, since 1 March 2017" in html  # "afgerond", on the baseline date
    assert ">Import</button>" in html
    assert not Action.objects.filter(code__startswith="M").exists()


def test_confirming_the_preview_imports_the_file_as_it_was_set_up(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    through_values(client)
    fingerprint = client.get(url("import_preview")).context["form"]["fingerprint"].initial
    response = client.post(url("import_preview"), {"fingerprint": fingerprint}, follow=True)
    job = the_job()
    assert response.redirect_chain[0][0] == url("import_status", job_id=job.pk)
    assert "The file has been imported" in response.content.decode()
    assert (job.state, job.summary["created"]) == ("done", 3)
    done = Action.objects.get(plan=world.plan, code="M1")
    assert (done.status, done.due_date) == (Status.COMPLETED, date(2017, 12, 31))
    assert done.status_changes.get().effective_on == BASELINE
    assert Action.objects.get(plan=world.plan, code="M2").title == (
        "Circulaire ideeën in aanbestedingen"
    )
    assert Action.objects.get(plan=world.plan, code="M3").period.name == "Actie doorlopend"


def test_a_coordinator_may_create_the_unknown_period(world, as_user):
    client = as_user(world.coordinator)
    upload(client)
    through_columns(client)
    through_values(client, period=NEW)
    preview = client.get(url("import_preview"))
    assert preview.context["page"].created_periods == ["Fase 3"]
    fingerprint = preview.context["form"]["fingerprint"].initial
    client.post(url("import_preview"), {"fingerprint": fingerprint})
    assert Period.objects.filter(plan=world.plan, name="Fase 3").exists()
    assert Action.objects.get(plan=world.plan, code="M3").period.name == "Fase 3"


def test_a_plan_changed_since_the_preview_shows_the_preview_again_and_saves_nothing(world, as_user):
    client = as_user(world.editor)
    upload(client)
    through_columns(client)
    through_values(client)
    fingerprint = client.get(url("import_preview")).context["form"]["fingerprint"].initial
    Action.objects.filter(pk=world.owned_action.pk).update(title="Ondertussen gewijzigd")
    PeriodFactory(plan=world.plan, name="Ondertussen toegevoegd")
    response = client.post(url("import_preview"), {"fingerprint": fingerprint}, follow=True)
    assert response.redirect_chain[-1][0] == url("import_preview")
    html = response.content.decode()
    assert "The action plan has changed since you saw this overview. Please check it again." in html
    assert not Action.objects.filter(code__startswith="M").exists()
    assert the_job().state == "setup"
    new_fingerprint = response.context["form"]["fingerprint"].initial
    assert new_fingerprint != fingerprint
    client.post(url("import_preview"), {"fingerprint": new_fingerprint})
    assert Action.objects.filter(plan=world.plan, code__startswith="M").count() == 3


def test_a_preview_with_problems_lists_them_and_offers_no_import(world, as_user):
    client = as_user(world.editor)
    data = MESSY_CSV.replace(b"afgerond", b"half af")
    upload(client, data)
    through_columns(client)
    through_values(client)
    html = client.get(url("import_preview")).content.decode()
    assert "Row 2, column Status:" in html and "half af" in html
    assert ">Import</button>" not in html
    assert f'href="{url("import_columns")}"' in html and f'href="{url("import")}"' in html


def test_a_large_preview_lists_the_first_rows_and_counts_the_rest(world, as_user):
    rows = ["Code;Titel;Periode;Status;Status sinds"] + [
        f"N{n};Actie {n};Actie doorlopend;lopend;1-5-2017" for n in range(10_000)
    ]
    client = as_user(world.editor)
    upload(client, "\n".join(rows).encode())
    through_columns(client)
    through_values(client, baseline=None)
    response = client.get(url("import_preview"))
    html = response.content.decode()
    assert html.count('<tr data-kind="new">') == 200
    assert "And 9800 more new or changed actions, not listed here." in html
    assert len(html) < 200_000


def test_going_back_keeps_the_choices_made(world, as_user):
    client = as_user(world.coordinator)
    upload(client)
    page = client.get(url("import_columns")).content.decode()
    client.post(url("import_columns"), column_post(page, column_4=""))
    through_values(client, period=NEW)
    assert column_post(client.get(url("import_columns")).content.decode())["column_4"] == ""
    form = client.get(url("import_values")).context["form"]
    assert (form["period_0"].value(), form["baseline"].value()) == (NEW, BASELINE)


def test_a_step_not_reached_yet_sends_the_user_to_the_first_open_one(world, as_user):
    client = as_user(world.editor)
    assert client.get(url("import_preview"))["Location"] == url("import")
    upload(client)
    assert client.get(url("import_preview"))["Location"] == url("import_columns")
    assert client.get(url("import_values"))["Location"] == url("import_columns")
    through_columns(client)
    assert client.get(url("import_preview"))["Location"] == url("import_values")


def test_nobody_reaches_another_users_upload(world, as_user):
    upload(as_user(world.editor))
    job = the_job()
    client = as_user(world.coordinator)
    assert client.get(url("import_columns"))["Location"] == url("import")
    assert client.get(url("import_status", job_id=job.pk)).status_code == 404
    assert the_job().state == "setup"


def test_a_new_upload_replaces_the_one_not_imported(world, as_user):
    client = as_user(world.editor)
    upload(client)
    upload(client, name="tweede.csv")
    assert ImportJob.objects.get().file_name == "tweede.csv"


def test_the_upload_page_offers_to_continue_an_unfinished_import(world, as_user):
    client = as_user(world.editor)
    upload(client)
    html = client.get(url("import")).content.decode()
    assert "acties.csv" in html and f'href="{url("import_columns")}"' in html


def test_an_upload_left_unfinished_expires_and_its_file_is_removed(world, as_user, time_machine):
    upload(as_user(world.editor))
    time_machine.move_to(timezone.now() + jobs.SETUP_KEPT + timedelta(minutes=1), tick=False)
    assert jobs.import_jobs_expire() == 1
    job = the_job()
    assert job.state == "failed" and bytes(job.content) == b""
    assert "The import was not completed within 24 hours" in job.errors[0]["message"]


def test_the_steps_are_in_dutch_for_a_dutch_user(world, client):
    client.force_login(world.editor)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    upload(client)
    html = client.get(url("import_columns")).content.decode()
    assert "Stap 2 van 4" in html and "Kolommen koppelen" in html
    assert "Niet importeren" in html


def test_another_sheet_can_be_chosen(world, as_user):
    pytest.importorskip("openpyxl")
    # A workbook whose first sheet is an explanation and whose second holds the actions.
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Uitleg"
    book.active["A1"] = "Lees dit eerst"
    actions = book.create_sheet("Acties")
    for row in (
        ["Code", "Titel", "Periode", "Status"],
        ["S1", "Blad twee", "Actie doorlopend", "lopend"],
    ):
        actions.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    client = as_user(world.editor)
    upload(client, buffer.getvalue(), name="werkboek.xlsx")
    html = client.get(url("import_columns")).content.decode()
    assert '<option value="Acties">' in html
    client.post(url("import_columns"), {"sheet": "Acties"})
    html = client.get(url("import_columns")).content.decode()
    assert column_post(html) == {
        "column_0": "code",
        "column_1": "title",
        "column_2": "period",
        "column_3": "status",
    }


def test_an_xlsx_export_goes_through_the_steps_unchanged(world, as_user):
    client = as_user(world.editor)
    upload(
        client,
        xlsx([["Code", "Titel", "Periode", "Status"], ["A1", "X", "Actie doorlopend", "lopend"]]),
        name="plan.xlsx",
    )
    assert through_columns(client)["Location"] == url("import_values")
