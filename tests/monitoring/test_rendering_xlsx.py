"""The Excel workbook of a report, read back with openpyxl (numbers, dates, safe text),
its chart read from the zip (a stacked bar chart on the table's own cells), and opened by
LibreOffice as a real reader would."""

import io
import subprocess
import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from mvimonitor.plans.workflow import STATUS_ORDER, STATUS_STYLE
from tests.monitoring.rendering_samples import (
    FORMULA_TITLE,
    real_report,
    sample_report,
)

CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


@pytest.fixture(scope="module")
def report():
    return sample_report(realised=5, planned=6)


@pytest.fixture(scope="module")
def content(report) -> bytes:
    return report_xlsx(report)


@pytest.fixture(scope="module")
def book(content):
    return load_workbook(io.BytesIO(content))


def day(value) -> date:
    """A cell's date: openpyxl reads a date cell back as a datetime at midnight."""
    assert isinstance(value, datetime), value
    assert (value.hour, value.minute) == (0, 0)
    return value.date()


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_the_sheets_are_the_monitor_then_each_sections_in_report_order(book):
    assert book.sheetnames == [
        dutch("Monitor"),
        dutch("Status per period"),
        dutch("Realised"),
        dutch("Planned"),
        dutch("Tenders"),
        dutch("Contracts"),
        dutch("Targets"),
        dutch("MVI per theme"),
        dutch("Attention points"),
        dutch("Communication"),
    ]


def test_the_monitor_sheet_has_the_facts_with_real_dates(book, report):
    facts = dict(rows(book[dutch("Monitor")]))
    assert facts[dutch("Organisation")] == "Gemeente Helmond"
    assert facts[dutch("Plan")] == "MVI-actieplan 2017-2020"
    assert day(facts[dutch("Monitor date")]) == date(2017, 9, 20)
    assert day(facts[dutch("Compared with the monitor of")]) == date(2017, 7, 12)
    assert day(facts[dutch("Next monitor")]) == date(2017, 11, 22)
    assert facts[dutch("Actions in the plan")] == 124
    assert facts[dutch("Summary")] == report.summary
    sheet = book[dutch("Monitor")]
    assert sheet["B3"].number_format == "dd-mm-yyyy"


def test_the_monitor_sheet_says_what_the_figures_are_compared_with_once():
    def facts(**fields) -> dict:
        return dict(
            rows(load_workbook(io.BytesIO(report_xlsx(sample_report(**fields))))["Monitor"])
        )

    after_a_monitor = facts()  # the previous monitor of 12 July 2017 is the baseline
    assert day(after_a_monitor["Vergeleken met de monitor van"]) == date(2017, 7, 12)
    assert "Vorige monitor" not in after_a_monitor and "Vergeleken met" not in after_a_monitor

    first = facts(previous_monitor_date=None, baseline_date=date(2017, 4, 1))
    assert day(first["Vergeleken met het plan zoals vastgesteld op"]) == date(2017, 4, 1)
    assert "Vorige monitor" not in first and "Vergeleken met" not in first

    # Should the two ever differ, both are named.
    apart = facts(baseline_date=date(2017, 7, 1))
    assert day(apart["Vorige monitor"]) == date(2017, 7, 12)
    assert day(apart["Vergeleken met"]) == date(2017, 7, 1)


def test_the_table_has_integers_per_period_and_status_and_a_totals_row(book, report):
    table = rows(book[dutch("Status per period")])
    with translation.override("nl"):
        labels = [str(s.label).capitalize() for s in STATUS_ORDER]
    assert list(table[0][:7]) == [dutch("Period"), dutch("Total"), *labels]
    for row, period in zip(table[1:], report.periods, strict=False):
        assert row[0] == period.name
        assert row[1] == period.total
        assert list(row[2:7]) == [period.counts[s.value] for s in STATUS_ORDER]
        assert list(row[7:12]) == [period.change[s.value] for s in STATUS_ORDER]
        assert all(type(value) is int for value in row[1:12])
    totals = table[len(report.periods) + 1]
    assert totals[:7] == (dutch("Total"), 124, 61, 32, 30, 1, 0)
    assert table[1][12] == dutch("yes") and table[2][12] == dutch("no")


def test_header_rows_are_bold_and_frozen_and_columns_have_a_width(book):
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
        assert sheet.column_dimensions["B"].width > 8


