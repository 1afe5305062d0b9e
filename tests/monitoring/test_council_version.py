"""Nothing about people in the council version (issue 13, item 2): a monitor whose plan
has owners (members and names), an update round with owners who did not answer, and
stale actions, in every format the council version comes in: the report page, the
standalone HTML, the PDF, the Excel workbook, the Word document, the JSON and the
`report` command. The
full version of the same monitor names them, so each check can fail."""

import io
import json
import re
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.selectors import monitor_report
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import services as round_services
from mvimonitor.rounds.models import RoundItem
from tests.factories import ActionFactory
from tests.monitoring.conftest import TODAY
from tests.monitoring.docx_reading import (
    header_texts,
    libreoffice_text,
    opened,
    pictures,
    texts,
)
from tests.monitoring.helpers import url

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
M = TODAY
#: Words of the sections about people, in Dutch and English.
PEOPLE_SECTIONS = re.compile(
    r"verouderd|niet bijgewerkt|monitorronde|update-ronde|stale|update round|not updated",
    re.IGNORECASE,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world, time_machine) -> list[str]:
    """A draft monitor of 1 December with an open update round: S1 (owner "P. Jansen",
    no account) and S2 (owned by the world's owner) running since April, untouched since
    (stale) and due in the window; neither answered in the round. The names and
    e-mail addresses that must not reach the council."""
    time_machine.move_to(datetime(2017, 4, 1, 12, tzinfo=AMSTERDAM), tick=False)
    period = world.owned_action.period
    running = {"status": Status.RUNNING, "status_since": date(2017, 4, 1)}
    ActionFactory(
        period=period, code="S1", owner_name="P. Jansen", due_date=date(2018, 1, 15), **running
    )
    ActionFactory(
        period=period, code="S2", owner=world.owner, due_date=date(2018, 1, 20), **running
    )
    time_machine.move_to(datetime(2017, 12, 1, 12, tzinfo=AMSTERDAM), tick=False)
    monitor = Monitor.objects.create(plan=world.plan, date=M, next_monitor_on=date(2018, 2, 1))
    opened = round_services.round_open(monitor=monitor, deadline=M, by=world.coordinator)
    assert RoundItem.objects.filter(round=opened, action__code__in=["S1", "S2"]).count() == 2
    return ["P. Jansen", world.owner.full_name, world.owner.email]


def named(text: str, names: list[str]) -> list[str]:
    return [name for name in names if name in text]


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        return subprocess.run(
            ["pdftotext", source.name, "-"], capture_output=True, text=True, check=True
        ).stdout


def workbook_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return "\n".join([*book.sheetnames, *cells])


def download(login, world, fmt: str, variant: str) -> bytes:
    response = login(world.viewer).get(url("download", day=M, fmt=fmt) + f"?variant={variant}")
    assert response.status_code == 200
    return response.content


def test_the_full_version_names_the_owners_in_every_format(world, login, people):
    page = login(world.viewer).get(url("detail", day=M) + "?variant=full").content.decode()
    assert named(main_of(page), people)[:1] == ["P. Jansen"]
    assert "P. Jansen" in pdf_text(download(login, world, "pdf", "full"))
    assert named(workbook_text(download(login, world, "xlsx", "full")), people) == people[:2]
    assert "P. Jansen" in download(login, world, "json", "full").decode()


def test_the_council_page_names_nobody_and_shows_no_section_about_people(world, login, people):
    page = login(world.viewer).get(url("detail", day=M) + "?variant=council").content.decode()
    main = main_of(page)

    assert named(main, people) == []
    assert PEOPLE_SECTIONS.findall(main) == []
    assert "stale-legend" not in main and "report-round" not in main


def test_the_council_html_document_names_nobody(world, people):
    monitor = Monitor.objects.get(plan=world.plan, date=M)
    report, _edition = monitor_report(monitor=monitor, variant="council")
    html = report_file(report=report, fmt="html", organisation=world.helmond).decode()

    assert named(html, people) == []
    assert PEOPLE_SECTIONS.findall(html) == []


