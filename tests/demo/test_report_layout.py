"""The demo's reports laid out as their PDF (tests/monitoring/pdf_layout), as a new user
downloads them: Helmond's first monitor (12 July 2017: no earlier one, so "geen (plan
vastgesteld op 1 april 2017)"), the monitor of 20 September 2017 and the draft of 22
November 2017. None has text printed over text or off the page, a status table split
over two pages, a box before "Totaal", a change over more than three lines, or a date the
report writes broken over two lines (issue 13)."""

from datetime import date

import pytest

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.selectors import monitor_report
from tests.monitoring.pdf_layout import Layout, text_beyond_the_page

pytestmark = pytest.mark.django_db

#: Elements whose dates the report writes (headings, captions, key figures, table
#: headings, notes; the demo's summaries, also paragraphs, hold no date). A user's own
#: text in a list (an action's result) may break a date where it breaks.
WRITTEN = ("h1", "h2", "h3", "caption", "dt", "dd", "th", "p")


def report_of(day: date):
    monitor = Monitor.objects.get(plan__slug="helmond-mvi", date=day)
    report, _edition = monitor_report(monitor=monitor)
    return report


@pytest.mark.parametrize("day", [date(2017, 7, 12), date(2017, 9, 20), date(2017, 11, 22)])
def test_the_demos_reports_are_laid_out_without_the_faults_of_issue_13(demo, day):
    report = report_of(day)
    layout = Layout(report)

    assert layout.overlapping_texts() == []
    assert text_beyond_the_page(report) == []
    assert len(layout.table_pages("status-table")) == 1
    heads = layout.row_heads("status-table")
    assert heads[-1] == "Totaal" and all(h[0] in "☑☐" for h in heads[:-1])
    assert max(lines for _text, lines in layout.lines_per_cell("change")) <= 3
    assert layout.broken_dates(WRITTEN) == []


def test_the_first_monitor_says_there_was_none_before_it_inside_its_own_half(demo):
    layout = Layout(report_of(date(2017, 7, 12)))
    values = [" ".join(lines) for lines in layout.lines_of("dd")]
    assert "geen (plan vastgesteld op 1 april 2017)" in values
    (title,) = layout.lines_of("h1")
    assert title == ["MVI-actieplan 2017-2020: monitor van", "12 juli 2017"]
