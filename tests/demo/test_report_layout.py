"""The demo's reports laid out as their PDF (tests/monitoring/pdf_layout), as a new user
downloads them, in both versions (the council's and the full one): Helmond's first
monitor (12 July 2017: no earlier one, so "geen (plan vastgesteld op 1 april 2017)"), the
monitor of 20 September 2017 and the draft of 22 November 2017. None has text printed
over text or off the page, a status table split over two pages, a box before "Totaal", a
change over more than three lines, or a date the report writes broken over two lines;
the council version of 20 September 2017 is two A4 pages (issue 13)."""

import io
from datetime import date

import pypdf
import pytest
from django.test import Client

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.selectors import monitor_report
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from tests.monitoring.pdf_layout import Layout, text_beyond_the_page

pytestmark = pytest.mark.django_db

#: Elements whose dates the report writes (headings, captions, key figures, table
#: headings, notes; the demo's summaries, also paragraphs, hold no date). A user's own
#: text in a list (an action's result) may break a date where it breaks.
WRITTEN = ("h1", "h2", "h3", "caption", "dt", "dd", "th", "p")


DAYS = [date(2017, 7, 12), date(2017, 9, 20), date(2017, 11, 22)]


def report_of(day: date, variant: str = "full"):
    monitor = Monitor.objects.get(plan__slug="helmond-mvi", date=day)
    report, _edition = monitor_report(monitor=monitor, variant=variant)
    return report


@pytest.mark.parametrize("variant", ["council", "full"])
@pytest.mark.parametrize("day", DAYS)
def test_the_demos_reports_are_laid_out_without_the_faults_of_issue_13(demo, day, variant):
    report = report_of(day, variant)
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


def test_the_council_version_of_20_september_2017_is_two_a4_pages_with_every_section(demo):
    layout = Layout(report_of(date(2017, 9, 20), "council"))
    assert len(layout.pages) == 2
    headings = [" ".join(lines) for lines in layout.lines_of("h2")]
    assert headings == [
        "Samenvatting",
        "Aantal acties per status per periode",
        "Aandachtspunten",
        "Communicatiemomenten",
        "Geplande acties (komende twee maanden)",
        "Gerealiseerde acties (t.o.v. 12 juli 2017)",
        "Volgende monitor 22 november 2017",
        "Aantal acties per status",
    ]
    assert layout.table_pages("status-table") == [2]


@pytest.mark.parametrize(("variant", "pages"), [("council", 2), ("full", 5)])
def test_the_finalised_pdfs_a_user_downloads_have_as_many_pages(demo, variant, pages):
    """The PDFs stored when the demo's monitor of 20 September 2017 was finalised."""
    coordinator = Membership.objects.filter(
        organisation__slug="helmond", role=Role.COORDINATOR
    ).first()
    client = Client()
    client.force_login(coordinator.user)
    url = f"/o/helmond/plans/helmond-mvi/monitors/2017-09-20/download/pdf/?variant={variant}"
    response = client.get(url)
    assert response.status_code == 200
    assert len(pypdf.PdfReader(io.BytesIO(response.content)).pages) == pages
