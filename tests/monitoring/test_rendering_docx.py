"""The Word document of a report, read back as its readers do: python-docx for its
structure (Title and Heading styles, Word tables with a repeating header row, the charts
as inline pictures with their text alternative, the page header and footer, the
document's properties) and LibreOffice headless for its text, in the order of the
report's sections."""

import base64
import dataclasses

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from docx.table import Table

from mvimonitor.monitoring.rendering.chart import status_chart_description
from mvimonitor.monitoring.rendering.docx import report_docx
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.variants import COUNCIL_DEFAULT, variant_report
from mvimonitor.plans.workflow import STATUS_ORDER
from tests.monitoring.docx_reading import (
    W,
    blocks,
    has_picture,
    header_texts,
    headings,
    level_one,
    libreoffice_text,
    opened,
    pictures,
    repeats_its_header_row,
    table_rows,
    texts,
    xml_parts,
)
from tests.monitoring.rendering_samples import (
    FORMULA_TITLE,
    MARKUP_TITLE,
    figures,
    real_report,
    sample_report,
)
from tests.organisations.images import image_bytes


def dutch(message: str, **values: object) -> str:
    with translation.override("nl"):
        text = gettext(message)
    return text % values if values else text


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report(realised=5, planned=6)


@pytest.fixture(scope="module")
def content(report) -> bytes:
    return report_docx(report)


@pytest.fixture(scope="module")
def document(content):
    return opened(content)


def seed_headings() -> list[str]:
    """The level-1 headings of the sample report (a final monitor of 20 September 2017
    after that of 12 July, without a round or tenders), in report order."""
    with translation.override("nl"):
        return [
            gettext("Summary"),
            gettext("Number of actions per status per period"),
            gettext("Progress over the monitors"),
            gettext("Realised actions (compared with %(date)s)") % {"date": "12 juli 2017"},
            ngettext(
                "Planned actions (coming month)", "Planned actions (coming %(months)s months)", 2
            )
            % {"months": "twee"},
            gettext("Late actions"),  # a report made by hand: without its data
            gettext("Tenders and targets"),
            gettext("Attention points"),
            gettext("Communication moments"),
            gettext("Next monitor %(date)s") % {"date": "22 november 2017"},
        ]


TITLE = "MVI-actieplan 2017-2020: monitor van 20 september 2017"
#: On the first page the date does not break over two lines.
SHOWN_TITLE = TITLE.replace("20 september 2017", "20\xa0september\xa02017")


def test_the_title_names_plan_and_date_as_the_seed_does(document):
    assert headings(document)[0] == ("Title", SHOWN_TITLE)
    assert document.core_properties.title == f"{TITLE} (volledige versie)"


def test_a_long_plan_name_is_cut_in_the_properties_and_whole_on_the_page():
    name = ("Actieplan duurzaam inkopen " * 8)[:200]  # as long as a plan's name may be
    document = opened(report_docx(sample_report(plan=name, status="draft")))

    title = document.core_properties.title
    assert len(title) == 255 and title.startswith(name[:40]) and title[-1] == "…"
    assert headings(document)[0][1].startswith(f"{name}: monitor van")


def test_the_variant_is_named_above_the_title(document):
    assert [p.text for p in document.paragraphs[:2]] == [
        "Gemeente Helmond · Volledige versie",
        SHOWN_TITLE,
    ]


def council(report: Report, **commentary: str) -> Report:
    return variant_report(
        report, variant="council", section_ids=COUNCIL_DEFAULT, commentary=commentary
    )


def test_the_council_version_has_the_seeds_sections_in_the_seeds_order(report):
    document = opened(report_docx(council(report)))

    assert level_one(document) == [
        dutch("Summary"),
        dutch("Number of actions per status per period"),
        dutch("Attention points"),
        dutch("Communication moments"),
        "Geplande acties (komende twee maanden)",
        "Gerealiseerde acties (t.o.v. 12 juli 2017)",
        dutch("Late actions"),
        "Volgende monitor 22 november 2017",
        dutch("Number of actions per status"),  # the table, last, as in the seed
    ]
    assert document.paragraphs[0].text == "Gemeente Helmond · Raadsversie"
    assert document.core_properties.title == f"{TITLE} (raadsversie)"


