"""Helpers for the import and export tests: spreadsheets written in the test, a frozen
"today", and running an import the way the web and the commands do."""

import io
import shutil
import subprocess
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.services import PlanImportResult, plan_import
from mvimonitor.exchange.tables import Table, table_ods
from mvimonitor.plans.models import ActionPlan
from mvimonitor.utils.dates import today

FILES = Path(__file__).parent / "files"
TODAY = date(2017, 9, 20)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def xlsx(rows: list[list[object]]) -> bytes:
    """An .xlsx whose first sheet holds `rows` from A1 on; [] is a blank row."""
    book = Workbook()
    sheet = book.active
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(rows: list[list[object]]) -> bytes:
    """An .ods whose first sheet holds `rows` from A1 on, its text written as given:
    control characters too, which the app's own writer (exchange.tables) drops."""
    texts = {f"CELL{n}X": value for n, value in enumerate(v for row in rows for v in row)}
    marks = iter(texts)
    placeholders = [[next(marks) if isinstance(v, str) else v for v in row] for row in rows]
    data = table_ods(Table(title="Blad1", headers=placeholders[0], rows=placeholders[1:]))
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "content.xml":
                text = content.decode()
                for mark, value in texts.items():
                    if isinstance(value, str):
                        text = text.replace(f">{mark}<", f">{xml_escape(value)}<")
                content = text.encode()
            archive.writestr(info, content)
    return target.getvalue()


def sheet_rows(data: bytes) -> list[tuple[object, ...]]:
    """The cells of the first sheet; date cells as dates (openpyxl reads datetimes)."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return [
        tuple(v.date() if isinstance(v, datetime) else v for v in row)
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]


def convert(data: bytes, tmp_path: Path, *, suffix: str, to: str) -> bytes:
    """Convert a spreadsheet with LibreOffice, as a user's office suite would."""
    source = tmp_path / f"source{suffix}"
    source.write_bytes(data)
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return (tmp_path / f"source.{to.split(':')[0]}").read_bytes()


def run_import(
    plan: ActionPlan, data: bytes, *, by=None, coordinator: bool = True, filename: str = "plan.xlsx"
) -> PlanImportResult:
    with acting_as(by, label="test import"):
        return plan_import(
            plan=plan, data=data, filename=filename, by=by, is_coordinator=coordinator
        )


def web_preview(client, data: bytes, name: str = "plan.xlsx", *, plan_slug: str = "helmond-mvi"):
    """Upload the file on the import page and take the guided import's steps with what
    each proposes (today as the baseline date: what an import without "Status sinds"
    did before); the preview page."""
    kwargs = {"org_slug": "helmond", "plan_slug": plan_slug}
    client.post(reverse("exchange:import", kwargs=kwargs), {"file": SimpleUploadedFile(name, data)})
    columns = client.get(reverse("exchange:import_columns", kwargs=kwargs)).context["form"]
    chosen = {field: columns.fields[field].initial for field in columns.fields}
    client.post(reverse("exchange:import_columns", kwargs=kwargs), chosen)
    values = {"baseline": today().isoformat()}
    client.post(reverse("exchange:import_values", kwargs=kwargs), values)
    return client.get(reverse("exchange:import_preview", kwargs=kwargs))


def web_confirm(client, preview, *, plan_slug: str = "helmond-mvi", follow: bool = False):
    """Confirm the preview page `preview`: the import starts."""
    kwargs = {"org_slug": "helmond", "plan_slug": plan_slug}
    fingerprint = preview.context["form"]["fingerprint"].initial
    url = reverse("exchange:import_preview", kwargs=kwargs)
    return client.post(url, {"fingerprint": fingerprint}, follow=follow)


def web_import(client, data: bytes, name: str = "plan.xlsx", *, plan_slug: str = "helmond-mvi"):
    """Import the file through the browser's steps as proposed; the answer to confirming
    (a redirect to the import's status page)."""
    preview = web_preview(client, data, name, plan_slug=plan_slug)
    return web_confirm(client, preview, plan_slug=plan_slug)


@pytest.fixture(autouse=True)
def _english(english):
    """Every test here reads messages in English (tests/conftest.py)."""
