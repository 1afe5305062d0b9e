"""Text that a spreadsheet would run as a formula (= + - @, also behind a tab or a
carriage return) is written as a text cell in every spreadsheet the app writes, with
the apostrophe of utils.spreadsheet in front of what starts like a formula (issue 12,
item 3): in .xlsx a cell of type string, never a formula; in .ods a cell of value-type
string. The plans' and the register's exports (exchange.tables) and the report's Excel
file (utils.sheets) write alike."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from mvimonitor.exchange.tables import Table, table_ods, table_xlsx
from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from tests.hostile import FORMULAS
from tests.monitoring.rendering_samples import sample_report

#: Every formula-like text of the corpus, and one that starts with an apostrophe.
TEXTS = (*FORMULAS, "'=1+1", '=HYPERLINK("http://evil.example","klik")')
#: The cells written for TEXTS: one apostrophe more in front of what starts like a
#: formula (past any apostrophes); a carriage return is a line feed in a cell.
CELLS = (
    "'=1+1",
    "'+31 6 12345678",
    "'-2+3",
    "'@SUM(A1:A2)",
    "\t=1+1",
    "\n=1+1",
    "''=1+1",
    '\'=HYPERLINK("http://evil.example","klik")',
)


def table() -> Table:
    return Table(title="Blad1", headers=["Tekst"], rows=[[text] for text in TEXTS])


def test_formula_like_text_is_a_string_cell_in_xlsx():
    sheet = load_workbook(io.BytesIO(table_xlsx(table()))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.data_type for cell in cells] == ["s"] * len(TEXTS)
    assert tuple(cell.value for cell in cells) == CELLS


def test_formula_like_text_is_a_string_cell_in_ods():
    with zipfile.ZipFile(io.BytesIO(table_ods(table()))) as archive:
        content = archive.read("content.xml").decode()
    rows = re.findall(r"<table:table-row>(.*?)</table:table-row>", content)[1:]
    assert len(rows) == len(TEXTS)
    for row in rows:
        assert 'office:value-type="string"' in row
        assert "table:formula" not in row


@pytest.mark.parametrize(("text", "cell"), list(zip(TEXTS, CELLS, strict=True)))
def test_formula_like_text_in_the_reports_excel_file_is_a_string_cell(text, cell):
    book = load_workbook(io.BytesIO(report_xlsx(sample_report(summary=text))))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    # The summary, and for the hyperlink also the sample's action of that title.
    assert {c.data_type for c in cells if c.value == cell} == {"s"}
