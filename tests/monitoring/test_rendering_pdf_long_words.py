"""A word longer than its line or column wraps in the PDF instead of running off the
page or out of its cell (issue 12, item 3): nothing of it is lost. Checked in
WeasyPrint's layout and in the text pdftotext reads from the file (which stops at the
paper's edge)."""

import dataclasses
import re
import subprocess

from mvimonitor.monitoring.rendering.pdf import report_pdf
from tests.monitoring.pdf_layout import text_beyond_its_cell, text_beyond_the_page
from tests.monitoring.rendering_samples import SEED_PERIODS, action, figures, sample_report

#: 300 characters without a place to break: the longest action title.
WORD = "Maatschappelijkverantwoordinkopen" * 9 + "MVI"


def long_word_report():
    base = sample_report(
        summary=f"Samenvatting {WORD} einde.",
        periods=[figures(10, WORD[:200], completed=1), *SEED_PERIODS],
    )
    long = action(9, "completed", title=WORD, result=WORD)
    return dataclasses.replace(base, realised=[long, *base.realised])


def test_a_long_word_in_a_title_result_and_the_summary_stays_on_the_page():
    assert text_beyond_the_page(long_word_report()) == []


def test_a_long_word_in_a_period_name_stays_in_its_table_cell():
    assert text_beyond_its_cell(long_word_report()) == []


def test_no_letter_of_a_long_word_is_lost_from_the_pdf(tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(report_pdf(long_word_report()))
    text = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    letters = re.sub(r"\s+", "", text)
    assert letters.count(WORD) == 3  # the summary, the title and the result
    assert WORD[:200] in letters  # the period
