"""The SVG charts: well-formed, described in words, one segment per non-zero figure in
the colours and order of plans.workflow, links when asked, escaped, no inline styles,
and readable text."""

import dataclasses
import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date

from django.utils import translation

from mvimonitor.monitoring.rendering.chart import (
    BAR_ROOM,
    CHAR,
    status_chart_svg,
    trend_chart_svg,
)
from mvimonitor.monitoring.rendering.context import own_trend
from mvimonitor.monitoring.report import TrendPoint
from mvimonitor.plans.workflow import STATUS_ORDER, STATUS_STYLE, Status
from mvimonitor.utils.svg import NARROW_WIDTH, WIDTH
from tests.monitoring.rendering_samples import MARKUP_TITLE, figures, real_report, sample_report

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 -- our own output


def segments(root: ET.Element) -> list[ET.Element]:
    return [
        rect
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "status-chart__period"
        for rect in group.iter(f"{SVG}rect")
    ]


def link_for(period_id: int, status: str) -> str:
    return f"/o/helmond/plans/helmond-mvi/cijfers/?period={period_id}&status={status}"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_status_chart_is_an_image_with_a_title_and_every_figure_in_its_description():
    with translation.override("nl"):
        root = parse(status_chart_svg(sample_report()))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "status-chart-title"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "status-chart-title" and title.text
    assert desc is not None and desc.text
    assert "Wat doen we al goed?: 54 voltooid;" in desc.text
    assert "Aan de slag in 2017: 7 voltooid, 20 lopend;" in desc.text
    assert "Actie doorlopend: 12 lopend, 5 niet gestart, 1 uitgesteld;" in desc.text


def test_there_is_one_segment_per_non_zero_count_in_the_status_colours_and_order():
    report = sample_report()
    root = parse(status_chart_svg(report))
    expected = [
        STATUS_STYLE[status].colour
        for period in report.periods
        for status in STATUS_ORDER
        if period.counts[status.value]
    ]
    assert [rect.get("fill") for rect in segments(root)] == expected
    assert len(expected) == 1 + 2 + 1 + 3  # the empty period has no segment


def test_the_longest_bar_fills_the_width_and_the_others_are_in_proportion():
    root = parse(status_chart_svg(sample_report()))
    widths = [float(rect.get("width", 0)) for rect in segments(root)]
    assert widths[0] == WIDTH - BAR_ROOM  # 54 completed, the largest period
    assert sum(widths[1:3]) == (WIDTH - BAR_ROOM) * 27 / 54  # 7 + 20 of the second period


def test_segments_of_a_bar_follow_each_other_left_to_right():
    root = parse(status_chart_svg(sample_report()))
    second = segments(root)[1:3]
    x, width = float(second[0].get("x", 0)), float(second[0].get("width", 0))
    assert float(second[1].get("x", 0)) == x + width


def test_with_a_link_every_segment_links_to_its_actions_with_a_name():
    report = sample_report()
    with translation.override("nl"):
        root = parse(status_chart_svg(report, link=link_for))
    links = list(root.iter(f"{SVG}a"))
    expected = [
        link_for(p.period_id, s.value)
        for p in report.periods
        for s in STATUS_ORDER
        if p.counts[s.value]
    ]
    assert [a.get("href") for a in links] == expected
    assert all(len(a.findall(f"{SVG}rect")) == 1 for a in links)
    assert links[0].get("aria-label", "").startswith("Wat doen we al goed?: 54 voltooid")
    # A chart with links is a group: role="img" would hide the links from screen readers.
    assert root.get("role") == "group"


def test_without_a_link_there_are_no_links():
    assert "<a " not in status_chart_svg(sample_report())


def test_text_typed_by_users_stays_text():
    report = sample_report(periods=[figures(1, MARKUP_TITLE, completed=3)])
    svg = status_chart_svg(report, link=lambda p, s: f'/x?a=1&b="{p}"')
    root = parse(svg)  # well-formed despite <, & and "
    assert "<script" not in svg
    assert root.find(f"{SVG}desc").text.startswith(MARKUP_TITLE)  # type: ignore[union-attr]
    assert next(root.iter(f"{SVG}a")).get("href") == '/x?a=1&b="1"'


def test_a_very_long_period_name_is_shortened_in_the_picture_but_whole_in_the_description():
    name = "Een periode met een bijzonder lange naam " * 4
    root = parse(status_chart_svg(sample_report(periods=[figures(1, name, running=2)])))
    label = next(t for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("Een"))
    assert label.text.endswith("…") and len(label.text) < len(name)
    assert name.strip() in root.find(f"{SVG}desc").text  # type: ignore[union-attr]


def test_the_charts_have_no_style_attributes_or_scripts_for_the_content_security_policy():
    report = sample_report()
    for svg in (
        status_chart_svg(report, link=link_for),
        trend_chart_svg(own_trend(report)),
    ):
        assert not re.search(r"\sstyle=", svg)
        assert "<script" not in svg and "<style" not in svg


def test_all_text_has_a_contrast_of_at_least_4_5_to_1_on_its_background():
    report = sample_report()
    for svg in (status_chart_svg(report), trend_chart_svg(own_trend(report))):
        root = parse(svg)
        for group in root.iter(f"{SVG}g"):
            background = "#ffffff"
            for element in group:
                if element.tag == f"{SVG}rect":
                    background = element.get("fill", "")
                elif element.tag == f"{SVG}text" and element.get("fill") == "#ffffff":
                    # a count inside its segment
                    assert contrast("#ffffff", background) >= 4.5
                elif element.tag == f"{SVG}text":
                    assert contrast(element.get("fill", ""), "#ffffff") >= 4.5


