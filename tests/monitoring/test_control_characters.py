"""Control characters in a report's stored text (typed before the forms refused them,
or imported from an old file) are dropped from the PDF, the Excel file and the Word
document, which cannot carry them; the rest of the text is as it was. Read back by
pdftotext, openpyxl and python-docx."""

import io
import re
import subprocess

import pytest
from openpyxl import load_workbook

from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans.models import Action
from tests.hostile import every_control_character, without_control
from tests.monitoring.docx_reading import header_texts, opened, pictures, texts
from tests.monitoring.rendering_samples import D, real_report

EVERY_CONTROL = every_control_character()
# What a text extracted from a PDF may hold besides text: line feeds and form feeds
# (pdftotext ends each page with one).
NOT_TEXT = re.compile("[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f\ufffe\uffff]")


def fill(world, text: str) -> None:
    """`text` in every text of the plan that the report shows."""
    plan = world.plan
    plan.name = text
    plan.save()
    world.helmond.name = text
    world.helmond.save()
    Monitor.objects.filter(plan=plan, date=D).update(summary=text)
    Action.objects.filter(plan=plan).update(title=text, result=text)
    AttentionPoint.objects.filter(plan=plan).update(text=text)
    CommunicationMoment.objects.filter(plan=plan).update(text=text, channel=text)


@pytest.fixture
def files(world, tmp_path):
    """The report's PDF text and workbook, with the texts free of control characters
    ("clean") and holding every one of them ("control")."""
    real_report(world)
    monitor = Monitor.objects.get(plan=world.plan, date=D)

    def render(text: str) -> dict[str, object]:
        fill(world, text)
        report = report_for_date(plan=world.plan, on=D, monitor=monitor)
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(report_file(report=report, fmt="pdf", organisation=world.helmond))
        extracted = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        xlsx = report_file(report=report, fmt="xlsx", organisation=world.helmond)
        docx = report_file(report=report, fmt="docx", organisation=world.helmond)
        return {"pdf": extracted, "xlsx": xlsx, "docx": docx}

    return {"clean": render(without_control(EVERY_CONTROL)), "control": render(EVERY_CONTROL)}


def cells(xlsx: bytes) -> list[list[tuple]]:
    book = load_workbook(io.BytesIO(xlsx))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def test_the_pdf_holds_no_control_character_and_the_rest_of_the_text(files):
    text = files["control"]["pdf"]

    assert NOT_TEXT.findall(text) == []
    assert text == files["clean"]["pdf"]
    assert "Alle tekens" in re.sub(r"\s+", " ", text)


def test_the_workbook_opens_and_holds_the_rest_of_the_text(files):
    assert cells(files["control"]["xlsx"]) == cells(files["clean"]["xlsx"])


def word_texts(content: bytes) -> list[str]:
    """What a reader of the document sees: its properties, its page header and every
    paragraph and cell, and the charts' text alternatives."""
    document = opened(content)
    properties = document.core_properties
    alternatives = [p.description for p in pictures(document)]
    headers = header_texts(document)
    return [properties.title, properties.author, *headers, *texts(document), *alternatives]


def test_the_word_document_opens_and_holds_the_rest_of_the_text(files):
    shown = word_texts(files["control"]["docx"])

    assert shown == word_texts(files["clean"]["docx"])
    assert [
        text for text in shown if NOT_TEXT.search(text.replace("\n", "").replace("\t", ""))
    ] == []
    assert "Alle  tekens" in shown  # the summary, its characters gone
