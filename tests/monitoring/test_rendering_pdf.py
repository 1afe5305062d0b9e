"""The PDF of a report, read as its readers would: the text through pdftotext (figures,
section titles, periods, Dutch dates, header and page numbers), the structure through
pypdf (tagged PDF/UA-1 in Dutch), and WeasyPrint's own page layout for rows that must
never be split over two pages and text that must stay inside its table cell. One long
report is rendered once for the module."""

import dataclasses
import io
import logging
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from django.utils import translation
from django.utils.translation import gettext

from mvimonitor.monitoring.rendering.pdf import (
    css_string,
    page_numbers_css,
    report_pdf,
)
from tests.monitoring.pdf_layout import elements_per_page, text_beyond_its_cell
from tests.monitoring.rendering_samples import (
    FORMULA_TITLE,
    MARKUP_TITLE,
    many_periods,
    real_report,
    sample_report,
)

A4 = (595.28, 841.89)  # points


def dutch(message: str, **values: object) -> str:
    with translation.override("nl"):
        text = gettext(message)
    return text % values if values else text


def pdf_text(pdf: bytes, directory: Path, *, layout: bool = False, page: int | None = None) -> str:
    source = directory / "report.pdf"
    source.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    options = ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *options, *pages, str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def squeezed(text: str) -> str:
    """Text with every run of white space as one space: lines wrap where they wrap."""
    return re.sub(r"\s+", " ", text)


@dataclasses.dataclass
class Rendered:
    pdf: bytes
    text: str
    layout: str
    reader: pypdf.PdfReader
    directory: Path


@pytest.fixture(scope="module")
def long_report():
    return sample_report(realised=40, planned=40)


@pytest.fixture(scope="module")
def rendered(long_report, tmp_path_factory) -> Rendered:
    directory = tmp_path_factory.mktemp("pdf")
    pdf = report_pdf(long_report)
    return Rendered(
        pdf=pdf,
        text=pdf_text(pdf, directory),
        layout=pdf_text(pdf, directory, layout=True),
        reader=pypdf.PdfReader(io.BytesIO(pdf)),
        directory=directory,
    )


def structure_types(node, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for kid in node:
            structure_types(kid, found)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            structure_types(node["/K"], found)
    return found


def figures_alt(node, found: list[str] | None = None) -> list[str]:
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for kid in node:
            figures_alt(kid, found)
    elif isinstance(node, pypdf.generic.DictionaryObject):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        if "/K" in node:
            figures_alt(node["/K"], found)
    return found


# -- the file --------------------------------------------------------------------------


def test_the_pdf_is_a4_tagged_pdf_ua_1_in_dutch(rendered):
    catalog = rendered.reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 -- a pypdf BooleanObject
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()
    for page in rendered.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.5
        )


def test_the_structure_tree_has_headings_tables_lists_and_the_charts_as_figures(rendered):
    tree = rendered.reader.trailer["/Root"]["/StructTreeRoot"]
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Caption", "/L", "/LI", "/Figure"} <= (
        structure_types(tree)
    )
    assert figures_alt(tree) == [
        dutch("Number of actions per status per period"),
        dutch("Completed actions per monitor"),
    ]


def test_the_pdf_title_names_plan_and_monitor(rendered):
    title = rendered.reader.metadata.title
    assert "MVI-actieplan 2017-2020" in title and "20 september 2017" in title


def test_the_charts_are_vector_graphics_not_pictures(rendered):
    assert all(len(page.images) == 0 for page in rendered.reader.pages)
    assert "Wat doen we al goed?" in rendered.reader.pages[0].extract_text()


