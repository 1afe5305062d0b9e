"""The report's section "Te laat" (late actions on the monitor date, ADR 0030): the list
by the one rule with the status on D from the history, what finalising freezes, editions
frozen before the section existed, the council version, and every format."""

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.docx import report_docx
from mvimonitor.monitoring.rendering.html import report_html
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.rendering.pdf import report_pdf
from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import monitor_report, report_for_date
from mvimonitor.monitoring.variants import ReportVariant, variant_report
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory
from tests.monitoring.docx_reading import opened, texts
from tests.monitoring.factories import frozen_monitor
from tests.monitoring.helpers import change, url

D = date(2017, 9, 20)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_world(world):
    """On 20 September 2017: A2 not started since 1 March (late by its start date); L1
    running, due 1 September, completed on 1 October (late on D by its due date); L2
    postponed, due on D itself (not late); L3 completed before its due date passed (never
    late); L4 withdrawn on D (out of the plan)."""
    period = world.owned_action.period
    Action.objects.filter(pk=world.unowned_action.pk).update(start_date=date(2017, 3, 1))
    l1 = ActionFactory(
        period=period,
        code="L1",
        title="Groen inkopen",
        status=Status.RUNNING,
        due_date=date(2017, 9, 1),
    )
    change(l1, Status.COMPLETED, date(2017, 10, 1))
    ActionFactory(period=period, code="L2", status=Status.POSTPONED, due_date=D)
    l3 = ActionFactory(period=period, code="L3", status=Status.RUNNING, due_date=date(2017, 9, 1))
    change(l3, Status.COMPLETED, date(2017, 8, 31))
    l4 = ActionFactory(period=period, code="L4", start_date=date(2017, 5, 1))
    Action.objects.filter(pk=l4.pk).update(withdrawn_on=D)
    return world


def _late(report: Report):
    return report.section("late")


def test_the_report_lists_the_actions_late_on_its_date_by_their_status_then(late_world):
    late = _late(report_for_date(plan=late_world.plan, on=D))
    assert [(a.code, a.reason, a.day) for a in late.actions] == [
        ("A2", "start", date(2017, 3, 1)),
        ("L1", "due", date(2017, 9, 1)),
    ]
    assert late.count == 2
    # on 1 October L1 is completed (late no longer), L2 is past its due date
    assert [
        a.code for a in _late(report_for_date(plan=late_world.plan, on=date(2017, 10, 1))).actions
    ] == ["A2", "L2"]


def test_finalising_freezes_the_list(late_world):
    monitor = frozen_monitor(late_world.plan, D)
    Action.objects.filter(code="A2", plan=late_world.plan).update(start_date=None)
    report, edition = monitor_report(monitor=monitor)
    assert edition is not None
    assert [a.code for a in _late(report).actions] == ["A2", "L1"]


def test_an_edition_frozen_before_the_section_says_so_in_every_format(late_world):
    monitor = frozen_monitor(late_world.plan, D)
    edition = monitor.editions.get()
    stored = dict(edition.report)
    del stored["late_actions"]
    report = Report.from_storage(stored)
    assert _late(report) is None
    assert report_json(report)["late_actions"] is None
    assert "This monitor was finalised before late actions were counted." in report_html(report)


def test_the_council_version_shows_the_late_actions_by_default(late_world):
    live = report_for_date(plan=late_world.plan, on=D)
    council = variant_report(
        live, variant=ReportVariant.COUNCIL, section_ids=_council_ids(), commentary={}
    )
    assert "late" in council.section_ids
    assert council.section_ids.index("late") == council.section_ids.index("realised") + 1
    assert report_json(council)["late_count"] == 2


def _council_ids():
    from mvimonitor.monitoring.variants import effective_section_ids

    return effective_section_ids(ReportVariant.COUNCIL, None)


def test_the_json_lists_them_and_follows_the_schema(late_world):
    document = json.loads(json.dumps(report_json(report_for_date(plan=late_world.plan, on=D))))
    assert document["late_count"] == 2
    assert document["late_actions"][1] == {
        "code": "L1",
        "title": "Groen inkopen",
        "period": "Aan de slag in 2017",
        "reason": "due",
        "date": "2017-09-01",
    }
    schema = json.loads(SCHEMA.read_text())
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(document)


def test_the_page_lists_them_with_why_and_links(late_world, login):
    Monitor.objects.create(plan=late_world.plan, date=D)
    page = login(late_world.viewer).get(url("detail", day=D)).content.decode()
    assert "Late actions (2)" in page
    assert "start date March 1, 2017 passed" in page
    assert "due date Sept. 1, 2017 passed" in page
    assert f"/actions/{late_world.unowned_action.pk}/" in page


def test_the_pdf_excel_and_word_say_it_in_dutch(late_world, tmp_path):
    report = report_for_date(plan=late_world.plan, on=D)
    source = tmp_path / "report.pdf"
    source.write_bytes(report_pdf(report))
    pdf = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "Te laat (2)" in pdf
    assert "einddatum 1 september 2017 verstreken" in " ".join(pdf.split())

    book = load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = book["Te laat"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Code", "Actie", "Periode", "Waarom te laat", "Verstreken datum"]
    assert rows[1][0] == "A2" and rows[1][3] == "startdatum 1 maart 2017 verstreken"

    words = texts(opened(report_docx(report)))
    assert "Te laat (2)" in words
    assert any("einddatum 1 september 2017 verstreken" in text for text in words)


def test_a_report_without_late_actions_says_so(world):
    report = report_for_date(plan=world.plan, on=D)
    assert _late(report).count == 0
    assert "No action was late on this date." in report_html(report)


def test_a_pdf_without_late_actions_gives_the_count_among_the_key_figures_only(world, tmp_path):
    report = report_for_date(plan=world.plan, on=D)
    source = tmp_path / "report.pdf"
    source.write_bytes(report_pdf(report))
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "Te laat (" not in pdf  # no section: a council's two pages stay two
    assert any(line.split()[-2:] == ["laat", "0"] for line in pdf.splitlines() if "Te laat" in line)