def test_every_status_colour_carries_white_text_at_4_5_to_1():
    for status in Status:
        assert contrast(STATUS_STYLE[status].colour, "#ffffff") >= 4.5


def test_an_empty_plan_gives_a_chart_that_says_so():
    with translation.override("en"):
        root = parse(status_chart_svg(sample_report(periods=[])))
    assert root.find(f"{SVG}desc").text == "The plan has no periods yet."  # type: ignore[union-attr]
    assert segments(root) == []


def test_the_trend_chart_has_a_point_per_monitor_and_describes_each():
    points = [
        TrendPoint(date(2017, 7, 12), 59, 121),
        TrendPoint(date(2017, 9, 20), 61, 124),
        TrendPoint(date(2017, 11, 22), 70, 124),
    ]
    with translation.override("nl"):
        root = parse(trend_chart_svg(points))
    assert root.get("role") == "img"
    assert len(list(root.iter(f"{SVG}circle"))) == 2 * len(points)  # completed and total
    desc = root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert "12 juli 2017: 59" in desc and "22 november 2017: 70" in desc
    polylines = list(root.iter(f"{SVG}polyline"))
    assert {p.get("stroke") for p in polylines} == {
        STATUS_STYLE[Status.COMPLETED].colour,
        STATUS_STYLE[Status.NOT_STARTED].colour,
    }


def test_in_the_trend_more_completed_actions_are_drawn_higher():
    points = [TrendPoint(date(2017, 7, 12), 10, 100), TrendPoint(date(2017, 9, 20), 80, 100)]
    root = parse(trend_chart_svg(points))
    completed = [
        c
        for c in root.iter(f"{SVG}circle")
        if c.get("fill") == STATUS_STYLE[Status.COMPLETED].colour
    ]
    assert float(completed[1].get("cy", 0)) < float(completed[0].get("cy", 0))


def test_a_trend_of_one_monitor_and_of_none_still_render():
    one = parse(trend_chart_svg([TrendPoint(date(2017, 9, 20), 0, 0)]))
    assert len(list(one.iter(f"{SVG}circle"))) == 2
    assert parse(trend_chart_svg([])).find(f"{SVG}desc") is not None


def test_two_charts_on_one_page_have_distinct_ids():
    report = sample_report()
    first = parse(status_chart_svg(report))
    second = parse(status_chart_svg(report, id_prefix="other-chart"))
    trend = parse(trend_chart_svg(own_trend(report)))
    ids = [e.get("id") for root in (first, second, trend) for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 6


def test_the_chart_of_a_real_report_counts_what_the_selector_counted(world):
    report = real_report(world)
    root = parse(status_chart_svg(report))
    labels = [t.text for g in root.iter(f"{SVG}g") for t in g.iter(f"{SVG}text")]
    for period in report.periods:
        assert period.name in labels
        assert str(period.total) in labels
    assert len(segments(root)) == sum(
        1 for p in report.periods for count in p.counts.values() if count
    )


def test_a_report_frozen_and_thawed_draws_the_same_chart():
    report = sample_report()
    thawed = type(report).from_storage(report.to_storage())
    assert status_chart_svg(thawed) == status_chart_svg(report)
    assert dataclasses.asdict(thawed) == dataclasses.asdict(report)


def text_extents(root: ET.Element) -> list[tuple[float, float, str]]:
    """Where each text starts and ends, estimated from its anchor and an average
    character width at 13 px."""
    extents = []
    for text in root.iter(f"{SVG}text"):
        x, length = float(text.get("x", 0)), len(text.text or "") * CHAR
        start = {"middle": x - length / 2, "end": x - length}.get(text.get("text-anchor", ""), x)
        extents.append((start, start + length, text.text or ""))
    return extents


def test_the_narrow_status_chart_is_drawn_for_a_phone_with_its_text_inside_the_picture():
    name = "Een periode met een bijzonder lange naam " * 2
    report = sample_report(periods=[*sample_report().periods, figures(9, name, running=2)])
    root = parse(status_chart_svg(report, id_prefix="narrow", width=NARROW_WIDTH))
    assert root.get("width") == str(NARROW_WIDTH) and "chart--narrow" in root.get("class", "")
    assert root.get("viewBox", "").startswith(f"0 0 {NARROW_WIDTH} ")
    for start, end, text in text_extents(root):
        assert start >= 0 and end <= NARROW_WIDTH + 1, text
    widths = [float(rect.get("width", 0)) for rect in segments(root)]
    assert widths[0] == NARROW_WIDTH - BAR_ROOM  # the longest bar fills the narrow width
    # The same figures as the wide chart, in the same words.
    wide = parse(status_chart_svg(report))
    assert root.find(f"{SVG}desc").text == wide.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert "chart--narrow" not in wide.get("class", "")


def test_the_narrow_trend_chart_names_fewer_dates_so_they_do_not_overlap():
    points = [TrendPoint(date(2017, 1 + month, 1), month, 20) for month in range(10)]
    with translation.override("nl"):
        wide = parse(trend_chart_svg(points))
        narrow = parse(trend_chart_svg(points, id_prefix="narrow", width=NARROW_WIDTH))

    def dates(root: ET.Element) -> list[tuple[float, float, str]]:
        return [e for e in text_extents(root) if "-" in e[2]]

    assert len(dates(narrow)) < len(dates(wide))
    ordered = sorted(dates(narrow))
    for (_, end, _), (start, _, _) in itertools.pairwise(ordered):
        assert end <= start  # no two date labels overlap
    for start, end, text in text_extents(narrow):
        assert start >= 0 and end <= NARROW_WIDTH + 1, text
