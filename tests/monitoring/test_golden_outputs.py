"""Every demo monitor's report, in every format, is exactly what it was when these files
were written (issue 11: the report pipeline was rebuilt with the same outputs).

For each monitor of the demo (loaded as `make run` does, on a fixed day), the committed
files under `golden/` hold the JSON download, the Excel download's sheets and cell values,
the report page's main content and the PDF download's text (pdftotext). A change to any
of them fails here with the diff. When a change is meant (a bug fixed, a section added),
write the files anew and commit them with the reason:

    MVI_WRITE_GOLDEN=1 .venv/bin/pytest tests/monitoring/test_golden_outputs.py

Ids differ between databases (SQLite reuses them, PostgreSQL's sequences do not), so the
page's ids in addresses are written as placeholders numbered by first appearance.
"""

import io
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from openpyxl import load_workbook

from mvimonitor.monitoring.models import Monitor, MonitorEdition
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("MVI_WRITE_GOLDEN") == "1"
#: The day the demo is loaded and the reports are asked for.
TODAY = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(scope="module")
def demo_monitors(django_db_setup, django_db_blocker) -> Iterator[list[tuple[str, str, str]]]:
    """The demo, loaded once for this module on TODAY and rolled back after it; every
    monitor as (organisation slug, plan slug, date), in that order."""
    with (
        time_machine.travel(TODAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=io.StringIO())
        monitors = Monitor.objects.order_by("plan__organisation__slug", "plan__slug", "date")
        yield [
            (m.plan.organisation.slug, m.plan.slug, m.date.isoformat())
            for m in monitors.select_related("plan__organisation")
        ]
        transaction.set_rollback(True)


@pytest.fixture
def frozen_client(demo_monitors, db) -> Iterator[Client]:
    with time_machine.travel(TODAY, tick=False):
        yield Client()


def _client_for(client: Client, org_slug: str) -> Client:
    coordinator = (
        Membership.objects.filter(organisation__slug=org_slug, role=Role.COORDINATOR)
        .order_by("pk")
        .first()
    )
    assert coordinator is not None
    client.force_login(coordinator.user)
    return client


def _get(client: Client, url: str) -> bytes:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200, url
    return response.content


# -- normalising -----------------------------------------------------------------------

_ID_IN_PATH = re.compile(r"/([a-z_-]+)/(\d+)(?=/)")
_ID_IN_QUERY = re.compile(r"([?&](?:amp;)?)([a-z_]+)=(\d+)")
_ATTRIBUTE = re.compile(r'(href|action|hx-get|hx-post|src)="([^"]*)"')


class _Ids:
    """Placeholders for ids, per kind, numbered in order of first appearance."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, value: str) -> str:
        key = (kind, value)
        if key not in self.seen:
            count = sum(1 for k, _ in self.seen if k == kind)
            self.seen[key] = f"{{{kind}#{count + 1}}}"
        return self.seen[key]


def normalised_main(html: str) -> str:
    """The page's <main>: ids in addresses as placeholders, the CSRF token blanked, one
    tag or text run per line with its white space folded."""
    start = html.index("<main")
    main = html[start : html.index("</main>", start) + len("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', main)
    ids = _Ids()

    def address(match: re.Match[str]) -> str:
        url = _ID_IN_PATH.sub(lambda m: f"/{m[1]}/{ids(m[1], m[2])}", match[2])
        url = _ID_IN_QUERY.sub(lambda m: f"{m[1]}{m[2]}={ids(m[2], m[3])}", url)
        return f'{match[1]}="{url}"'

    main = _ATTRIBUTE.sub(address, main)
    lines = re.sub(r">\s*<", ">\n<", main).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip()) + "\n"


def _cell(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def workbook_cells(content: bytes) -> str:
    """Every sheet in order, with its cell values row by row, as JSON."""
    book = load_workbook(io.BytesIO(content))
    sheets = {
        sheet.title: [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }
    return json.dumps(sheets, ensure_ascii=False, indent=1) + "\n"


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        result = subprocess.run(
            ["pdftotext", source.name, "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    return result.stdout


# -- the outputs -----------------------------------------------------------------------


def outputs(client: Client, org: str, plan: str, day: str) -> dict[str, str]:
    base = f"/o/{org}/plans/{plan}/monitors/{day}/"
    download = base + "download/{}/"
    json_content = json.loads(_get(client, download.format("json")))
    return {
        "json": json.dumps(json_content, ensure_ascii=False, indent=1) + "\n",
        "xlsx.json": workbook_cells(_get(client, download.format("xlsx"))),
        "page.html": normalised_main(_get(client, base).decode()),
        "pdf.txt": pdf_text(_get(client, download.format("pdf"))),
    }


def _same(fmt: str, committed: str, now: str) -> bool:
    """The JSON download as data (the order of an object's keys means nothing in JSON);
    every other output to the letter."""
    if fmt == "json":
        return json.loads(committed) == json.loads(now)
    return committed == now


def test_the_demo_has_monitors_of_both_kinds(demo_monitors, db):
    states = set(Monitor.objects.values_list("state", flat=True))
    assert states == {Monitor.State.DRAFT, Monitor.State.FINAL}
    assert len(demo_monitors) >= 3


def test_every_demo_monitor_renders_as_it_did_in_every_format(demo_monitors, frozen_client):
    differences = []
    for org, plan, day in demo_monitors:
        client = _client_for(frozen_client, org)
        for fmt, text in outputs(client, org, plan, day).items():
            path = GOLDEN / f"{org}-{plan}-{day}.{fmt}"
            if WRITE:
                GOLDEN.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
            elif not _same(fmt, path.read_text(encoding="utf-8"), text):
                differences.append(path.name)
    assert not differences, f"differ from the committed outputs: {differences}"


# -- editions frozen before the report pipeline (issue 11) ------------------------------

FROZEN_BEFORE = Path(__file__).parent / "data"


@pytest.mark.parametrize("day", ["2017-07-12", "2017-09-20"])
def test_an_edition_frozen_before_the_pipeline_reads_back_as_todays(day, demo_monitors, db):
    """The demo's finalised monitors as the code before issue 11 froze them (stored with
    the demo loaded by that code) read back as the same report as today's code freezes
    (ids aside: they are SQLite's of that load)."""
    old = json.loads((FROZEN_BEFORE / f"helmond-{day}-frozen-before-issue-11.json").read_text())
    edition = current_edition(monitor=Monitor.objects.get(plan__slug="helmond-mvi", date=day))
    assert edition is not None
    old = _with_stale_of(old, edition.report)  # the rule changed in issue 13, see below
    old = _with_english_theme_names_of(old, edition.report)  # kept since issue 15
    assert _without_ids(old) == _without_ids(edition.report)
    assert _without_ids(Report.from_storage(old).to_storage()) == _without_ids(edition.report)


def _with_stale_of(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`old` with the list of actions not updated, and the marks of its action lists,
    taken from `new`: issue 13 changed that rule (only actions that should have moved
    count), so today's code freezes another list; and with the late actions, a section
    added in issue 15 (an edition without it says so: tests/monitoring/test_late_section);
    everything else stays as it was."""
    marks = {a["code"]: a["stale"] for a in new["planned"] + new["realised"]}

    def marked(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "stale": marks[item["code"]]} for item in items]

    return {
        **old,
        "stale": new["stale"],
        "late_actions": new["late_actions"],
        "planned": marked(old["planned"]),
        "realised": marked(old["realised"]),
    }


def _with_english_theme_names_of(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`old` with its themes' English names taken from `new`: since issue 15 the report
    keeps both names of a theme (an English page names it in English; an edition frozen
    before shows the Dutch name there); everything else stays as it was."""
    shares = {share["theme_code"]: share["theme_name_en"] for share in new["mvi_share"]}
    tenders = {tender["reference"]: tender["theme_names_en"] for tender in new["tenders"]}
    return {
        **old,
        "mvi_share": [{**s, "theme_name_en": shares[s["theme_code"]]} for s in old["mvi_share"]],
        "tenders": [{**t, "theme_names_en": tenders[t["reference"]]} for t in old["tenders"]],
    }


def _with_period_ids_of(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`old` with its periods' ids as this database gave them (by name): `old` holds
    SQLite's ids of an earlier load, another database numbers them otherwise, and the
    page compares a finalised edition's periods with the live ones by id (ADR 0027)."""
    ids = {period["name"]: period["period_id"] for period in new["periods"]}
    periods = [{**period, "period_id": ids[period["name"]]} for period in old["periods"]]
    return {**old, "periods": periods}


def _without_ids(value: Any) -> Any:
    """A stored report without its records' ids (`period_id`, `action_id`, ...)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not k.endswith("_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


@pytest.mark.parametrize("day", ["2017-07-12", "2017-09-20"])
def test_an_edition_frozen_before_the_pipeline_renders_as_the_golden_outputs(
    day, demo_monitors, frozen_client
):
    old = json.loads((FROZEN_BEFORE / f"helmond-{day}-frozen-before-issue-11.json").read_text())
    monitor = Monitor.objects.get(plan__slug="helmond-mvi", date=day)
    editions = MonitorEdition.objects.filter(monitor=monitor, reopened_at=None)
    now = editions.get().report
    old = _with_english_theme_names_of(_with_stale_of(old, now), now)
    editions.update(report=_with_period_ids_of(old, now))
    client = _client_for(frozen_client, "helmond")
    rendered = outputs(client, "helmond", "helmond-mvi", day)
    for fmt in ("json", "xlsx.json", "page.html"):  # the PDF is the one stored at freezing
        committed = (GOLDEN / f"helmond-helmond-mvi-{day}.{fmt}").read_text(encoding="utf-8")
        assert _same(fmt, committed, rendered[fmt]), fmt


@pytest.mark.parametrize(
    ("day", "count", "ahead"), [("2017-07-12", 50, 23), ("2017-09-20", 57, 24)]
)
def test_an_edition_frozen_with_the_earlier_rule_keeps_its_list_of_actions_not_updated(
    day, count, ahead, demo_monitors, frozen_client
):
    """Before issue 13 every action neither completed nor cancelled could be "stale"
    (Verouderd), also one not started whose start date lay ahead, as nearly all of "Aan
    de slag in 2018-2020" (codes 3.xx). An edition frozen then keeps that list in every
    format: a finalised report never changes."""
    old = json.loads((FROZEN_BEFORE / f"helmond-{day}-frozen-before-issue-11.json").read_text())
    monitor = Monitor.objects.get(plan__slug="helmond-mvi", date=day)
    MonitorEdition.objects.filter(monitor=monitor, reopened_at=None).update(report=old)
    frozen = [a["code"] for a in old["stale"]["actions"]]
    assert (len(frozen), sum(code.startswith("3.") for code in frozen)) == (count, ahead)

    client = _client_for(frozen_client, "helmond")
    base = f"/o/helmond/plans/helmond-mvi/monitors/{day}/"
    document = json.loads(_get(client, base + "download/json/"))
    assert [a["code"] for a in document["stale_actions"]] == frozen
    assert [a["stale"] for a in document["planned"]] == [a["stale"] for a in old["planned"]]
    assert f"Niet bijgewerkt ({count})" in _get(client, base).decode()
    book = load_workbook(io.BytesIO(_get(client, base + "download/xlsx/")))
    assert [row[0] for row in book["Niet bijgewerkt"].iter_rows(min_row=2, values_only=True)] == (
        frozen
    )
