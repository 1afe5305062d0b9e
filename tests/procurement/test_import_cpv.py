"""The `import-cpv` command on small generated files shaped like the EU's list."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from mvimonitor.procurement.models import CpvCode

pytestmark = pytest.mark.usefixtures("english")


def xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


OFFICIAL_SHAPE = [
    ["CODE", "BG", "EN", "NL", "FR"],
    ["77310000-6", "x", "Planting and maintenance services of green areas",
     "Aanplanten en onderhouden van groengebieden", "y"],
    ["77313000-7", "x", "Parks maintenance services", "Onderhoud van parken", "y"],
    ["45000000-7", "x", "Construction work", "Bouwwerkzaamheden (nieuw)", "y"],
]  # fmt: skip


def run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-cpv", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_official_xlsx_adds_new_codes_and_updates_names(db, tmp_path):
    out, _err = run(xlsx(tmp_path / "cpv_2008.xlsx", OFFICIAL_SHAPE))
    assert "2 new, 1 changed" in out
    parks = CpvCode.objects.get(code="77313000")
    assert (parks.check_digit, parks.name, parks.name_en) == (
        "7",
        "Onderhoud van parken",
        "Parks maintenance services",
    )
    assert CpvCode.objects.get(code="45000000").name == "Bouwwerkzaamheden (nieuw)"


def test_importing_the_same_file_twice_changes_nothing(db, tmp_path):
    path = xlsx(tmp_path / "cpv.xlsx", OFFICIAL_SHAPE)
    run(path)
    count = CpvCode.objects.count()
    out, _err = run(path)
    assert "0 new, 0 changed, 3 unchanged" in out
    assert CpvCode.objects.count() == count


def test_a_csv_with_semicolons_and_headers_in_any_case_and_order_is_read(db, tmp_path):
    path = tmp_path / "cpv.csv"
    path.write_text("\ufeffnl;Code\nOnderhoud van parken;77313000-7\n\n", encoding="utf-8")
    out, _err = run(path)
    assert "1 new" in out
    assert CpvCode.objects.get(code="77313000").name_en == ""


def test_errors_name_row_and_column_and_nothing_is_saved(db, tmp_path):
    before = CpvCode.objects.count()
    path = xlsx(
        tmp_path / "cpv.xlsx",
        [
            ["EN", "CODE", "NL"],
            ["Parks", "77313000-7", "Onderhoud van parken"],
            ["Bad", "7731300", "Iets"],
            ["Twice", "77313000-7", "Nog eens"],
            ["No name", "77310000-6", ""],
        ],
    )
    with pytest.raises(CommandError) as error:
        run(path)
    assert error.value.returncode == 2
    assert CpvCode.objects.count() == before
    assert not CpvCode.objects.filter(code="77313000").exists()


def test_each_problem_is_printed_on_its_own_line(db, tmp_path, capsys):
    path = xlsx(tmp_path / "cpv.xlsx", [["CODE", "NL"], ["7731300", "Iets"], ["77310000-6", ""]])
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 error"):
        call_command("import-cpv", str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Row 2, column CODE:")
    assert lines[1].startswith("Row 3, column NL:")


def test_a_file_without_the_code_column_is_refused(db, tmp_path):
    err = io.StringIO()
    path = xlsx(tmp_path / "cpv.xlsx", [["Code CPV", "NL"], ["77313000-7", "Parken"]])
    with pytest.raises(CommandError) as error:
        call_command("import-cpv", str(path), stderr=err)
    assert error.value.returncode == 2
    assert "no column “CODE”" in err.getvalue()


def test_a_file_that_is_no_spreadsheet_is_refused_with_exit_status_2(db, tmp_path):
    path = tmp_path / "cpv.xlsx"
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(CommandError) as error:
        run(path)
    assert error.value.returncode == 2


def test_a_csv_from_excel_in_dutch_with_windows_1252_accents_is_read(db, tmp_path):
    path = tmp_path / "cpv.csv"
    path.write_bytes(
        "CODE;NL\r\n77313000-7;Onderhoud van parken (coördinatie)\r\n".encode("cp1252")
    )
    out, _err = run(path)
    assert "1 new" in out
    assert CpvCode.objects.get(code="77313000").name == "Onderhoud van parken (coördinatie)"
