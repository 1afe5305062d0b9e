"""The report is an ordered list of registered sections (monitoring.sections): a test-only
app (tests/sample_section) registers one, and it appears on the page, in the PDF, in
Excel, in Word and in the JSON, live and frozen, without any edit to monitoring."""

import io
import json
import subprocess
import tempfile
from datetime import date

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from mvimonitor.monitoring import services
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.sections import Section, SectionError, register, registered
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from tests.factories import ActionFactory
from tests.monitoring.docx_reading import level_one, opened
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url

D = date(2017, 9, 20)
SAMPLE = "tests.sample_section"


@pytest.fixture
def sample_app(settings):
    """The test-only app installed (its ready() registers the section); uninstalled after
    the test, which takes its section out of every report again."""
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, SAMPLE]):
        yield


@pytest.fixture
def monitor(world):
    ActionFactory(plan=world.plan, period=world.owned_action.period, added_on=date(2017, 4, 1))
    return MonitorFactory(plan=world.plan, date=D)


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        return subprocess.run(
            ["pdftotext", source.name, "-"], capture_output=True, text=True, check=True
        ).stdout


def test_the_sections_of_monitoring_rounds_and_targets_are_registered_in_report_order():
    assert [s.id for s in registered()] == [
        "summary",
        "status_chart",
        "status_table",
        "trend",
        "realised",
        "planned",
        "late",
        "round",
        "not_updated",
        "tenders_targets",
        "attention_points",
        "communication",
        "next_monitor",
    ]


def test_a_section_of_an_app_not_installed_is_in_no_report(world):
    assert "open_actions" not in [s.id for s in registered()]
    assert "open_actions" not in report_for_date(plan=world.plan, on=D).sections


def test_an_installed_apps_section_is_computed_in_report_order(sample_app, world, monitor):
    ids = [s.id for s in registered()]
    assert ids.index("communication") < ids.index("open_actions") < ids.index("next_monitor")
    report = report_for_date(plan=world.plan, on=D, monitor=monitor)
    assert report.section("open_actions").count == 3  # the two of the world's plan and one more


def test_the_section_is_on_the_page_in_its_place(sample_app, world, monitor, login):
    page = login(world.viewer).get(url("detail", day=D)).content.decode()
    assert "3 open actions on this date." in page
    assert page.index("report-communication") < page.index("sample-open-actions")
    assert page.index("sample-open-actions") < page.index("report-next")


def test_the_section_is_in_the_pdf_with_its_key_figure(sample_app, world, monitor):
    report = report_for_date(plan=world.plan, on=D, monitor=monitor)
    text = pdf_text(report_file(report=report, fmt="pdf", organisation=world.helmond))
    assert "Sample: open actions\n" in text and "3 open actions on this date." in text
    assert text.index("Communicatiemomenten") < text.index("3 open actions on this date.")


def test_the_section_writes_its_sheet_and_its_json_keys(sample_app, world, monitor):
    report = report_for_date(plan=world.plan, on=D, monitor=monitor)
    book = load_workbook(io.BytesIO(report_file(report=report, fmt="xlsx", organisation=None)))
    assert book.sheetnames[-1] == "Sample"
    assert [c.value for c in book["Sample"][1]] == ["Sample: open actions", 3]
    document = json.loads(report_file(report=report, fmt="json", organisation=None))
    assert document["sample_open_actions"] == 3


def test_the_section_is_in_the_word_document_in_its_place(sample_app, world, monitor):
    report = report_for_date(plan=world.plan, on=D, monitor=monitor)
    document = opened(report_file(report=report, fmt="docx", organisation=world.helmond))

    found = level_one(document)
    assert found.index("Communicatiemomenten") + 1 == found.index("Sample: open actions")
    assert found[-1].startswith("Volgende monitor")
    assert "3 open actions on this date." in [p.text for p in document.paragraphs]


def test_the_section_is_frozen_with_the_edition_and_read_back(sample_app, world, monitor):
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    stored = current_edition(monitor=monitor).report
    assert stored["sample_open_actions"] == 3
    assert Report.from_storage(stored).section("open_actions").count == 3


def test_an_edition_frozen_without_the_section_shows_it_empty(world, monitor, settings, login):
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, SAMPLE]):
        frozen = Report.from_storage(current_edition(monitor=monitor).report)
        assert frozen.section("open_actions") is None
        assert (
            json.loads(report_file(report=frozen, fmt="json", organisation=None))[
                "sample_open_actions"
            ]
            is None
        )


def test_two_apps_cannot_claim_one_section_id():
    class Impostor(Section):
        id = "realised"
        app = "mvimonitor.review"

    with pytest.raises(SectionError):
        register(Impostor())
