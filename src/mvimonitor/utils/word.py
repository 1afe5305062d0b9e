"""Building blocks of the report as a Word document (monitoring.rendering.docx and every
section's `write_docx`), as utils.sheets is for the Excel workbook: real heading styles
(Word's navigation pane and a table of contents find them), lists, tables whose header
row repeats on every page, pictures with their text alternative, and the page header
and footer.

Every piece of text goes through `strip_control` where it is written: the XML inside a
.docx cannot hold most control characters, and a file holding one does not open (ADR
0024). Text is only ever a run's text, never a field code, so text that a spreadsheet
would run as a formula ("=1+1") is plain text in Word too.

python-docx and CairoSVG are imported when a document is written, not when a section
module is loaded (they take a third of a second to load)."""

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mvimonitor.utils.text import strip_control

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

#: The width of the text on an A4 page with margins of 2 cm, in cm.
TEXT_WIDTH_CM = 17.0
CHART_WIDTH_CM = 14.5
TEXT_COLOUR = "1A1A1A"  # 17:1 on white, as the PDF's text
MARK_COLOUR = "B00020"  # the draft mark: 6.9:1 on white
FONT = "DejaVu Sans"  # the charts' and the PDF's font, which Debian ships
#: Style: (size, space before, space after), in points.
STYLE_SIZES = {
    "Normal": (9.5, 0, 4),
    "Title": (18, 0, 6),
    "Heading 1": (13, 12, 3),
    "Heading 2": (10.5, 6, 2),
    "Caption": (8.5, 4, 2),
}
TABLE_TEXT = "Table Text"  # the paragraph style of table cells: smaller, no space after
CELL_MARGIN_CM = 0.1
PROPERTY_MAX = 255
KEEP_TOGETHER_ROWS = 25  # a table of up to this many rows is kept on one page
NAMESPACE_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in its own style."""

    text: str
    bold: bool = False
    italic: bool = False


#: A paragraph's content: plain strings and styled runs, in order.
Inline = str | Run
#: A table cell: one piece, or several in order.
Cell = Inline | Sequence[Inline]


def _w(name: str) -> str:
    return f"{{{NAMESPACE_W}}}{name}"


def _element(name: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{name}")
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def _property(text: str) -> str:
    """`text` as a document property holds it: at most 255 characters (the format's
    limit; a plan's long name makes a longer title), without control characters."""
    text = strip_control(text)
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"


def _size(style: Any, size: float, before: float, after: float) -> None:
    from docx.shared import Pt

    style.font.name = FONT
    style.font.size = Pt(size)
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)


def svg_png(svg: str, *, scale: float = 2.0) -> bytes:
    """An SVG document (the report's charts) as a PNG `scale` times its size, sharp in
    print. Its text is cleaned first: XML cannot carry control characters."""
    import cairosvg

    png = cairosvg.svg2png(bytestring=strip_control(svg).encode(), scale=scale)
    if not isinstance(png, bytes):  # only None when an output file is given
        raise RuntimeError("CairoSVG wrote no PNG")
    return png