def test_the_commentary_stands_under_its_section(report):
    document = opened(report_docx(council(report, attention_points="Twee risico's.\n\nEén vraag.")))
    found = [p.text for p in document.paragraphs]

    start = found.index(dutch("Commentary"))
    assert found[start + 1 : start + 3] == ["Twee risico's.", "Eén vraag."]
    points = found.index(dutch("Attention points"))
    assert points < start < found.index(dutch("Communication moments"))
    assert found.count(dutch("Commentary")) == 1


def test_the_document_is_dutch_a4_by_the_organisation(document, content):
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.author == "Gemeente Helmond"
    styles = xml_parts(content)["word/styles.xml"]
    assert '<w:lang w:val="nl-NL"' in styles  # the language of every run: spelling, speech
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_every_section_has_a_heading_1_in_report_order(document):
    assert level_one(document) == seed_headings()


def test_communication_has_heading_2_subsections(document):
    found = headings(document)
    start = found.index(("Heading 1", dutch("Communication moments")))
    assert found[start + 1 : start + 3] == [
        ("Heading 2", dutch("Realised (since %(date)s)", date="12 juli 2017")),
        ("Heading 2", dutch("Planning")),
    ]


def test_the_status_table_is_a_word_table_with_a_repeating_header_row(document, report):
    (table,) = [block for block in blocks(document) if isinstance(block, Table)]
    rows = table_rows(table)
    with translation.override("nl"):
        labels = [str(s.label).capitalize() for s in STATUS_ORDER]
    assert rows[0][:7] == [dutch("Period"), dutch("Total"), *labels]
    assert rows[0][7] == dutch("Change since %(date)s", date="12 juli 2017")
    assert rows[1][:3] == ["☑ Wat doen we al goed?", "54", "54"]
    assert rows[2][0] == "☐ Aan de slag in 2017"
    assert rows[2][7] == "voltooid +2, lopend \N{MINUS SIGN}2"
    assert rows[-1][:7] == [dutch("Total"), "124", "61", "32", "30", "1", "0"]
    assert repeats_its_header_row(table)


def test_a_table_that_fits_on_a_page_is_kept_on_one_with_its_caption(document):
    (table,) = document.tables
    rows = [
        [cell.paragraphs[0].paragraph_format.keep_with_next for cell in r.cells] for r in table.rows
    ]

    assert all(all(row) for row in rows[:-1]) and not any(rows[-1])
    caption = next(p for p in document.paragraphs if p.style.name == "Caption")
    assert caption.style.paragraph_format.keep_with_next


def test_the_status_table_follows_the_chart_without_a_heading_of_its_own(document):
    found = blocks(document)
    chart = next(i for i, block in enumerate(found) if has_picture(block))
    caption, table = found[chart + 1 : chart + 3]
    assert caption.style.name == "Caption" and isinstance(table, Table)
    assert dutch("Number of actions per status") not in level_one(document)


def test_the_charts_are_pictures_described_by_every_figure(document, report):
    status, trend = pictures(document)
    assert status.title == dutch("Number of actions per status per period")
    with translation.override("nl"):
        assert status.description == status_chart_description(report)
    assert "Wat doen we al goed?: 54 voltooid" in status.description
    assert trend.title == dutch("Completed actions per monitor")
    assert "12-07-2017" in trend.description or "12 juli 2017" in trend.description


def test_the_lists_have_codes_results_and_the_new_mark(document):
    paragraphs = [p for p in document.paragraphs if p.style.name in ("List Number", "List Bullet")]
    numbered = [p.text for p in paragraphs if p.style.name == "List Number"]
    assert numbered[0] == (
        "A001 Onderzoeken deelname aan Green deal Circulair inkopen » "
        f"{dutch('result')}: in 2017 (nog) niet deelnemen"
    )
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert any(
        text.startswith(f"A003 {dutch('New action')}: Deelname aan opleiding circulair")
        for text in bullets
    )


