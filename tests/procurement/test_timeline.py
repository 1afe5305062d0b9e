"""The pipeline's SVG timeline: valid XML with a title and description, a bar per tender
with both dates in its phase's colour, a diamond for one date, today's line where
today is, and quarter labels on the axis."""

from datetime import date
from decimal import Decimal

import pytest
from defusedxml import ElementTree

from mvimonitor.procurement.phases import PHASE_COLOUR, Phase
from mvimonitor.procurement.rendering.timeline import (
    LEFT,
    NARROW_WIDTH,
    PLOT_WIDTH,
    timeline_range,
    timeline_svg,
)
from mvimonitor.procurement.selectors.pipeline import PipelineTender

NS = "{http://www.w3.org/2000/svg}"
TODAY = date(2017, 12, 1)


pytestmark = pytest.mark.usefixtures("english")


def item(n: int, phase=Phase.PREPARATION, publication=None, start=None, title=None):
    return PipelineTender(
        id=n,
        reference=f"T-{n}",
        title=title or f"Aanbesteding {n}",
        phase=phase,
        department="",
        planned_publication_on=publication,
        planned_start_on=start,
        estimated_value=Decimal(1000),
        themes=(),
    )


TENDERS = [
    item(1, Phase.PUBLICATION, date(2017, 11, 1), date(2018, 3, 1), "Groen"),
    item(2, Phase.PREPARATION, date(2018, 1, 15), date(2018, 7, 1), "Facilitair"),
    item(3, Phase.PREPARATION, None, date(2018, 2, 1), "WMO <Hulpmiddelen>"),
    item(4, Phase.PREPARATION, None, None, "Zwemvoorziening"),
]


def parse(svg) -> ElementTree:
    return ElementTree.fromstring(str(svg))


def test_the_timeline_is_valid_svg_with_a_title_and_a_description():
    root = parse(timeline_svg(TENDERS, today=TODAY))
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert root.find(f"{NS}title").text.startswith("Timeline of the tenders")
    desc = root.find(f"{NS}desc").text
    assert "Today is Dec. 1, 2017." in desc
    assert "T-1 Groen, publication: publication Nov. 1, 2017, contract start March 1, 2018." in desc
    assert "Zwemvoorziening" not in desc  # no dates: listed on the page instead


def test_each_tender_with_both_dates_has_a_bar_in_its_phase_colour():
    root = parse(timeline_svg(TENDERS, today=TODAY))
    bars = root.findall(f".//{NS}rect[@class='timeline__bar']")
    assert [b.get("fill") for b in bars] == [
        PHASE_COLOUR[Phase.PUBLICATION],
        PHASE_COLOUR[Phase.PREPARATION],
    ]
    points = root.findall(f".//{NS}polygon[@class='timeline__point']")
    assert len(points) == 1  # WMO: a planned start only


def test_a_bar_runs_from_publication_to_contract_start():
    first, last = timeline_range(TENDERS, TODAY)
    assert (first, last) == (date(2017, 10, 1), date(2018, 10, 1))
    root = parse(timeline_svg(TENDERS, today=TODAY))
    bar = root.findall(f".//{NS}rect[@class='timeline__bar']")[0]
    days = (last - first).days
    x1 = LEFT + PLOT_WIDTH * (date(2017, 11, 1) - first).days / days
    x2 = LEFT + PLOT_WIDTH * (date(2018, 3, 1) - first).days / days
    assert float(bar.get("x")) == pytest.approx(x1, abs=0.1)
    assert float(bar.get("width")) == pytest.approx(x2 - x1, abs=0.2)


def test_today_is_marked_with_a_line_and_its_date():
    first, last = timeline_range(TENDERS, TODAY)
    root = parse(timeline_svg(TENDERS, today=TODAY))
    [line] = root.findall(f".//{NS}line[@class='timeline__today']")
    expected = LEFT + PLOT_WIDTH * (TODAY - first).days / (last - first).days
    assert float(line.get("x1")) == pytest.approx(expected, abs=0.1)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "today, 12/01/2017" in texts


def test_today_stays_in_view_when_every_tender_lies_ahead():
    later = [item(1, Phase.PREPARATION, date(2019, 5, 1), date(2019, 9, 1))]
    assert timeline_range(later, TODAY) == (date(2017, 10, 1), date(2019, 10, 1))


def test_the_axis_names_the_quarters():
    texts = [t.text for t in parse(timeline_svg(TENDERS, today=TODAY)).iter(f"{NS}text")]
    assert {"Q4 2017", "Q1 2018", "Q2 2018", "Q3 2018"} <= set(texts)


def test_a_row_per_tender_with_dates_and_text_escaped():
    svg = str(timeline_svg(TENDERS, today=TODAY))
    assert "WMO &lt;Hulpmiddelen&gt;" in svg and "<Hulpmiddelen>" not in svg
    labels = [t.text for t in parse(svg).iter(f"{NS}text") if (t.text or "").startswith("T-")]
    assert labels == ["T-1 Groen", "T-2 Facilitair", "T-3 WMO <Hulpmiddelen>"]


def test_the_legend_is_left_to_the_page_where_it_wraps_on_a_phone():
    texts = {t.text for t in parse(timeline_svg(TENDERS, today=TODAY)).iter(f"{NS}text")}
    assert not {str(p.label) for p in Phase} & texts


def test_a_span_of_years_names_the_years_instead_of_crowding_the_quarters():
    # Today lies nine years after the tenders (the demo seen in 2026): "Q1 2018" for
    # each of forty quarters would overlap into an unreadable smear.
    texts = [
        t.text for t in parse(timeline_svg(TENDERS, today=date(2026, 11, 26))).iter(f"{NS}text")
    ]
    assert "2018" in texts and "2026" in texts
    assert not any(text.startswith("Q") for text in texts if text)


def test_the_narrow_timeline_names_rows_by_reference_and_keeps_its_text_inside():
    svg = str(timeline_svg(TENDERS, today=TODAY, id_prefix="narrow", width=NARROW_WIDTH))
    root = parse(svg)
    assert root.get("width") == str(NARROW_WIDTH) and "chart--narrow" in root.get("class")
    assert "timeline" not in root.get("class").split()  # the page's own locators: the wide one
    labels = [t.text for t in root.iter(f"{NS}text") if (t.text or "").startswith("T-")]
    assert labels == ["T-1", "T-2", "T-3"]
    for text in root.iter(f"{NS}text"):
        x, length = float(text.get("x")), len(text.text or "") * 8.4  # 14 px
        start = {"middle": x - length / 2, "end": x - length}.get(text.get("text-anchor"), x)
        assert start >= 0 and start + length <= NARROW_WIDTH + 1, text.text
    bars = [float(r.get("x")) for r in root.iter(f"{NS}rect") if r.get("class") == "timeline__bar"]
    assert bars and min(bars) >= 128  # right of the reference column
    # The whole of every tender is still in the description.
    assert "WMO <Hulpmiddelen>" in root.find(f"{NS}desc").text
