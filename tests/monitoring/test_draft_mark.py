"""A draft monitor's report says "CONCEPT" in every format, so a draft passed on cannot be
taken for the finalised report: on every page of the PDF and of the Word document (their
page headers), at the top of the Excel file's Monitor sheet, in its title and in the
header of every printed sheet, and as a label on the report page and in the standalone
HTML; the JSON says `"status": "draft"`. A final monitor's outputs carry no such mark."""

import io
import re
import subprocess
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from mvimonitor.monitoring import services
from mvimonitor.monitoring.rendering.docx import report_docx
from mvimonitor.monitoring.rendering.html import report_html
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.rendering.pdf import report_pdf
from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from tests.monitoring.docx_reading import header_texts, opened
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.helpers import url
from tests.monitoring.rendering_samples import sample_report

MARK = "CONCEPT"
D = date(2017, 9, 20)


@pytest.fixture(scope="module")
def draft():
    return sample_report(status="draft", realised=40, planned=40)


@pytest.fixture(scope="module")
def final():
    return sample_report(realised=40, planned=40)


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_every_page_of_a_drafts_pdf_says_concept(draft, tmp_path):
    pages = pdf_pages(report_pdf(draft), tmp_path)

    assert len(pages) > 2
    assert [n for n, page in enumerate(pages, start=1) if MARK not in page] == []


def test_no_page_of_a_final_pdf_says_concept(final, tmp_path):
    assert [page for page in pdf_pages(report_pdf(final), tmp_path) if MARK in page] == []


def test_every_page_of_a_drafts_word_document_says_concept_in_its_header(draft, final):
    document = opened(report_docx(draft))
    # One section of the document, so one page header: that of every page.
    assert len(document.sections) == 1
    assert header_texts(document)[0] == MARK
    assert MARK not in "".join(header_texts(opened(report_docx(final))))


def test_a_drafts_workbook_says_concept_on_top_in_its_title_and_on_every_printed_page(draft):
    book = load_workbook(io.BytesIO(report_xlsx(draft)))
    monitor = book.worksheets[0]

    assert monitor["A1"].value == MARK
    assert monitor["B1"].value.startswith("Concept: de cijfers zijn die van 20 september 2017")
    assert monitor["A2"].value == "Organisatie"
    assert book.properties.title.endswith(f"({MARK})")
    assert {sheet.oddHeader.center.text for sheet in book.worksheets} == {MARK}


def test_a_final_workbook_has_no_mark(final):
    book = load_workbook(io.BytesIO(report_xlsx(final)))

    assert book.worksheets[0]["A1"].value == "Organisatie"
    assert MARK not in book.properties.title
    assert {sheet.oddHeader.center.text for sheet in book.worksheets} == {None}


def labels(html: str) -> list[str]:
    return re.findall(r'<strong class="tag tag--draft">([^<]*)</strong>', html)


def test_the_standalone_html_of_a_draft_has_the_label_and_a_final_none(draft, final):
    with translation.override("nl"):
        assert labels(report_html(draft)) == [MARK]
        assert labels(report_html(final)) == []


def test_the_json_says_draft_or_final(draft, final):
    assert (report_json(draft)["status"], report_json(final)["status"]) == ("draft", "final")


@pytest.mark.django_db
def test_the_report_page_labels_a_draft_and_not_once_it_is_finalised(world, login):
    monitor = MonitorFactory(plan=world.plan, date=D)
    client = login(world.coordinator)

    assert labels(client.get(url("detail", day=D)).content.decode()) == ["DRAFT"]
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    assert labels(client.get(url("detail", day=D)).content.decode()) == []