def test_user_text_stays_text_and_no_field_or_link_is_made_of_it(document, content):
    found = texts(document)
    assert any(FORMULA_TITLE in text for text in found)
    assert any(MARKUP_TITLE in text for text in found)
    assert any("+Onterecht negatieve publiciteit (houtlobby)" in text for text in found)
    parts = xml_parts(content)
    body = parts["word/document.xml"]
    assert "instrText" not in body and "fldSimple" not in body and "hyperlink" not in body
    footers = "".join(xml for name, xml in parts.items() if "footer" in name)
    assert footers.count("<w:fldSimple") == 2  # the page number and the number of pages


def test_every_page_names_organisation_plan_and_date_and_counts_pages(document, content):
    assert "Gemeente Helmond · MVI-actieplan 2017-2020\tMonitor van 20 september 2017" in (
        header_texts(document)
    )
    footer = document.sections[0].footer._element
    fields = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert document.sections[0].footer.paragraphs[0].text.startswith("pagina ")


def test_a_final_monitors_document_says_nothing_of_a_draft(document, content):
    everything = "".join(xml_parts(content).values())
    assert dutch("DRAFT") not in everything
    assert dutch("DRAFT") == "CONCEPT"


def test_a_drafts_document_says_concept_on_every_page_and_in_its_title():
    draft = report_docx(sample_report(status="draft"))
    document = opened(draft)

    assert header_texts(document)[0] == "CONCEPT"
    assert document.core_properties.title.endswith("(CONCEPT)")
    notice = "Concept: de cijfers zijn die van 20 september 2017, zoals ze vandaag zijn"
    assert any(text.startswith(notice) for text in texts(document))


def test_the_logo_is_a_described_picture_above_the_title():
    logo = "data:image/png;base64," + base64.b64encode(image_bytes("PNG")).decode()
    document = opened(report_docx(sample_report(), logo=logo))

    first = pictures(document)[0]
    assert (first.title, first.description) == ("Logo Gemeente Helmond",) * 2
    assert len(pictures(document)) == 3  # the logo, the status chart and the trend


def test_without_a_logo_the_charts_are_the_only_pictures(document):
    assert len(pictures(document)) == 2


def test_a_plan_without_periods_says_so_in_the_charts_text_alternative():
    document = opened(report_docx(sample_report(periods=[])))
    assert pictures(document)[0].description == dutch("The plan has no periods yet.")


def test_the_status_table_elsewhere_than_under_the_chart_has_its_own_heading(report):
    # A variant may put the table last, as the seed does: it then says what it is.
    parts = report.parts()
    table = next(p for p in parts if p.id == "status_table")
    reordered = [p for p in parts if p.id != "status_table"] + [table]

    class Reordered(Report):
        def parts(self):
            return reordered

    moved = Reordered(**{f.name: getattr(report, f.name) for f in dataclasses.fields(report)})
    found = level_one(opened(report_docx(moved)))

    assert found[-1] == dutch("Number of actions per status")


@pytest.mark.slow
def test_libreoffice_reads_the_sections_in_report_order(world, tmp_path):
    """Slow (a few seconds): LibreOffice headless with a throwaway profile."""
    report = real_report(world)
    content = report_docx(report)
    expected = level_one(opened(content))

    text = libreoffice_text(content, tmp_path)

    lines = [line.strip() for line in text.splitlines()]
    positions = [lines.index(heading) for heading in expected]
    assert positions == sorted(positions)
    assert (expected[0], expected[-1]) == (dutch("Summary"), "Volgende monitor 22 november 2017")
    assert "B1 Gunning aanbesteding Stop en Go » resultaat: contract getekend" in text
    assert "Regionale netwerkbijeenkomst MVI" in text
    assert "Concept: de cijfers zijn die van 20 september 2017" in text  # a live draft


def test_the_share_completed_is_a_whole_percentage_rounded_half_up():
    from mvimonitor.monitoring.rendering.tables import completed_share

    one_of_eight = sample_report(periods=[figures(1, "Periode", completed=1, running=7)])

    assert completed_share(one_of_eight) == 13  # 12.5 rounds up, not to the even 12
    assert any(text.endswith("1 (13%)") for text in texts(opened(report_docx(one_of_eight))))
