"""An import job holds a lease while it works (issue 12, item 7): a job whose server
process died is reported failed within minutes, with a message, and its upload is
removed; a job that is alive keeps its lease, however long it works or saves."""

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from mvimonitor.exchange import jobs
from mvimonitor.exchange import services as exchange_services
from mvimonitor.exchange.models import ImportJob
from mvimonitor.plans.models import Action
from tests.exchange.conftest import web_import, xlsx

ROOT = Path(__file__).resolve().parents[2]
BASE = ["Code", "Titel", "Periode", "Status"]
DUTCH = (
    "Het importeren is onderbroken: de server is ermee gestopt, bijvoorbeeld door een "
    "herstart. Er is niets opgeslagen; importeer het bestand opnieuw."
)
LATER = timedelta(minutes=5)


def rows(count: int) -> list[list[object]]:
    return [BASE] + [[f"N{n}", f"Actie {n}", "Actie doorlopend", "lopend"] for n in range(count)]


def status_url(world, job: ImportJob) -> str:
    return reverse(
        "exchange:import_status",
        kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug, "job_id": job.pk},
    )


def page(client, world, job: ImportJob, language: str = "en") -> str:
    client.force_login(world.editor)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(status_url(world, job)).content.decode()


def new_job(world, content: bytes = b"upload") -> ImportJob:
    """A job as the import's steps make it, in Dutch: uploaded, then confirmed (its
    lease held by this process, which would start it)."""
    with jobs.translation.override("nl"):
        job = jobs.import_job_set_up(
            plan=world.plan,
            by=world.editor,
            file_name="plan.xlsx",
            content=content,
            as_coordinator=False,
        )
    assert jobs.import_job_confirm(job=job, fingerprint="", as_coordinator=False)
    return job


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_server_was_killed_while_saving_is_failed_and_its_upload_removed(
    world, client, tmp_path, time_machine
):
    upload, marker = tmp_path / "plan.xlsx", tmp_path / "saving"
    upload.write_bytes(xlsx(rows(20)))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "mvimonitor.conf.settings",
    }
    arguments = [str(world.plan.pk), str(world.editor.pk), str(upload), str(marker)]
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.exchange.killed_import", *arguments],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert server.poll() is None, server.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, "the import never reached its saving stage"
            time.sleep(0.05)
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.communicate()
    job = ImportJob.objects.get()
    assert job.state == "saving" and len(job.content) > 0
    assert Action.objects.filter(plan=world.plan).count() == 2  # nothing was saved

    time_machine.move_to(timezone.now() + LATER)
    html = page(client, world, job, language="nl")
    job.refresh_from_db()
    assert DUTCH in html and "Het bestand is niet geïmporteerd" in html
    assert (job.state, bytes(job.content)) == ("failed", b"")
    assert Action.objects.filter(plan=world.plan).count() == 2


def test_a_job_whose_lease_ran_out_is_shown_failed_with_its_message(world, client, time_machine):
    job = new_job(world)
    ImportJob.objects.filter(pk=job.pk).update(state="saving")
    assert "<progress" in page(client, world, job)
    time_machine.move_to(timezone.now() + LATER)
    html = page(client, world, job)
    job.refresh_from_db()
    # The job's messages are in the language it was started in, as all its errors are.
    assert DUTCH in html and "<progress" not in html
    assert (job.state, bytes(job.content), job.rows_saved) == ("failed", b"", 0)
    assert job.errors == [{"row": None, "column": None, "message": DUTCH, "in_file": False}]


def test_an_interrupted_import_does_not_blame_the_file(world, client, time_machine):
    job = new_job(world)
    time_machine.move_to(timezone.now() + LATER)
    html = page(client, world, job, language="nl")
    assert DUTCH in html
    assert "in het bestand" not in html and "Verbeterd bestand" not in html
    assert "Bestand opnieuw importeren" in html


