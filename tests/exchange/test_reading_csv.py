"""A CSV file is read as Excel or LibreOffice would show it (issue 14, item 2): `;`, `,`
or a tab between the cells, UTF-8 with or without byte order mark or Windows-1252,
quoted cells with line breaks and delimiters in them, every cell text and an empty one
None, blank rows skipped but counted, and the same limits as a spreadsheet."""

import csv
import io

import pytest
from django.test import override_settings
from hypothesis import assume, given
from hypothesis import strategies as st

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import MAX_COLUMNS, read_sheet, sheet_names


def rows_of(data: bytes, filename: str = "plan.csv") -> list[tuple[int, tuple]]:
    sheet = read_sheet(data, filename=filename)
    return [(sheet.header.number, sheet.header.cells)] + [(r.number, r.cells) for r in sheet.rows]


def message(data: bytes, filename: str = "plan.csv") -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(data, filename=filename)
    return caught.value.message


def test_a_semicolon_separated_file_as_excel_in_dutch_writes_it_is_read():
    data = b"Code;Titel;Bedrag\r\nA1;Groen inkopen;1.250,50\r\nA2;Zuinig;12,5\r\n"
    assert rows_of(data) == [
        (1, ("Code", "Titel", "Bedrag")),
        (2, ("A1", "Groen inkopen", "1.250,50")),
        (3, ("A2", "Zuinig", "12,5")),
    ]


def test_a_comma_separated_file_is_read():
    data = b'Code,Titel,Bedrag\nA1,"Groen, circulair",1250.50\n'
    assert rows_of(data)[1] == (2, ("A1", "Groen, circulair", "1250.50"))


def test_a_tab_separated_file_is_read():
    assert rows_of(b"Code\tTitel\nA1\tGroen; circulair\n")[1] == (2, ("A1", "Groen; circulair"))


def test_a_header_with_a_comma_does_not_make_the_comma_the_delimiter():
    data = b"Bedrag (EUR, incl. btw);Naam\n1.000,00;Groen\n5;Zuinig\n"
    assert rows_of(data)[1:] == [(2, ("1.000,00", "Groen")), (3, ("5", "Zuinig"))]


def test_a_one_column_file_keeps_the_commas_in_its_cells():
    assert rows_of(b"Titel\nGroen, circulair\nZuinig\n")[1] == (2, ("Groen, circulair",))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_accents_and_the_euro_sign_are_read_in_every_encoding_excel_writes(encoding):
    data = "Code;Titel\nA1;Coördinatie café € 5\n".encode(encoding)
    assert rows_of(data) == [(1, ("Code", "Titel")), (2, ("A1", "Coördinatie café € 5"))]


def test_a_file_that_is_no_windows_1252_either_gets_a_message():
    assert "Save it as “CSV UTF-8”" in message(b"Code;Titel\nA1;\x81\x8d\n")


def test_quoted_cells_keep_their_line_breaks_delimiters_and_quotes():
    data = b'Code;Titel\r\nA1;"Groen\r\ninkopen; ""echt"""\r\nA2;Zuinig\r\n'
    assert rows_of(data)[1:] == [
        (2, ("A1", 'Groen\r\ninkopen; "echt"')),
        (3, ("A2", "Zuinig")),
    ]


def test_blank_rows_are_skipped_but_counted_as_a_spreadsheet_shows_them():
    data = b'Code;Titel\n\n;\nA3;"twee\nregels"\n   ;  \nA5;x\n'
    assert [number for number, _ in rows_of(data)] == [1, 4, 6]


def test_old_mac_line_endings_are_read():
    assert rows_of(b"Code;Titel\rA1;x\rA2;y\r")[2] == (3, ("A2", "y"))


def test_empty_cells_are_none_and_trailing_empty_cells_are_left_off():
    assert rows_of(b"Code;Titel;Status;\nA1;;lopend;\n")[1] == (2, ("A1", None, "lopend"))


