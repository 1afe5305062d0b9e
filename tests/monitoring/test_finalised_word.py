"""A finalised monitor is "vastgesteld" in every Dutch output, as the glossary says: the
word the pages use, never "definitief" (issue 15: the Excel file said "definitief")."""

import io
import re
from pathlib import Path

from django.utils import translation
from openpyxl import load_workbook

import mvimonitor
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from tests.monitoring.rendering_samples import sample_report

CATALOGUE = Path(mvimonitor.__file__).parent / "locale/nl/LC_MESSAGES/django.po"


def test_the_excel_monitor_sheet_calls_a_finalised_monitor_vastgesteld():
    with translation.override("nl"):
        book = load_workbook(io.BytesIO(report_xlsx(sample_report(status="final"))))
    facts = {label: value for label, value, *_rest in book.active.iter_rows(values_only=True)}
    assert facts["Status"] == "vastgesteld"


def test_the_state_of_a_finalised_monitor_reads_as_the_pages_say_it():
    # Its label is what the monitor list, the calendar feed and the Excel file show.
    with translation.override("nl"):
        assert Monitor(state=Monitor.State.FINAL).get_state_display() == "vastgesteld"
        assert Monitor(state=Monitor.State.DRAFT).get_state_display() == "concept"
    with translation.override("en"):
        assert Monitor(state=Monitor.State.FINAL).get_state_display() == "finalised"


def test_no_dutch_text_calls_anything_definitief():
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', CATALOGUE.read_text(), re.M)
    assert translations
    assert [text for text in translations if re.search("definitie[fv]", text, re.I)] == []