def test_the_lists_have_real_dates_and_the_items_of_the_report(book, report):
    planned = rows(book[dutch("Planned")])
    assert [row[0] for row in planned[1:]] == [item.code for item in report.planned]
    first = book[dutch("Planned")]["F2"]
    assert day(first.value) == date(2017, 10, 2) and first.number_format == "dd-mm-yyyy"
    assert planned[1][4] == dutch("yes")  # the new action
    realised = rows(book[dutch("Realised")])
    assert realised[1][1] == "Onderzoeken deelname aan Green deal Circulair inkopen"
    assert realised[1][4] == "in 2017 (nog) niet deelnemen"
    attention = rows(book[dutch("Attention points")])
    assert day(attention[1][2]) == date(2017, 9, 25) and attention[2][2] is None
    communication = rows(book[dutch("Communication")])
    assert [day(row[1]) for row in communication[1:]] == [date(2017, 7, 20), date(2017, 10, 4)]


def test_text_that_looks_like_a_formula_is_stored_as_text(book):
    realised = book[dutch("Realised")]
    assert realised["B3"].value == "'" + FORMULA_TITLE
    assert realised["B3"].data_type == "s"
    assert realised["E3"].value == "'-5% minder CO2"
    assert book[dutch("Attention points")]["B3"].value.startswith("'+")
    formulas = [
        c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


def test_the_chart_is_a_stacked_bar_chart_on_the_tables_cells(content, report):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/")]
        assert charts == ["xl/charts/chart1.xml"]
        root = ET.fromstring(archive.read(charts[0]))  # noqa: S314 -- our own output
    bar = root.find(f".//{CHART}barChart")
    assert bar is not None
    assert bar.find(f"{CHART}barDir").get("val") == "bar"  # type: ignore[union-attr]
    assert bar.find(f"{CHART}grouping").get("val") == "stacked"  # type: ignore[union-attr]
    sheet = f"'{dutch('Status per period')}'"
    last = len(report.periods) + 1
    series = bar.findall(f"{CHART}ser")
    assert len(series) == len(STATUS_ORDER)
    for column, (ser, status) in zip("CDEFG", zip(series, STATUS_ORDER, strict=True), strict=True):
        assert ser.find(f"{CHART}tx/{CHART}strRef/{CHART}f").text == f"{sheet}!{column}1"  # type: ignore[union-attr]
        values = ser.find(f"{CHART}val/{CHART}numRef/{CHART}f").text  # type: ignore[union-attr]
        assert values == f"{sheet}!${column}$2:${column}${last}"
        categories = ser.find(f"{CHART}cat/{CHART}strRef/{CHART}f").text  # type: ignore[union-attr]
        assert categories == f"{sheet}!$A$2:$A${last}"
        colour = ser.find(f"{CHART}spPr/{DRAWING}solidFill/{DRAWING}srgbClr").get("val")  # type: ignore[union-attr]
        assert f"#{colour}".lower() == STATUS_STYLE[status].colour


def test_an_empty_report_gives_a_workbook_without_a_chart():
    content = report_xlsx(
        sample_report(periods=[], realised=0, planned=0, attention_points=[], trend=[])
    )
    book = load_workbook(io.BytesIO(content))
    assert rows(book[dutch("Status per period")])[1][:2] == (dutch("Total"), 0)
    assert rows(book[dutch("Realised")]) == [rows(book[dutch("Realised")])[0]]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/charts/")]


def test_a_real_report_has_the_selectors_figures(world):
    report = real_report(world)
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    table = rows(book[dutch("Status per period")])
    for row, period in zip(table[1:], report.periods, strict=False):
        assert (row[0], row[1]) == (period.name, period.total)
        assert list(row[2:7]) == [period.counts[s.value] for s in STATUS_ORDER]
    assert [row[0] for row in rows(book[dutch("Realised")])[1:]] == ["B1"]
    assert [row[0] for row in rows(book[dutch("Planned")])[1:]] == [
        item.code for item in report.planned
    ]


@pytest.mark.slow
def test_libreoffice_opens_the_workbook_and_prints_it(content, tmp_path):
    """Slow (a few seconds): LibreOffice headless with a throwaway profile."""
    source = tmp_path / "monitor.xlsx"
    source.write_bytes(content)
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = tmp_path / "monitor.pdf"
    assert printed.exists() and printed.stat().st_size > 0
    text = subprocess.run(
        ["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Wat doen we al goed?" in text
    assert "Onderzoeken deelname aan Green deal Circulair inkopen" in text
    assert "20-09-2017" in text  # a real date, shown in the cell's format