def test_formula_like_text_is_just_text():
    data = b'Code;Titel;Noot\nA1;=1+1;"=HYPERLINK(""http://x"")"\nA2;+31 6;@SUM(A1)\n'
    assert rows_of(data)[1:] == [
        (2, ("A1", "=1+1", '=HYPERLINK("http://x")')),
        (3, ("A2", "+31 6", "@SUM(A1)")),
    ]


def test_a_header_only_file_has_no_rows():
    sheet = read_sheet(b"Code;Titel\n", filename="plan.csv")
    assert (sheet.header.cells, sheet.rows) == (("Code", "Titel"), [])


def test_a_file_whose_first_row_is_empty_has_no_header():
    assert "first row" in message(b"\nCode;Titel\nA1;x\n")


def test_a_row_with_more_columns_than_the_limit_is_refused_with_its_row_number():
    wide = ";".join(["x"] * (MAX_COLUMNS + 1)).encode()
    assert f"Row 3 of the CSV file has more than {MAX_COLUMNS} columns" in message(
        b"Code;Titel\nA1;x\n" + wide + b"\n"
    )


def test_a_quote_that_never_closes_is_refused_as_a_cell_far_too_long():
    data = b'Code;Titel\nA1;"begint\n' + b"en houdt niet op\n" * 20_000
    assert "Row 2 of the CSV file cannot be read: a cell is far too long" in message(data)


@override_settings(IMPORT_MAX_ROWS=3)
def test_more_rows_than_the_limit_are_refused():
    assert "more than 3 rows" in message(b"Code\n" + b"A\n" * 4)


@override_settings(IMPORT_MAX_ROWS=3)
def test_rows_up_to_the_limit_are_read():
    assert len(read_sheet(b"Code\nA\nB\nC\n\n\n", filename="plan.csv").rows) == 3


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_file_over_the_size_limit_is_refused():
    assert "too large" in message(b"Code;Titel\n" + b"A1;x\n" * 30)


def test_a_csv_file_has_one_sheet_named_after_the_file():
    data = b"Code;Titel\nA1;x\n"
    assert sheet_names(data, filename="Acties 2017.csv") == ["Acties 2017"]
    assert sheet_names(data, filename="C:\\Users\\jan\\acties.txt") == ["acties"]
    assert sheet_names(data) == ["CSV"]
    assert read_sheet(data, filename="acties.csv", sheet="acties").name == "acties"


def test_another_sheet_of_a_csv_file_is_refused_with_its_one_sheet_named():
    with pytest.raises(SpreadsheetError) as caught:
        read_sheet(b"Code;Titel\n", filename="acties.csv", sheet="Blad2")
    assert caught.value.message == "The file has no sheet “Blad2”. Choose one of: “acties”."


# Header names as people write them: no delimiter, quote or line break in them. (A
# header that holds the delimiter may make another delimiter read as well.)
header_names = st.text(
    st.characters(codec="cp1252", exclude_characters=';,\t"\r\n\x00'), min_size=1, max_size=12
).filter(str.strip)
cell_texts = st.text(st.characters(codec="cp1252", exclude_characters="\x00"), max_size=30)


@given(
    header=st.lists(header_names, min_size=2, max_size=6),
    body=st.lists(st.lists(cell_texts, max_size=7), max_size=8),
    delimiter=st.sampled_from(";,\t"),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_table_of_texts_written_by_the_csv_module_reads_back_equal(
    header, body, delimiter, encoding
):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows([header, *body])
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252" and not data.isascii():
        # UTF-8 is tried first: Windows-1252 bytes that happen to be UTF-8 too (such
        # as "Ã©") read as UTF-8. Text people write never holds such pairs.
        assume(not _is_utf8(data))
    expected = [
        (number, _as_read(row))
        for number, row in enumerate([header, *body], start=1)
        if any(cell.strip() for cell in row)
    ]
    assert rows_of(data) == expected


def _as_read(row: list[str]) -> tuple[str | None, ...]:
    cells = [cell or None for cell in row]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
