"""Any sheet of a workbook can be read, not only the first (issue 14, item 2):
`sheet_names` lists them in the file's order, `read_sheet(sheet=...)` reads the one
chosen, a name the file does not have is refused with the names it has, and the checks
of the first sheet (formulas without a value, the limits) apply to the chosen one."""

import io
import zipfile

import pytest
from django.test import override_settings
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import read_sheet, sheet_names
from mvimonitor.exchange.values import FORMULA_WITHOUT_VALUE
from tests.exchange.conftest import FILES


def workbook(sheets: dict[str, list[list[object]]], *, chart_first: bool = False) -> bytes:
    """An .xlsx with a worksheet per entry; "Verborgen" is hidden; a chart sheet in
    front when `chart_first`."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        sheet.sheet_state = "hidden" if title == "Verborgen" else "visible"
        for row in rows:
            sheet.append(row)
    if chart_first:
        chart = BarChart()
        chart.add_data(Reference(book.worksheets[0], min_col=1, min_row=1, max_row=2))
        book.create_chartsheet("Grafiek", 0).add_chart(chart)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: str) -> str:
    if value.startswith("="):
        return f'<table:table-cell table:formula="of:{value}"/>'
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def _row(cells: list[str], repeated: int = 1) -> str:
    return (
        f'<table:table-row table:number-rows-repeated="{repeated}">'
        + "".join(_cell(c) for c in cells)
        + "</table:table-row>"
    )


def ods_book(tables: dict[str, str]) -> bytes:
    """An .ods with a sheet per entry: its name and its rows' XML."""
    body = "".join(
        f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in tables.items()
    )
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        with zipfile.ZipFile(FILES / "plan.ods") as real:
            archive.writestr("META-INF/manifest.xml", real.read("META-INF/manifest.xml"))
    return buffer.getvalue()


BOOK = {
    "Uitleg": [["Vul het tweede blad in"]],
    "Acties": [["Code", "Titel"], ["A1", "Groen"]],
    "Verborgen": [["Periode"], ["Aan de slag"]],
}
ODS_BOOK = {
    "Uitleg": _row(["Vul het tweede blad in"]),
    "Acties": _row(["Code", "Titel"]) + _row(["A1", "Groen"]),
    "Leeg": "<table:table-row><table:table-cell/></table:table-row>",
}


def refusal(data: bytes, sheet: str, filename: str = "plan.xlsx") -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(data, filename=filename, sheet=sheet)
    return caught.value.message


def test_the_sheets_of_an_xlsx_are_listed_in_order_hidden_ones_too_chart_sheets_not():
    assert sheet_names(workbook(BOOK, chart_first=True)) == ["Uitleg", "Acties", "Verborgen"]


def test_the_chosen_sheet_of_an_xlsx_is_read():
    sheet = read_sheet(workbook(BOOK), sheet="Acties")
    assert (sheet.name, sheet.header.cells, sheet.rows[0].cells) == (
        "Acties",
        ("Code", "Titel"),
        ("A1", "Groen"),
    )


def test_without_a_choice_the_first_worksheet_is_read_even_behind_a_chart_sheet():
    sheet = read_sheet(workbook(BOOK, chart_first=True))
    assert (sheet.name, sheet.header.cells) == ("Uitleg", ("Vul het tweede blad in",))


def test_a_sheet_name_is_found_whatever_its_case_and_spaces():
    assert read_sheet(workbook(BOOK), sheet=" acties ").name == "Acties"


def test_a_sheet_the_xlsx_does_not_have_is_refused_with_the_names_it_has():
    assert refusal(workbook(BOOK), "Blad1") == (
        "The file has no sheet “Blad1”. Choose one of: “Uitleg”, “Acties”, “Verborgen”."
    )


def test_a_formula_without_a_value_is_found_in_the_chosen_sheet_only():
    data = workbook({"Uitleg": [["=1+1"]], "Acties": [["Code", "Titel"], ["A1", "=2+2"]]})
    assert read_sheet(data, sheet="Acties").rows[0].cells == ("A1", FORMULA_WITHOUT_VALUE)
    assert read_sheet(data, sheet="Uitleg").header.cells == (FORMULA_WITHOUT_VALUE,)


@override_settings(IMPORT_MAX_ROWS=3)
def test_the_row_limit_applies_to_the_chosen_xlsx_sheet():
    data = workbook({"Acties": [["Code"], ["A1"]], "Lijst": [["Periode"]] + [["P"]] * 4})
    assert len(read_sheet(data, sheet="Acties").rows) == 1
    assert "more than 3 rows" in refusal(data, "Lijst")


def test_the_sheets_of_an_ods_are_listed_in_order():
    assert sheet_names(ods_book(ODS_BOOK), filename="plan.ods") == ["Uitleg", "Acties", "Leeg"]


def test_the_chosen_sheet_of_an_ods_is_read():
    sheet = read_sheet(ods_book(ODS_BOOK), filename="plan.ods", sheet="Acties")
    assert (sheet.name, sheet.header.cells, sheet.rows[0].cells) == (
        "Acties",
        ("Code", "Titel"),
        ("A1", "Groen"),
    )


def test_an_empty_chosen_ods_sheet_has_no_header():
    assert "first row" in refusal(ods_book(ODS_BOOK), "Leeg", "plan.ods")


def test_a_sheet_the_ods_does_not_have_is_refused_with_the_names_it_has():
    assert "Choose one of: “Uitleg”, “Acties”, “Leeg”." in refusal(
        ods_book(ODS_BOOK), "Blad9", "plan.ods"
    )


def test_a_formula_without_a_value_is_found_in_the_chosen_ods_sheet():
    data = ods_book(
        {"Uitleg": _row(["Lees"]), "Acties": _row(["Code", "Titel"]) + _row(["A1", "=1+1"])}
    )
    assert read_sheet(data, filename="plan.ods", sheet="Acties").rows[0].cells == (
        "A1",
        FORMULA_WITHOUT_VALUE,
    )


@override_settings(IMPORT_MAX_ROWS=3)
def test_the_row_limit_applies_to_the_chosen_ods_sheet():
    data = ods_book({"Acties": _row(["Code"]) + _row(["A1"]), "Lijst": _row(["P"], repeated=9)})
    assert len(read_sheet(data, filename="plan.ods", sheet="Acties").rows) == 1
    assert "more than 3 rows" in refusal(data, "Lijst", "plan.ods")


def test_an_ods_with_a_huge_sheet_behind_the_chosen_one_is_refused_unread():
    # python-calamine lays out every sheet when it opens a file, so a sheet that is
    # not read must not be a bomb either.
    cell = (
        '<table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
        "<text:p>x</text:p></table:table-cell>"
    )
    bomb = f'<table:table-row table:number-rows-repeated="1048576">{cell}</table:table-row>'
    data = ods_book({"Acties": _row(["Code"]) + _row(["A1"]), "Bom": bomb})
    assert "more than" in refusal(data, "Acties", "plan.ods")
    with pytest.raises(SpreadsheetError):
        sheet_names(data, filename="plan.ods")