class WordDocument:
    """An A4 Word document in one language, written from top to bottom.

    `follows` is the id of the report section written before the current one (the
    renderer sets it), for a section that reads differently after its neighbour (the
    status table after the chart needs no heading of its own)."""

    def __init__(self, *, language: str) -> None:
        from docx import Document as new_document

        self.docx: Document = new_document()
        self.language = language
        self.follows = ""
        self._style_ids: dict[str, str] = {}
        self._drop_thumbnail()
        self._set_up_page()
        self._set_up_styles()

    # -- the document as a whole ----------------------------------------------------

    def _drop_thumbnail(self) -> None:
        """python-docx's template comes with the picture of another document as its
        thumbnail, which file managers would show for every report."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        package = self.docx.part.package
        for key, relationship in list(package.rels.items()):
            if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                del package.rels[key]

    def _set_up_page(self) -> None:
        from docx.shared import Cm

        section = self.docx.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))

    def _set_up_styles(self) -> None:
        from docx.shared import RGBColor

        styles = self.docx.styles
        defaults = styles.element.find(_w("docDefaults"))
        language = defaults.find(_w("rPrDefault")).find(_w("rPr")).find(_w("lang"))
        language.set(_w("val"), self.language)
        # Sized as the PDF: a council version of a few sections fits on two pages.
        for name, (size, before, after) in STYLE_SIZES.items():
            _size(styles[name], size, before, after)
        styles["Normal"].paragraph_format.line_spacing = 1.1
        # The template's blues are too light for small text (WCAG 2.1 AA: 4.5:1).
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
            styles[name].font.color.rgb = RGBColor.from_string(TEXT_COLOUR)
        styles["Caption"].font.bold = False
        styles["Caption"].paragraph_format.keep_with_next = True
        self._add_table_text_style()

    def _add_table_text_style(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        styles = self.docx.styles
        cell = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = styles["Normal"]
        cell.font.size = Pt(8)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.line_spacing = 1.0

    def properties(self, *, title: str, subject: str, author: str, when: datetime) -> None:
        """The document's properties: what a file manager and a screen reader name it by."""
        core = self.docx.core_properties
        core.title = _property(title)
        core.subject = _property(subject)
        core.author = _property(author)
        core.comments = ""
        core.last_modified_by = "MVI Monitor"
        core.language = self.language
        core.created = core.modified = when
        core.revision = 1

    def page_header(self, left: str, right: str, *, mark: str = "") -> None:
        """`left` and `right` on the top line of every page; `mark` ("CONCEPT") above
        them, centred and bold."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
        from docx.shared import Cm, Pt, RGBColor, Twips

        header = self.docx.sections[0].header
        line = header.paragraphs[0]
        if mark:
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = line.add_run(strip_control(mark))
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor.from_string(MARK_COLOUR)
            line = header.add_paragraph()
        # The template's header tabs are for Letter paper: its centre tab would put the
        # date in the middle after a long plan name. One tab, at the right margin.
        tabs = line.paragraph_format.tab_stops
        for position in (Twips(4680), Twips(9360)):
            tabs.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        run = line.add_run(f"{strip_control(left)}\t{strip_control(right)}")
        run.font.size = Pt(8.5)

    def page_numbers(self, words: str) -> None:
        """The words "page X of Y" in the footer of every page, right-aligned: `words` holds
        %(page)s and %(pages)s where the numbers go, in the translation's order."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        line = self.docx.sections[0].footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for index, part in enumerate(re.split(r"%\((page|pages)\)s", words)):
            if index % 2:
                field = _element("fldSimple", instr="PAGE" if part == "page" else "NUMPAGES")
                field.append(_text_run("1"))
                line._p.append(field)
            elif part:
                line.add_run(part)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

    # -- blocks, from top to bottom ---------------------------------------------------

    def style_id(self, name: str) -> str:
        """The id of the style named `name`, looked up once: python-docx looks a style
        up by reading every style of the template, which made a long report's paragraphs
        most of its time."""
        if name not in self._style_ids:
            self._style_ids[name] = self.docx.styles[name].style_id
        return self._style_ids[name]

    def _styled(self, paragraph: "Paragraph", style: str | None) -> "Paragraph":
        if style:
            paragraph._p.style = self.style_id(style)
        return paragraph

    def title(self, text: str) -> None:
        self.paragraph(text, style="Title")

    def heading(self, text: str, level: int = 1) -> None:
        self.paragraph(text, style=f"Heading {level}")

    def paragraph(self, *content: Inline, style: str | None = None) -> "Paragraph":
        paragraph = self._styled(self.docx.add_paragraph(), style)
        _add_runs(paragraph, content)
        return paragraph

    def text(self, text: str) -> None:
        """Typed text as paragraphs: a blank line starts a new paragraph, a single line
        break stays a line break (as the PDF's `linebreaks`)."""
        for block in re.split(r"\n\s*\n", strip_control(text).strip()):
            self.paragraph(block)

    def labelled_text(self, label: str, text: str) -> None:
        """Typed text under a label in bold that stays on its page ("Toelichting")."""
        self.paragraph(Run(label, bold=True)).paragraph_format.keep_with_next = True
        self.text(text)

    def items(self, items: Iterable[Sequence[Inline]], *, numbered: bool = False) -> None:
        """A bulleted (or numbered) list, one paragraph per item."""
        style = "List Number" if numbered else "List Bullet"
        for content in items:
            self.paragraph(*content, style=style)

    def facts(self, facts: Iterable[tuple[str, str]]) -> None:
        """Label and value pairs as a list: "Label: value", the label in bold."""
        self.items([Run(f"{label}: ", bold=True), value] for label, value in facts)

    def table(
        self,
        headers: Sequence[Cell],
        rows: Iterable[Sequence[Cell]],
        *,
        caption: str = "",
        widths: Sequence[float] = (),
        numeric: Iterable[int] = (),
        bold_last_row: bool = False,
    ) -> "Table":
        """A table whose first row is its header (repeated at the top of every page it
        runs over); `caption` above it, `widths` in cm, `numeric` the indexes of the
        columns aligned right. A table that fits on a page is kept on one."""
        if caption:
            self.paragraph(caption, style="Caption")
        data = [list(headers), *(list(row) for row in rows)]
        table = self.docx.add_table(rows=len(data), cols=len(headers))
        table._tbl.tblPr.style = self.style_id("Table Grid")
        _narrow_cell_margins(table)
        together = len(data) <= KEEP_TOGETHER_ROWS
        for index, (row, values) in enumerate(zip(table.rows, data, strict=True)):
            last = index == len(data) - 1
            bold = index == 0 or (bold_last_row and last)
            self._fill_row(row, values, bold=bold, right=set(numeric), keep=together and not last)
        _repeat_as_header(table.rows[0])
        if widths:
            _set_widths(table, widths)
        self.docx.add_paragraph()  # Word joins two tables that touch
        return table

    def _fill_row(
        self, row: Any, values: Sequence[Cell], *, bold: bool, right: set[int], keep: bool
    ) -> None:
        """One row's cells; `keep`: with the next row on one page."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        _keep_row_together(row)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = self._styled(cell.paragraphs[0], TABLE_TEXT)
            _add_runs(paragraph, [value] if isinstance(value, str | Run) else value, bold=bold)
            if column in right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if keep:
                paragraph.paragraph_format.keep_with_next = True

    def picture(
        self, image: bytes, *, title: str, description: str, width_cm: float = TEXT_WIDTH_CM
    ) -> None:
        """An inline picture (PNG or JPEG) with its name and text alternative (Word's
        "Alt Text": the picture's `descr`, which screen readers read and exports keep)."""
        from docx.shared import Cm

        run = self.docx.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(image), width=Cm(width_cm))
        described(shape, title=title, description=description)

    def chart(self, svg: str, *, title: str, description: str) -> None:
        """A chart of the report (SVG) as a picture, with `description` (every figure it
        shows in words) as its text alternative; 85% of the text's width, as in the PDF."""
        png = svg_png(svg)
        self.picture(png, title=title, description=description, width_cm=CHART_WIDTH_CM)


