"""The demo's monitor of 20 September 2017 as a coordinator downloads it in Word and
LibreOffice prints it: the council version on two A4 pages in the seed's order, as the
council expects (issue 13), and the full version with every section."""

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from mvimonitor.accounts.models import User
from tests.monitoring.docx_reading import level_one, opened

TODAY = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
DOWNLOAD = {"org_slug": "helmond", "plan_slug": "helmond-mvi", "day": "2017-09-20"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker) -> Iterator[dict[str, bytes]]:
    """The demo loaded once for this module (rolled back after it) and the monitor of 20
    September 2017 downloaded in Word in both versions, by the demo's coordinator."""
    with (
        time_machine.travel(TODAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=io.StringIO())
        client = Client()
        client.force_login(User.objects.get(email="coordinator@helmond.demo"))
        url = reverse("monitoring:download", kwargs={**DOWNLOAD, "fmt": "docx"})
        yield {
            variant: client.get(f"{url}?variant={variant}").content
            for variant in ("council", "full")
        }
        transaction.set_rollback(True)


def printed_pages(content: bytes, directory: Path) -> int:
    """The number of A4 pages LibreOffice prints the document on."""
    source = directory / "monitor.docx"
    source.write_bytes(content)
    profile = directory / f"lo-{uuid.uuid4().hex}"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(directory),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return len(pypdf.PdfReader(directory / "monitor.pdf").pages)


def test_the_council_version_is_two_pages_in_the_seeds_order(documents, db, tmp_path):
    content = documents["council"]

    assert [heading.split(" (")[0] for heading in level_one(opened(content))] == [
        "Samenvatting",
        "Aantal acties per status per periode",
        "Aandachtspunten",
        "Communicatiemomenten",
        "Geplande acties",
        "Gerealiseerde acties",
        "Te laat",
        "Volgende monitor 22 november 2017",
        "Aantal acties per status",
    ]
    assert printed_pages(content, tmp_path) == 2


def test_the_full_version_keeps_every_section(documents, db):
    found = level_one(opened(documents["full"]))

    assert found[:3] == [
        "Samenvatting",
        "Aantal acties per status per periode",
        "Voortgang over de monitors",
    ]
    assert "Aanbestedingen en doelen" in found and found[-1] == "Volgende monitor 22 november 2017"
    assert len(found) == 11  # the frozen edition of 20 September had no update round
