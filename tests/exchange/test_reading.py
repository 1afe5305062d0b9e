import io
import zipfile
from datetime import date

import pytest
from django.test import override_settings

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import detect_kind, read_sheet
from tests.exchange.conftest import FILES, xlsx


def message(data: bytes, filename: str = "plan.xlsx") -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(data, filename=filename)
    return caught.value.message


def test_rows_keep_the_sheet_row_numbers_and_blank_rows_are_skipped():
    sheet = read_sheet(xlsx([["Code"], ["A1"], [], ["   "], ["A4"]]))
    assert sheet.header.cells == ("Code",)
    assert [(r.number, r.cells) for r in sheet.rows] == [(2, ("A1",)), (5, ("A4",))]


def test_an_xlsx_date_cell_is_read_as_a_date():
    sheet = read_sheet(xlsx([["Startdatum"], [date(2017, 4, 1)]]))
    assert sheet.rows[0].cells[0].date() == date(2017, 4, 1)


def test_an_ods_is_read_with_date_cells_and_blank_rows_counted():
    sheet = read_sheet((FILES / "plan.ods").read_bytes(), filename="plan.ods")
    assert sheet.header.cells[0] == "Code"
    assert [r.number for r in sheet.rows] == [2, 4]
    assert sheet.rows[0].cells[4] == date(2017, 9, 1)
    assert sheet.rows[1].cells[5] == "01-06-2017"


def test_the_kind_is_recognised_by_content_not_by_name():
    assert detect_kind(xlsx([["Code"]]), filename="plan.ods") == "xlsx"
    assert detect_kind((FILES / "plan.ods").read_bytes(), filename="plan.xlsx") == "ods"


def test_an_old_xls_file_gets_a_message_to_save_it_as_xlsx_or_ods():
    assert ".xls" in message((FILES / "old.xls").read_bytes(), "plan.xls")


def test_a_csv_file_is_recognised_by_its_name_or_by_its_delimited_first_line():
    assert detect_kind(b"Code\nA1\n", filename="plan.csv") == "csv"
    assert detect_kind(b"Code;Titel\nA1;Iets\n", filename="upload") == "csv"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n....", b"just some text", bytes(range(256))])
def test_anything_else_is_not_a_spreadsheet(data):
    assert "not an Excel (.xlsx), OpenDocument (.ods) or CSV file" in message(data, "plan.bin")


def test_a_binary_file_named_csv_is_not_a_spreadsheet():
    assert "or CSV file" in message(b"Code;Titel\n\x00\x01\x02", "plan.csv")


def test_an_empty_file_is_refused():
    assert "empty" in message(b"")


@pytest.mark.parametrize("name", ["encrypted.xlsx", "encrypted.ods"])
def test_a_password_protected_file_gets_a_message(name):
    assert "password" in message((FILES / name).read_bytes(), name)


def test_a_truncated_file_is_damaged():
    data = xlsx([["Code"], ["A1"]])
    assert "damaged" in message(data[: len(data) // 2])


def test_a_zip_that_is_no_spreadsheet_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an Excel" in message(buffer.getvalue())


def test_an_xlsx_with_garbage_inside_is_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really")
    assert "damaged" in message(buffer.getvalue())


@override_settings(IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused():
    assert "too large" in message(xlsx([["Code"], ["A1"]]))


@override_settings(IMPORT_MAX_BYTES=50_000)
def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * 5_000_000)
    assert len(buffer.getvalue()) < 50_000
    assert "too large once unpacked" in message(buffer.getvalue())


def test_a_zip_whose_declared_sizes_lie_is_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 1000)
    data = bytearray(buffer.getvalue())
    # Make the central directory claim the member unpacks to 10 bytes.
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    assert "damaged" in message(bytes(data))


@override_settings(IMPORT_MAX_ROWS=3)
def test_more_rows_than_the_limit_are_refused():
    assert "more than 3 rows" in message(xlsx([["Code"]] + [[f"A{n}"] for n in range(4)]))


@override_settings(IMPORT_MAX_ROWS=3)
def test_rows_up_to_the_limit_are_read():
    assert len(read_sheet(xlsx([["Code"]] + [[f"A{n}"] for n in range(3)])).rows) == 3


def _ods(content_rows: str) -> bytes:
    buffer = io.BytesIO()
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:body><office:spreadsheet><table:table table:name="Blad1">'
        f"{content_rows}</table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        with zipfile.ZipFile(FILES / "plan.ods") as real:
            archive.writestr("META-INF/manifest.xml", real.read("META-INF/manifest.xml"))
    return buffer.getvalue()


def test_an_ods_that_repeats_a_cell_a_billion_times_is_refused_unread():
    cell = (
        '<table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
        "<text:p>x</text:p></table:table-cell>"
    )
    bomb = _ods(f'<table:table-row table:number-rows-repeated="1048576">{cell}</table:table-row>')
    assert len(bomb) < 3000
    assert "more than" in message(bomb, "plan.ods")


def test_an_ods_with_trailing_empty_repeated_rows_is_read():
    row = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>{}</text:p>'
        "</table:table-cell></table:table-row>"
    )
    empty = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    sheet = read_sheet(_ods(row.format("Code") + row.format("A1") + empty), filename="plan.ods")
    assert [r.cells for r in sheet.rows] == [("A1",)]


def test_a_sheet_whose_first_row_is_empty_has_no_header():
    assert "first row" in message(xlsx([[], ["Code"], ["A1"]]))
