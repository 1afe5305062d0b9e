"""Commentary per section ("toelichting", ADR 0025): a coordinator writes a short text
under a section of a monitor's report on the monitor's edit page; it is shown under its
section in both variants that have the section, in every format: the page, the
standalone HTML, the PDF, Excel (the sheet "Toelichting") and JSON (`commentary`)."""

import io
import json
import subprocess
import tempfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import COMMENTARY_MAX_LENGTH, SectionCommentary
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.selectors import monitor_commentary, monitor_report
from mvimonitor.monitoring.services import StaleMonitorError
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url

D = date(2017, 9, 20)
PLANNED = "De aanbestedingsstrategieën lopen twee weken uit door de zomer."
CHART = "Het aantal voltooide acties steeg met twee."


@pytest.fixture
def monitor(world):
    return MonitorFactory(plan=world.plan, date=D, summary="Helmond ligt op koers.")


@pytest.fixture
def commented(world, monitor):
    services.monitor_update(
        monitor=monitor,
        summary=monitor.summary,
        next_monitor_on=None,
        by=world.coordinator,
        commentary={"planned": PLANNED, "status_chart": CHART},
    )
    return monitor


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(content)
        source.flush()
        result = subprocess.run(["pdftotext", source.name, "-"], capture_output=True, text=True)
        return " ".join(result.stdout.split())


def rendered(monitor, world, fmt: str, variant: str) -> bytes:
    report, _edition = monitor_report(monitor=monitor, variant=variant)
    return report_file(report=report, fmt=fmt, organisation=world.helmond)


# -- writing it ---------------------------------------------------------------------------


def test_the_edit_page_has_a_field_per_section_of_the_full_version_named_by_its_title(
    world, login, monitor
):
    page = login(world.coordinator).get(url("edit", day=D)).content.decode()

    assert "Commentary per section" in page
    for name, title in [
        ("summary", "Summary"),
        ("planned", "Planned actions"),
        ("round", "Update round"),
    ]:
        assert f'name="commentary_{name}"' in page
        assert f'<label for="id_commentary_{name}">{title}:</label>' in page


def test_saving_the_edit_page_keeps_each_sections_commentary(world, login, monitor):
    response = login(world.coordinator).post(
        url("edit", day=D),
        {
            "summary": "Helmond ligt op koers.",
            "version": monitor.version,
            "commentary_planned": f"  {PLANNED}\r\nTweede regel.  ",
            "commentary_summary": "",
        },
    )

    assert response.status_code == 302
    assert monitor_commentary(monitor=monitor) == {"planned": f"{PLANNED}\nTweede regel."}


def test_an_empty_commentary_removes_it(world, commented):
    services.monitor_update(
        monitor=commented,
        summary="",
        next_monitor_on=None,
        by=None,
        commentary={"planned": "  "},
    )
    assert monitor_commentary(monitor=commented) == {"status_chart": CHART}


def test_a_commentary_over_its_maximum_is_refused_by_the_service(world, monitor):
    with pytest.raises(ValidationError) as refused:
        services.monitor_update(
            monitor=monitor,
            summary="",
            next_monitor_on=None,
            by=None,
            commentary={"planned": "x" * (COMMENTARY_MAX_LENGTH + 1)},
        )
    assert "commentary_planned" in refused.value.message_dict
    assert not SectionCommentary.objects.exists()


def test_a_commentary_for_a_section_that_does_not_exist_is_refused(world, monitor):
    with pytest.raises(ValidationError):
        services.monitor_update(
            monitor=monitor, summary="", next_monitor_on=None, by=None, commentary={"gossip": "x"}
        )


def test_the_commentary_is_saved_under_the_monitors_lock(world, commented):
    with pytest.raises(StaleMonitorError):
        services.monitor_update(
            monitor=commented,
            summary="",
            next_monitor_on=None,
            by=None,
            commentary={"planned": "Later"},
            expected_version=1,
        )
    assert monitor_commentary(monitor=commented)["planned"] == PLANNED


def test_a_final_monitors_commentary_cannot_be_changed(world, commented):
    services.monitor_finalise(monitor=commented, by=world.coordinator)
    with pytest.raises(ValidationError):
        services.monitor_update(
            monitor=commented,
            summary="",
            next_monitor_on=None,
            by=None,
            commentary={"planned": "x"},
        )


# -- showing it ---------------------------------------------------------------------------


def test_the_page_shows_the_commentary_under_its_section(world, login, commented):
    page = login(world.viewer).get(url("detail", day=D)).content.decode()

    planned = page.index('id="report-planned"')
    commentary = page.index(PLANNED)
    assert planned < commentary < page.index('id="report-attention"')
    assert 'aria-label="Commentary on Planned actions"' in page


def test_both_variants_show_the_commentary_of_the_sections_they_have(world, login, commented):
    council = login(world.viewer).get(url("detail", day=D) + "?variant=council").content.decode()
    assert PLANNED in council and CHART in council


def test_a_variant_without_the_section_shows_no_commentary_for_it(world, login, commented):
    services.report_composition_save(
        plan=world.plan, variant="council", section_ids=["summary", "status_chart"], by=None
    )
    council = login(world.viewer).get(url("detail", day=D) + "?variant=council").content.decode()

    assert CHART in council and PLANNED not in council
    document = json.loads(rendered(commented, world, "json", "council"))
    assert document["commentary"] == {"status_chart": CHART}


def test_the_standalone_html_and_the_pdf_show_the_commentary_under_its_section(world, commented):
    html = rendered(commented, world, "html", "full").decode()
    assert html.index('id="report-planned"') < html.index(PLANNED)

    text = pdf_text(rendered(commented, world, "pdf", "council"))
    assert f"Toelichting {PLANNED}" in text
    assert text.index("Geplande acties") < text.index(PLANNED) < text.index("Gerealiseerde acties")


def test_excel_has_a_commentary_sheet_after_the_monitor_sheet_in_report_order(world, commented):
    book = load_workbook(io.BytesIO(rendered(commented, world, "xlsx", "council")))

    assert book.sheetnames[:2] == ["Monitor", "Toelichting"]
    rows = list(book["Toelichting"].iter_rows(values_only=True))
    assert rows == [
        ("Onderdeel", "Toelichting"),
        ("Statusgrafiek", CHART),
        ("Geplande acties", PLANNED),
    ]


def test_excel_without_commentary_has_no_commentary_sheet(world, monitor):
    book = load_workbook(io.BytesIO(rendered(monitor, world, "xlsx", "full")))
    assert "Toelichting" not in book.sheetnames


def test_the_json_carries_the_commentary_keyed_by_section(world, commented):
    document = json.loads(rendered(commented, world, "json", "full"))
    assert document["commentary"] == {"status_chart": CHART, "planned": PLANNED}
