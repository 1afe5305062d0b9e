"""The import and export pages: who may use them, the upload, the progress that htmx
polls, the list of errors and the filtered export."""

import time
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mvimonitor.exchange import jobs
from mvimonitor.exchange.models import ImportJob
from mvimonitor.plans.models import Action
from tests.exchange.conftest import FILES, sheet_rows, xlsx

pytestmark = pytest.mark.usefixtures("frozen_today")

BASE = ["Code", "Titel", "Periode", "Status"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name: str, world, **kwargs) -> str:
    return reverse(
        f"exchange:{name}", kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug, **kwargs}
    )


@pytest.fixture
def as_user(client):
    def _as(user):
        client.force_login(user)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _as


def upload(client, world, data: bytes, name: str = "plan.xlsx"):
    return client.post(url("import", world), {"file": SimpleUploadedFile(name, data)}, follow=True)


@pytest.mark.parametrize("role", ["coordinator", "editor", "owner", "viewer"])
def test_every_member_may_export(world, as_user, role):
    response = as_user(world.user(role)).get(url("export", world))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="helmond-mvi-acties-2017-09-20.xlsx"'
    )
    assert [row[0] for row in sheet_rows(response.content)[1:]] == ["A1", "A2"]


def test_the_export_follows_the_filters_of_the_action_list(world, as_user):
    response = as_user(world.viewer).get(url("export", world), {"status": "running"})
    assert [row[0] for row in sheet_rows(response.content)[1:]] == ["A1"]


def test_another_organisation_cannot_export_or_import(world, as_user):
    client = as_user(world.outsider)
    assert client.get(url("export", world)).status_code == 404
    assert client.get(url("import", world)).status_code == 404


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_owners_and_viewers_may_not_import(world, as_user, role):
    client = as_user(world.user(role))
    assert client.get(url("import", world)).status_code == 403
    assert upload(client, world, xlsx([BASE])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(world, client):
    assert client.get(url("import", world))["Location"].startswith(reverse("accounts:login"))


def test_the_import_page_has_a_labelled_file_field(world, as_user):
    html = as_user(world.editor).get(url("import", world)).content.decode()
    assert '<label for="id_file"' in html and 'type="file"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_good_file_is_imported_and_summarised(world, as_user):
    data = xlsx(
        [
            BASE,
            ["N1", "Nieuw", "Actie doorlopend", "lopend"],
            ["A1", "Ander", "Aan de slag in 2017", "voltooid"],
        ]
    )
    response = upload(as_user(world.editor), world, data)
    job = ImportJob.objects.get()
    assert response.redirect_chain[-1][0] == url("import_status", world, job_id=job.pk)
    html = response.content.decode()
    assert "The file has been imported" in html
    assert (
        job.state,
        job.summary["created"],
        job.summary["updated"],
        job.summary["status_changes"],
    ) == ("done", 1, 1, 1)
    assert job.content in (b"", memoryview(b""))  # the upload is not kept
    assert (
        Action.objects.get(plan=world.plan, code="N1").status_changes.get().recorded_by
        == world.editor
    )


def test_a_file_with_errors_lists_every_error_and_saves_nothing(world, as_user):
    data = xlsx(
        [
            BASE,
            ["N1", "Nieuw", "Onbekend", "lopend"],
            [],
            ["N2", "Nieuw", "Actie doorlopend", "half af"],
        ]
    )
    html = upload(as_user(world.editor), world, data).content.decode()
    assert "The file has not been imported" in html
    assert "Row 2, column Periode: “Onbekend” is not a period of this plan." in html
    assert "Row 4, column Status: “half af” is not a status." in html
    assert not Action.objects.filter(code__in=["N1", "N2"]).exists()
    assert ImportJob.objects.get().state == "failed"


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("oud.xls", (FILES / "old.xls").read_bytes(), "old Excel file (.xls)"),
        ("plan.csv", b"Code;Titel\nA1;\x81\x8d\n", "characters of this CSV file cannot be read"),
        ("plan.xlsx", (FILES / "encrypted.xlsx").read_bytes(), "protected with a password"),
        ("foto.png", b"\x89PNG\r\n\x1a\nrest", "not an Excel (.xlsx), OpenDocument (.ods) or CSV"),
    ],
)
def test_a_file_that_is_no_readable_spreadsheet_gets_a_message_on_the_form(
    world, as_user, name, data, text
):
    response = upload(as_user(world.editor), world, data, name)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_oversized_file_gets_a_message(world, as_user, settings):
    settings.IMPORT_MAX_BYTES = 2000
    response = upload(
        as_user(world.editor), world, xlsx([BASE] + [["N", "T" * 50, "P", "S"]] * 200)
    )
    assert "The file is too large" in response.content.decode()