def test_the_council_pdf_names_nobody(world, login, people):
    text = pdf_text(download(login, world, "pdf", "council"))

    assert named(text, people) == []
    assert PEOPLE_SECTIONS.findall(text) == []
    assert "Raadsversie" in text


def test_the_council_workbook_has_no_sheet_or_column_about_people(world, login, people):
    book = load_workbook(io.BytesIO(download(login, world, "xlsx", "council")))
    text = workbook_text(download(login, world, "xlsx", "council"))

    assert named(text, people) == []
    assert PEOPLE_SECTIONS.findall(text) == []
    assert "Eigenaar" not in text and "Owner" not in text
    assert book.sheetnames[0] == "Monitor"


def word_text(content: bytes) -> str:
    document = opened(content)
    pictures_described = [p.description for p in pictures(document)]
    properties = document.core_properties
    return "\n".join(
        [properties.title, *header_texts(document), *texts(document), *pictures_described]
    )


def test_the_full_word_document_names_the_owners(world, login, people):
    text = word_text(download(login, world, "docx", "full"))

    assert named(text, people)[:1] == ["P. Jansen"]
    assert "Monitorronde" in text


def test_the_council_word_document_names_nobody_and_has_no_section_about_people(
    world, login, people
):
    content = download(login, world, "docx", "council")
    text = word_text(content)

    assert named(text, people) == []
    assert PEOPLE_SECTIONS.findall(text) == []
    assert "Raadsversie" in text and "(raadsversie)" in opened(content).core_properties.title


@pytest.mark.slow
def test_libreoffice_reads_the_council_word_document_in_the_seeds_order(
    world, login, people, tmp_path
):
    """Slow (a few seconds): LibreOffice headless converts the document to text."""
    text = libreoffice_text(download(login, world, "docx", "council"), tmp_path)
    lines = [line.strip() for line in text.splitlines()]

    seed = [
        "Samenvatting",
        "Aantal acties per status per periode",
        "Aandachtspunten",
        "Communicatiemomenten",
        "Geplande acties (komende twee maanden)",
        "Gerealiseerde acties (sinds de vaststelling van het plan op 1 april 2017)",
        "Volgende monitor 1 februari 2018",
        "Aantal acties per status",
    ]
    positions = [lines.index(heading) for heading in seed]
    assert positions == sorted(positions)
    assert named(text, people) == [] and PEOPLE_SECTIONS.findall(text) == []


def test_the_council_json_has_no_round_no_stale_actions_and_no_names(world, login, people):
    document = json.loads(download(login, world, "json", "council"))

    assert {"round", "stale_actions", "stale_after_days"} & set(document) == set()
    assert document["variant"] == "council"
    assert document["sections"] == [
        "summary",
        "status_chart",
        "attention_points",
        "communication",
        "planned",
        "realised",
        "late",
        "next_monitor",
        "status_table",
    ]
    assert {a["stale"] for a in document["planned"] + document["realised"]} <= {None}
    assert named(json.dumps(document, ensure_ascii=False), people) == []


def test_the_council_json_follows_the_schema(world, login, people):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for variant in ("council", "full"):
        document = json.loads(download(login, world, "json", variant))
        assert [e.message for e in validator.iter_errors(document)] == [], variant


def test_the_report_command_writes_the_council_version_without_names(world, people, tmp_path):
    output = tmp_path / "raad.json"
    call_command(
        "report",
        "--plan",
        world.plan.slug,
        "--monitor",
        M.isoformat(),
        "--variant",
        "council",
        "-o",
        str(output),
    )
    document = json.loads(output.read_text())

    assert document["variant"] == "council" and "round" not in document
    assert named(output.read_text(), people) == []


def test_the_report_command_writes_the_full_version_by_default(world, people):
    out = io.StringIO()
    call_command("report", "--plan", world.plan.slug, "--monitor", M.isoformat(), stdout=out)
    document = json.loads(out.getvalue())

    assert document["variant"] == "full" and document["round"]["open"] >= 2