def test_the_expire_command_fails_every_job_whose_lease_ran_out(world, time_machine):
    stale = [new_job(world), new_job(world)]
    time_machine.move_to(timezone.now() + LATER)
    live = new_job(world)
    call_command("expire-import-jobs", verbosity=0)
    for job in stale:
        job.refresh_from_db()
        assert (job.state, bytes(job.content), job.errors[0]["message"]) == ("failed", b"", DUTCH)
    live.refresh_from_db()
    assert (live.state, bytes(live.content)) == ("waiting", b"upload")


def test_starting_an_import_first_fails_the_jobs_whose_lease_ran_out(world, client, time_machine):
    stale = new_job(world)
    time_machine.move_to(timezone.now() + LATER)
    client.force_login(world.editor)
    client.post(
        reverse("exchange:import", kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug}),
        {"file": SimpleUploadedFile("plan.xlsx", xlsx(rows(1)))},
    )
    stale.refresh_from_db()
    assert (stale.state, bytes(stale.content)) == ("failed", b"")
    assert ImportJob.objects.exclude(pk=stale.pk).get().state == "setup"


def short_lease(monkeypatch) -> None:
    """A lease of a second, renewed five times a second: the tests below wait seconds,
    not minutes."""
    terms = dataclasses.replace(
        jobs.LEASE, duration=timedelta(seconds=1), renew_every=timedelta(seconds=0.2)
    )
    monkeypatch.setattr(jobs, "LEASE", terms)


def start_in_background(world, client, monkeypatch, count: int) -> ImportJob:
    monkeypatch.setattr(jobs, "BACKGROUND_FROM_BYTES", 0)
    client.force_login(world.editor)
    web_import(client, xlsx(rows(count)))
    return ImportJob.objects.get()


def wait_until_finished(job: ImportJob, *, meanwhile=lambda: None) -> ImportJob:
    deadline = time.monotonic() + 60
    while not ImportJob.objects.get(pk=job.pk).is_finished:
        meanwhile()
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.1)
    job.refresh_from_db()
    return job


@pytest.mark.django_db(transaction=True)
def test_a_job_that_works_longer_than_its_lease_keeps_it_by_renewing(world, client, monkeypatch):
    short_lease(monkeypatch)
    original = jobs.plan_import

    def slow_import(**kwargs):
        time.sleep(2.5)  # reading a large file, say: no transaction open
        return original(**kwargs)

    monkeypatch.setattr(jobs, "plan_import", slow_import)
    job = start_in_background(world, client, monkeypatch, count=5)
    leases: set[object] = set()

    def poll_and_sweep() -> None:
        assert "interrupted" not in page(client, world, job)
        call_command("expire-import-jobs", verbosity=0)
        leases.add(ImportJob.objects.get(pk=job.pk).lease_expires_at)

    job = wait_until_finished(job, meanwhile=poll_and_sweep)
    assert (job.state, job.summary["created"]) == ("done", 5)
    assert len(leases - {None}) >= 3  # renewed again and again
    assert Action.objects.filter(plan=world.plan).count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_save_that_outlasts_the_lease_is_neither_failed_nor_cut_short(world, client, monkeypatch):
    """On SQLite the lease cannot be renewed while the import's transaction holds the
    write lock; a sweep meanwhile waits for that lock, and then finds the job done."""
    short_lease(monkeypatch)
    original = exchange_services._save
    saving = threading.Event()

    def slow_save(**kwargs):
        with transaction.atomic():
            saving.set()
            time.sleep(2.5)
            return original(**kwargs)

    monkeypatch.setattr(exchange_services, "_save", slow_save)
    job = start_in_background(world, client, monkeypatch, count=50)
    assert saving.wait(30)
    time.sleep(1.5)  # the lease has run out unless it was renewed
    call_command("expire-import-jobs", verbosity=0)
    job = wait_until_finished(job)
    assert (job.state, job.summary["created"], job.errors) == ("done", 50, [])
    assert Action.objects.filter(plan=world.plan).count() == 52
    assert "The file has been imported" in page(client, world, job)
