"""The PDF's page layout as WeasyPrint lays it out, read from its box tree (the boxes
are WeasyPrint's own, not a public API: kept in this one place)."""

from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TableCellBox, TextBox

from mvimonitor.monitoring.rendering.pdf import print_stylesheet, report_html_for_print
from mvimonitor.monitoring.report import Report

# Less than this is rounding, not a word that shows in the next column.
TOLERANCE_PT = 0.01


def _pages(report: Report) -> list:
    document = HTML(string=report_html_for_print(report)).render(stylesheets=[print_stylesheet()])
    return [page._page_box for page in document.pages]


def elements_per_page(report: Report, tag: str) -> list[list]:
    """The HTML elements of `tag` with a box on each page, one list per page."""
    return [
        [box.element for box in page.descendants() if box.element_tag == tag]
        for page in _pages(report)
    ]


def text_beyond_its_cell(report: Report) -> list[tuple[str, float]]:
    """Every piece of text that runs past the right edge of its table cell (a word that
    cannot wrap in a column too narrow for it), with how far, in points."""
    found = []
    for page in _pages(report):
        for cell in page.descendants():
            if not isinstance(cell, TableCellBox):
                continue
            right = cell.content_box_x() + cell.width + cell.padding_right
            for text in cell.descendants():
                over = text.position_x + text.width - right if isinstance(text, TextBox) else 0
                if over > TOLERANCE_PT:
                    found.append((text.text, round(over, 1)))
    return found


def text_beyond_the_page(report: Report) -> list[tuple[str, float]]:
    """Every piece of text that runs past the right edge of the page's content area
    (into the margin or off the paper, where no reader sees it), with how far, in
    points."""
    found = []
    for page in _pages(report):
        right = page.content_box_x() + page.width
        for text in page.descendants():
            if isinstance(text, TextBox) and text.position_x + text.width - right > TOLERANCE_PT:
                found.append((text.text, round(text.position_x + text.width - right, 1)))
    return found