def test_an_ods_file_is_imported_from_the_web(world, as_user):
    upload(as_user(world.editor), world, (FILES / "plan.ods").read_bytes(), "plan.ods")
    assert ImportJob.objects.get().state == "done"
    assert Action.objects.get(plan=world.plan, code="O1").start_date == date(2017, 5, 1)


def make_job(world, **fields) -> ImportJob:
    return ImportJob.objects.create(
        plan=world.plan, created_by=world.editor, file_name="groot.xlsx", **fields
    )


def test_the_progress_fragment_polls_every_second_with_a_progress_bar(world, as_user):
    job = make_job(world, state="validating", rows_total=400, rows_validated=100)
    response = as_user(world.editor).get(
        url("import_status", world, job_id=job.pk), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert (
        'hx-trigger="every 1s"' in html
        and f'hx-get="{url("import_status", world, job_id=job.pk)}"' in html
    )
    assert '<progress id="import-progress-bar" max="400" value="100">' in html
    assert '<label for="import-progress-bar">' in html


def test_the_status_page_while_reading_has_a_progress_bar_and_a_refresh_link(world, as_user):
    job = make_job(world, state="reading", rows_read=250)
    html = as_user(world.editor).get(url("import_status", world, job_id=job.pk)).content.decode()
    assert "<h1>" in html and "<progress" in html and "250 rows read" in html
    assert 'role="status"' in html


def test_a_finished_job_stops_polling(world, as_user):
    job = make_job(
        world,
        state="done",
        summary={"rows": 1, "created": 1, "updated": 0, "status_changes": 0, "unchanged": 0},
    )
    html = (
        as_user(world.editor)
        .get(url("import_status", world, job_id=job.pk), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "hx-trigger" not in html and "The file has been imported" in html


def test_a_job_cut_off_is_reported_as_failed_once_its_lease_ran_out(world, as_user):
    job = make_job(
        world,
        state="saving",
        lease_holder="web-1",
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    html = as_user(world.editor).get(url("import_status", world, job_id=job.pk)).content.decode()
    assert "The import was interrupted" in html
    assert ImportJob.objects.get(pk=job.pk).state == "failed"


def test_a_job_of_another_plan_is_not_found(world, as_user):
    job = ImportJob.objects.create(plan=world.other_plan, file_name="x.xlsx")
    assert as_user(world.editor).get(url("import_status", world, job_id=job.pk)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_in_the_background_while_the_page_polls(
    world, as_user, monkeypatch
):
    monkeypatch.setattr(jobs, "BACKGROUND_FROM_BYTES", 0)
    rows = [BASE] + [[f"N{n}", f"Actie {n}", "Actie doorlopend", "lopend"] for n in range(150)]
    client = as_user(world.editor)
    response = client.post(
        url("import", world), {"file": SimpleUploadedFile("groot.xlsx", xlsx(rows))}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == url("import_status", world, job_id=job.pk)
    deadline = time.monotonic() + 60
    while not ImportJob.objects.get(pk=job.pk).is_finished:
        fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
        assert "<progress" in fragment or "The file has been imported" in fragment
        assert time.monotonic() < deadline, "the background import did not finish"
        time.sleep(0.05)
    job.refresh_from_db()
    assert (job.state, job.summary["created"], job.rows_validated, job.rows_saved) == (
        "done",
        150,
        150,
        150,
    )
    assert Action.objects.filter(plan=world.plan).count() == 152
    assert "The file has been imported" in client.get(response["Location"]).content.decode()


def test_the_status_page_is_usable_without_javascript(world, as_user):
    job = make_job(world, state="waiting")
    html = as_user(world.editor).get(url("import_status", world, job_id=job.pk)).content.decode()
    assert f'href="{url("import_status", world, job_id=job.pk)}"' in html
