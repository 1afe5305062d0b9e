"""The narrow variants of the MVI share chart and a target's chart (ADR 0033): as wide as
asked, their text inside the picture, the same description as the wide chart."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from django.utils import translation

from mvimonitor.targets.rendering import target_chart_svg
from mvimonitor.targets.report_data import ThemeShareItem
from mvimonitor.targets.report_rendering import mvi_share_chart_svg
from mvimonitor.targets.selectors import SeriesPoint
from mvimonitor.utils.svg import NARROW_WIDTH, WIDTH

SVG = "{http://www.w3.org/2000/svg}"
CHAR = 7.6  # an average character at 13 px


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 -- our own output


def extents(root: ET.Element) -> list[tuple[float, float, str]]:
    found = []
    for text in root.iter(f"{SVG}text"):
        x, length = float(text.get("x", 0)), len(text.text or "") * CHAR
        start = {"middle": x - length / 2, "end": x - length}.get(text.get("text-anchor", ""), x)
        found.append((start, start + length, text.text or ""))
    return found


SHARES = [
    ThemeShareItem(
        "keten", "Ketenverantwoordelijkheid (ISV) en internationale handel", 12, 40, Decimal("30.0")
    ),
    ThemeShareItem("klimaat", "Klimaat", 40, 40, Decimal("100.0")),
    ThemeShareItem("leeg", "Zonder aanbestedingen", 0, 0, None),
]


def test_the_narrow_share_chart_keeps_its_text_inside_its_width():
    with translation.override("nl"):
        narrow = parse(mvi_share_chart_svg(SHARES, id_prefix="n", width=NARROW_WIDTH))
        wide = parse(mvi_share_chart_svg(SHARES))
    assert narrow.get("width") == str(NARROW_WIDTH) and wide.get("width") == str(WIDTH)
    assert "chart--narrow" in narrow.get("class", "")
    for start, end, text in extents(narrow):
        assert start >= 0 and end <= NARROW_WIDTH + 1, text
    assert narrow.find(f"{SVG}desc").text == wide.find(f"{SVG}desc").text  # type: ignore[union-attr]
    full = [t for t in narrow.iter(f"{SVG}rect") if t.get("fill") == "#2e7d32"]
    track = [t for t in narrow.iter(f"{SVG}rect") if t.get("fill") == "#e6e6e6"]
    assert float(full[1].get("width", 0)) == float(track[1].get("width", 0))  # 100% fills it


def test_the_narrow_target_chart_keeps_its_text_inside_its_width():
    points = [
        SeriesPoint(date(2017, month, 1), Decimal(month), Decimal(month) * 2)
        for month in range(1, 13)
    ]
    with translation.override("nl"):
        svg = target_chart_svg(
            points,
            title="Aantal",
            target=Decimal(24),
            unit="count",
            today=date(2017, 6, 15),
            id_prefix="n",
            width=NARROW_WIDTH,
        )
    root = parse(svg)
    assert root.get("width") == str(NARROW_WIDTH) and "chart--narrow" in root.get("class", "")
    for start, end, text in extents(root):
        assert start >= 0 and end <= NARROW_WIDTH + 1, text