def test_weasyprint_reports_no_accessibility_error(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        report_pdf(sample_report())
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


# -- what it says ------------------------------------------------------------------------


def test_the_sections_are_those_of_the_seed_with_the_summary_first(rendered, long_report):
    text = squeezed(rendered.text)
    titles = [
        dutch("Summary"),
        dutch("Number of actions per status per period"),
        dutch("Progress over the monitors"),
        dutch("Realised actions (compared with %(date)s)", date="12 juli 2017"),
        "Geplande acties (komende twee maanden)",  # as the seed writes it (issue 15)
        dutch("Attention points"),
        dutch("Communication moments"),
        dutch("Next monitor %(date)s", date="22 november 2017"),
    ]
    position = 0
    for title in titles:  # each after the one before
        position = text.find(title, position)
        assert position >= 0, title


def test_the_table_has_every_periods_total_and_count_per_status(rendered):
    layout = rendered.layout
    # Period, total, then completed, running, not started, postponed, cancelled.
    assert re.search(r"☑ Wat doen we al goed\?\s+54\s+54\s+0\s+0\s+0\s+0\s", layout)
    assert re.search(r"☐ Aan de slag in 2017\s+27\s+7\s+20\s+0\s+0\s+0\s", layout)
    assert re.search(r"☐ Actie doorlopend\s+18\s+0\s+12\s+5\s+1\s+0\s", layout)
    assert re.search(r"☐ Nog zonder acties\s+0\s+0\s+0\s+0\s+0\s+0\s", layout)
    assert re.search(
        rf"^\s*{dutch('Total')}\s+124\s+61\s+32\s+30\s+1\s+0\s", layout, re.M
    )  # no box


def test_the_change_since_the_previous_monitor_is_in_words(rendered):
    text = squeezed(rendered.text)
    assert "voltooid +2, lopend \N{MINUS SIGN}2" in text
    assert dutch("no change") in text


def test_dates_are_written_in_dutch(rendered):
    text = squeezed(rendered.text)
    for day in ("20 september 2017", "12 juli 2017", "22 november 2017", "4 oktober 2017"):
        assert day in text
    assert "25 september 2017" in text  # the attention point's date
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_the_realised_and_planned_actions_are_listed_with_result_status_and_new_mark(
    rendered, long_report
):
    text = squeezed(rendered.text)
    for item in [*long_report.realised, *long_report.planned]:
        assert f"{item.code} " in text
    assert "Onderzoeken deelname aan Green deal Circulair inkopen" in text
    assert "in 2017 (nog) niet deelnemen" in text
    assert (
        f"{dutch('New action')}: Deelname aan opleiding circulair voor aanbesteding groen" in text
    )
    assert text.count(f"{dutch('New action')}:") == 1
    assert "Lopend · start 2 oktober 2017 · " in text


def test_attention_points_and_communication_moments_are_there(rendered, long_report):
    text = squeezed(rendered.text)
    assert "Regionale netwerkbijeenkomst MVI in Helmond" in text
    assert "+Onterecht negatieve publiciteit (houtlobby)" in text
    assert "Artikel actieplan MVI in zomereditie (Helmond inside)" in text
    assert "4 oktober 2017: Persmoment ondertekening Stop en Go" in text
    assert dutch("Planning") in text


def test_user_text_is_printed_as_it_was_typed(rendered):
    text = squeezed(rendered.text)
    assert MARKUP_TITLE in text
    assert FORMULA_TITLE in text


def test_every_page_has_organisation_plan_and_its_number_of_the_total(rendered):
    pages = len(rendered.reader.pages)
    assert pages > 1
    for number in range(1, pages + 1):
        text = squeezed(pdf_text(rendered.pdf, rendered.directory, page=number))
        assert text.startswith(" Gemeente Helmond · MVI-actieplan 2017-2020") or text.startswith(
            "Gemeente Helmond · MVI-actieplan 2017-2020"
        )
        assert dutch("page %(page)s of %(pages)s", page=number, pages=pages) in text


# -- layout ------------------------------------------------------------------------------


def test_a_long_table_runs_over_pages_without_splitting_a_row_and_repeats_its_header():
    report = sample_report(periods=many_periods(60), realised=0, planned=0)
    pages = elements_per_page(report, "tr")
    rows_seen: dict[int, int] = {}
    header_pages = 0
    for number, rows in enumerate(pages):
        for row in set(rows):
            if all(cell.get("scope") == "col" for cell in row):  # the header row
                header_pages += 1
            else:
                assert id(row) not in rows_seen, "a row is on two pages"
                rows_seen[id(row)] = number
    table_pages = set(rows_seen.values())
    assert len(table_pages) > 1
    assert header_pages == len(table_pages)


def test_list_items_are_never_split_over_two_pages():
    report = sample_report(realised=60, planned=60)
    seen: set[int] = set()
    for items in elements_per_page(report, "li"):
        for item in set(items):
            assert id(item) not in seen
            seen.add(id(item))
    assert len(seen) >= 120


def test_no_text_runs_out_of_its_table_cell():
    report = sample_report(realised=3, planned=3)
    assert text_beyond_its_cell(report) == []


# -- edges -------------------------------------------------------------------------------


def test_a_draft_of_an_empty_plan_without_a_previous_monitor_renders_and_says_so(tmp_path):
    from datetime import date

    report = sample_report(
        periods=[],
        realised=0,
        planned=0,
        attention_points=[],
        communication_realised=[],
        communication_planned=[],
        trend=[],
        status="draft",
        previous_monitor_date=None,
        baseline_date=date(2017, 4, 1),
        next_monitor_date=None,
        summary="",
    )
    text = squeezed(pdf_text(report_pdf(report), tmp_path))
    assert dutch("The plan has no periods yet.") in text
    assert (
        dutch("Realised actions (since the plan was adopted on %(date)s)", date="1 april 2017")
        in text
    )
    assert dutch("No action was completed in this time.") in text
    assert dutch("No actions are planned in this time.") in text
    assert dutch("Next monitor: not planned yet") in text
    notice = dutch(
        "Draft: the figures are those of %(date)s as recorded today and can still change "
        "until the monitor is finalised.",
        date="20 september 2017",
    )
    assert notice in text


def test_an_organisation_name_cannot_break_out_of_the_page_header(tmp_path):
    name = 'Gemeente "X"; } @page { size: A3 } /* \\'
    report = sample_report(organisation=name)
    pdf = report_pdf(report)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    assert name in pdf_text(pdf, tmp_path, page=1)


def test_css_strings_escape_everything_but_letters_digits_and_spaces():
    assert css_string('Helmond "Zuid"; }') == '"Helmond \\22 Zuid\\22 \\3b  \\7d "'
    assert css_string("Gemeente Súdwest Fryslân") == '"Gemeente Súdwest Fryslân"'


def test_page_numbers_follow_the_word_order_of_the_translation():
    with translation.override("en"):
        assert page_numbers_css() == '"page " counter(page) " of " counter(pages)'


def test_a_real_report_shows_what_the_selector_computed(world, tmp_path):
    report = real_report(world)
    pdf = report_pdf(report)
    text, layout = squeezed(pdf_text(pdf, tmp_path)), pdf_text(pdf, tmp_path, layout=True)
    for period in report.periods:
        counts = r"\s+".join(
            str(period.counts[s]) for s in ("completed", "running", "not_started", "postponed")
        )
        assert re.search(rf"{re.escape(period.name)}\s+{period.total}\s+{counts}", layout)
    assert [item.code for item in report.realised] == ["B1"]
    assert "B1 Gunning aanbesteding Stop en Go" in text and "contract getekend" in text
    assert f"{dutch('New action')}: Deelname aan opleiding circulair" in text
    assert "Regionale netwerkbijeenkomst MVI" in text
    assert "Persmoment Stop en Go" in text and "Artikel Helmond inside" in text
    assert dutch("Next monitor %(date)s", date="22 november 2017") in text
