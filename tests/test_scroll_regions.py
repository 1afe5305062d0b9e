"""Every box a wide table scrolls in is a region a keyboard reaches and a screen reader
names (ADR 0033): role="region", tabindex="0" and aria-labelledby pointing at an id the
same template gives (the table's caption). A template test, so a new table cannot
forget it; the browser test (tests/e2e/test_every_page.py) catches what axe sees."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "mvimonitor" / "templates"
BOX = re.compile(r'<div class="table-scroll"([^>]*)>')
PRINTED = "_print"  # templates only WeasyPrint renders: nothing scrolls on paper


def _templates_with_boxes() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*.html")
        if BOX.search(path.read_text()) and PRINTED not in path.stem
    )


def test_there_are_scroll_boxes_to_check():
    assert len(_templates_with_boxes()) >= 20


@pytest.mark.parametrize(
    "path", _templates_with_boxes(), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_every_scroll_box_is_a_named_region_the_keyboard_reaches(path: Path):
    text = path.read_text()
    for attributes in BOX.findall(text):
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes, attributes
        label = re.search(r'aria-labelledby="([^"]+)"', attributes)
        assert label, f"a scroll box without a name: {attributes}"
        assert f'id="{label.group(1)}"' in text, f"no element with id {label.group(1)}"
