"""The PDF's page layout as WeasyPrint lays it out, read from its box tree (the boxes
are WeasyPrint's own, not a public API: kept in this one place)."""

import re
from dataclasses import dataclass

from weasyprint import HTML
from weasyprint.formatting_structure.boxes import (
    BlockBox,
    LineBox,
    TableBox,
    TableCellBox,
    TableRowBox,
    TableRowGroupBox,
    TextBox,
)

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


# -- what a reader sees go wrong (issue 13): text on text, a table torn apart, a column
# too narrow for its words, a date broken over two lines ---------------------------------

#: Dutch month names, as the report writes its dates ("20 september 2017").
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_BROKEN_DATE = re.compile(rf"\b\d{{1,2}}\n({MONTHS})\b|\b({MONTHS})\n\d{{4}}\b")


@dataclass(frozen=True)
class Placed:
    """A run of text as it lies on its page, in points from the page's top left."""

    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Placed") -> bool:
        return (
            self.page == other.page
            and min(self.right, other.right) - max(self.left, other.left) > OVERLAP_PT
            and min(self.bottom, other.bottom) - max(self.top, other.top) > OVERLAP_PT
        )


# Runs of text touch where a line goes on in another font or element; more than this is
# one printed over the other.
OVERLAP_PT = 0.5


class Layout:
    """One report laid out once (WeasyPrint's page boxes), read in several ways."""

    def __init__(self, report: Report) -> None:
        self.pages = _pages(report)

    def texts(self) -> list[Placed]:
        """Every run of text on every page, the page header and footer included."""
        return [
            Placed(
                number,
                box.text,
                box.position_x,
                box.position_y,
                box.position_x + box.width,
                box.position_y + box.height,
            )
            for number, page in enumerate(self.pages, start=1)
            for box in page.descendants()
            if isinstance(box, TextBox) and box.text.strip()
        ]

    def overlapping_texts(self) -> list[tuple[str, str]]:
        """Every pair of runs of text printed (partly) over each other."""
        texts = self.texts()
        return [
            (one.text, other.text)
            for index, one in enumerate(texts)
            for other in texts[index + 1 :]
            if one.overlaps(other)
        ]

    def _tables(self, css_class: str) -> list[tuple[int, TableBox]]:
        """The pieces of the tables with this class, with the page each is on."""
        return [
            (number, box)
            for number, page in enumerate(self.pages, start=1)
            for box in page.descendants()
            if isinstance(box, TableBox) and css_class in _classes(box)
        ]

    def table_pages(self, css_class: str) -> list[int]:
        return [number for number, _table in self._tables(css_class)]

    def _body_rows(self, table: TableBox) -> list[TableRowBox]:
        return [
            row
            for group in table.children
            if isinstance(group, TableRowGroupBox) and group.element_tag != "thead"
            for row in group.children
        ]

    def table_rows_per_page(self, css_class: str) -> list[int]:
        """For the table with this class: how many body rows it has on each page it is
        on (a header row repeated on the next page is not counted)."""
        return [len(self._body_rows(table)) for _number, table in self._tables(css_class)]

    def row_heads(self, css_class: str) -> list[str]:
        """The text of the first cell of every body row of the table with this class."""
        return [
            " ".join(_line_texts(row.children[0]))
            for _number, table in self._tables(css_class)
            for row in self._body_rows(table)
        ]

    def heading_lines(self, css_class: str) -> list[list[str]]:
        """The lines of each cell of the header row of the table with this class (as
        printed on its first page)."""
        _number, table = self._tables(css_class)[0]
        (head,) = [g for g in table.children if getattr(g, "element_tag", "") == "thead"]
        return [_line_texts(cell) for row in head.children for cell in row.children]

    def cell_lines(self, css_class: str) -> list[list[str]]:
        """Every table cell with this class: the texts of its lines."""
        return [
            _line_texts(cell)
            for page in self.pages
            for cell in page.descendants()
            if isinstance(cell, TableCellBox) and css_class in _classes(cell)
        ]

    def lines_per_cell(self, css_class: str) -> list[tuple[str, int]]:
        """Every table cell with this class: its text and on how many lines it is set."""
        return [(" ".join(lines), len(lines)) for lines in self.cell_lines(css_class)]

    def lines_of(self, tag: str) -> list[list[str]]:
        """Every element of `tag` on every page: the texts of its lines."""
        return [
            _line_texts(box)
            for page in self.pages
            for box in page.descendants()
            if box.element_tag == tag and isinstance(box, BlockBox)
        ]

    def broken_dates(self, tags: tuple[str, ...] = ()) -> list[str]:
        """Every date written over two lines ("20 / september 2017"), with some text
        around it; only in elements of `tags` when given (text the report writes itself,
        not what a user typed, which may break where it breaks)."""
        found = []
        for page in self.pages:
            for box in page.descendants():
                if tags and box.element_tag not in tags:
                    continue
                lines = [c for c in getattr(box, "children", []) if isinstance(c, LineBox)]
                text = "\n".join(_text_of(line) for line in lines)
                found += [
                    text[max(0, m.start() - 30) : m.end() + 10] for m in _BROKEN_DATE.finditer(text)
                ]
        return found


def _classes(box) -> list[str]:
    return (box.element.get("class") or "").split() if box.element is not None else []


def _text_of(box) -> str:
    """The text as a reader reads it: a non-breaking space is a space."""
    text = "".join(t.text for t in box.descendants() if isinstance(t, TextBox))
    return text.replace("\N{NO-BREAK SPACE}", " ").strip()


def _line_texts(box) -> list[str]:
    """The texts of the lines inside `box` (nested blocks included), top to bottom."""
    return [_text_of(line) for line in box.descendants() if isinstance(line, LineBox)]
