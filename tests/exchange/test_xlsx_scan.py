"""exchange.xlsx_scan finds the formulas whose result was never calculated in the first
sheet of an .xlsx file, and only those."""

import io
import re
import zipfile

from mvimonitor.exchange.reading import read_sheet
from mvimonitor.exchange.values import FORMULA_WITHOUT_VALUE
from mvimonitor.exchange.xlsx_scan import first_sheet_path, formulas_without_value
from tests.exchange.conftest import xlsx


def with_sheet(data: bytes, change) -> bytes:
    """The package with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    path = first_sheet_path(source)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == path else content)
    return out.getvalue()


def test_formulas_written_without_a_result_are_found_by_row_and_column():
    data = xlsx([["Code", "=1+1"], [], ["x", None, "=SUM(B1:B2)"]])
    assert formulas_without_value(data) == {(1, 2), (3, 3)}


def test_a_formula_with_its_calculated_value_is_not_listed():
    data = with_sheet(xlsx([["Code", "=1+1"]]), lambda xml: xml.replace(b"</f>", b"</f><v>2</v>"))
    assert formulas_without_value(data) == set()
    assert read_sheet(data).header.cells[:2] == ("Code", 2)


def test_a_sheet_without_formulas_is_not_parsed_at_all():
    assert formulas_without_value(xlsx([["Code", "Titel"], ["A1", "Groen"]])) == set()


def test_cells_and_rows_without_a_position_are_counted_as_readers_count_them():
    def drop_positions(xml: bytes) -> bytes:
        return re.sub(rb' r="[A-Z]*[0-9]+"', b"", xml)

    data = with_sheet(xlsx([["a", "b"], ["c", "=1+1"]]), drop_positions)
    assert formulas_without_value(data) == {(2, 2)}


def test_the_reader_gives_such_a_cell_as_a_formula_without_value_not_as_empty():
    sheet = read_sheet(xlsx([["Code", "Titel"], ["A1", "=1+1"]]))
    assert sheet.rows[0].cells[:2] == ("A1", FORMULA_WITHOUT_VALUE)