def described(shape: Any, *, title: str, description: str) -> None:
    """Give an inline picture its name and text alternative."""
    properties = shape._inline.docPr
    properties.set("title", strip_control(title))
    properties.set("descr", strip_control(description))


def _text_run(text: str) -> Any:
    run = _element("r")
    element = _element("t")
    element.text = text
    run.append(element)
    return run


def _add_runs(paragraph: "Paragraph", content: Iterable[Inline], *, bold: bool = False) -> None:
    for piece in content:
        if isinstance(piece, Run):
            run = paragraph.add_run(strip_control(piece.text))
            run.bold = piece.bold or bold or None
            run.italic = piece.italic or None
        elif piece:
            paragraph.add_run(strip_control(str(piece))).bold = bold or None


def _narrow_cell_margins(table: "Table") -> None:
    """Cell margins of 1 mm left and right (Word's 1.9 mm leaves too little room for
    eight columns on A4)."""
    twips = str(round(CELL_MARGIN_CM * 567))
    margins = _element("tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(side, w=twips, type="dxa"))
    table._tbl.tblPr.append(margins)


def _keep_row_together(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_element("cantSplit"))


def _repeat_as_header(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_element("tblHeader"))


def _set_widths(table: "Table", widths: Sequence[float]) -> None:
    """Fixed column widths (Word reads the grid, LibreOffice the cells)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
