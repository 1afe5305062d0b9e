"""The template of a plan's actions and the drop-down lists it shares with the export:
what the lists hold, where the validations sit, that a filled-in template and an export
with lists import as any sheet does, and that LibreOffice keeps the lists."""

import io
import re
import shutil
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from pypdf import PdfReader

from mvimonitor.exchange.columns import EXPORTED, REQUIRED
from mvimonitor.exchange.dropdowns import LIST_SHEET, MESSAGE_LIMIT, TITLE_LIMIT
from mvimonitor.exchange.instructions import COLUMN_HELP, GENERAL_HELP, NOTE_HELP
from mvimonitor.exchange.services import plan_export_xlsx, plan_template_xlsx
from mvimonitor.exchange.values import STATUS_DUTCH
from mvimonitor.plans.models import Action, Theme
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today
from tests.exchange.conftest import convert, run_import, sheet_rows
from tests.exchange.test_export import assert_round_trip_changes_nothing
from tests.factories import ActionPlanFactory, PeriodFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

LAST_ROW = 10_001  # the header and IMPORT_MAX_ROWS rows
COLUMN_OF = {column.header: chr(ord("A") + n) for n, column in enumerate(EXPORTED)}


def book_of(data: bytes):
    return load_workbook(io.BytesIO(data))


def validations(data: bytes) -> dict[str, DataValidation]:
    """The first sheet's data validations by the header of the column they sit on."""
    found = {}
    for validation in book_of(data).worksheets[0].data_validations.dataValidation:
        first = str(validation.sqref).split(":")[0]
        header = next(h for h, letter in COLUMN_OF.items() if re.fullmatch(f"{letter}\\d+", first))
        found[header] = validation
    return found


def list_items(data: bytes, header: str) -> list[str]:
    """The items of the list the column `header` validates against, read through the
    defined name its validation names."""
    book = book_of(data)
    name = validations(data)[header].formula1
    ((sheet_name, cells),) = book.defined_names[name].destinations
    return [cell.value for (cell,) in book[sheet_name][cells.replace("$", "")]]


@pytest.fixture
def members(world):
    """Two colleagues share a name (so they are written by e-mail address), one has a
    unique name; the outside reviewer owns no action and is on no list."""
    world.owner.full_name = "Olga Eigenaar"
    world.owner.save()
    for user in (world.editor, world.viewer):
        user.full_name = "Jan de Vries"
        user.save()
    world.coordinator.full_name = ""
    world.coordinator.save()
    return world


def test_the_template_has_the_export_headers_in_order_and_no_rows(world):
    assert sheet_rows(plan_template_xlsx(plan=world.plan)) == [tuple(c.header for c in EXPORTED)]


def test_the_template_has_the_actions_sheet_first_then_the_instructions_and_the_lists(world):
    assert book_of(plan_template_xlsx(plan=world.plan)).sheetnames == [
        "Acties",
        "Toelichting",
        LIST_SHEET,
    ]


def test_the_lists_hold_the_plans_periods_the_statuses_the_themes_and_the_colleagues(members):
    own = Theme.objects.create(
        organisation=members.helmond, code="eigen", name="Eigen; thema", name_en="Own"
    )
    data = plan_template_xlsx(plan=members.plan)
    assert list_items(data, "Periode") == ["Aan de slag in 2017", "Actie doorlopend"]
    assert list_items(data, "Status") == [
        "niet gestart",
        "lopend",
        "voltooid",
        "uitgesteld",
        "vervallen",
    ]
    themes = list_items(data, "Thema's")
    national = Theme.objects.filter(organisation=None)
    assert set(themes) == {t.name for t in national} | {own.code}  # ";" in a name: its code
    assert "Klimaat" in themes and "Eigen; thema" not in themes
    owners = list_items(data, "Eigenaar")
    assert len(owners) == 4 and set(owners) == {
        "coordinator@helmond.example.nl",  # no name
        "editor@helmond.example.nl",  # a name two colleagues share
        "Olga Eigenaar",
        "viewer@helmond.example.nl",
    }
    assert list_items(data, "Doorlopend") == ["ja", "nee"]


def test_the_list_sheet_names_each_list_above_its_items(world):
    sheet = book_of(plan_template_xlsx(plan=world.plan))[LIST_SHEET]
    assert [cell.value for cell in sheet[1]] == [
        "Periode",
        "Thema's",
        "Status",
        "Eigenaar",
        "Doorlopend",
    ]


def test_the_drop_downs_sit_on_their_columns_down_to_the_last_row_an_import_reads(world):
    found = validations(plan_template_xlsx(plan=world.plan))
    assert set(found) == {"Periode", "Thema's", "Status", "Eigenaar", "Doorlopend"}
    for header, validation in found.items():
        column = COLUMN_OF[header]
        assert str(validation.sqref) == f"{column}2:{column}{LAST_ROW}"
        assert validation.type == "list"
        assert validation.allow_blank
        assert not validation.showDropDown  # in Excel's XML: true hides the arrow
        assert validation.showInputMessage and validation.prompt


def test_period_status_and_doorlopend_refuse_other_values_themes_and_owner_do_not(world):
    found = validations(plan_template_xlsx(plan=world.plan))
    strict = {header for header, v in found.items() if v.showErrorMessage}
    assert strict == {"Periode", "Status", "Doorlopend"}
    for header in strict:
        assert found[header].errorStyle == "stop" and found[header].error
    # Several themes in one cell ("Klimaat; Social return") and an owner without an account
    # must stay possible: the instructions say so.
    assert "puntkomma" in found["Thema's"].prompt
    assert "zonder account" in found["Eigenaar"].prompt


def test_the_lists_are_named_ranges_on_the_list_sheet_not_inline_lists(world):
    data = plan_template_xlsx(plan=world.plan)
    book = book_of(data)
    for validation in validations(data).values():
        assert '"' not in validation.formula1 and "," not in validation.formula1
        ((sheet_name, cells),) = book.defined_names[validation.formula1].destinations
        assert sheet_name == LIST_SHEET
        assert re.fullmatch(r"\$[A-E]\$2:\$[A-E]\$\d+", cells)


def test_the_validation_xml_stays_within_what_excel_accepts(world):
    data = plan_template_xlsx(plan=world.plan)
    for validation in validations(data).values():
        for title in (validation.promptTitle, validation.errorTitle):
            assert len(title or "") <= TITLE_LIMIT
        for message in (validation.prompt, validation.error):
            assert len(message or "") <= MESSAGE_LIMIT
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count("<dataValidation ") == 5
    assert '<dataValidations count="5">' in sheet_xml
    assert "<formula1>Perioden</formula1>" in sheet_xml


def test_list_items_that_look_like_formulas_are_written_as_text(world):
    PeriodFactory(plan=world.plan, name="=SOM(A1)", position=5)
    data = plan_template_xlsx(plan=world.plan)
    assert "'=SOM(A1)" in list_items(data, "Periode")
    sheet = book_of(data)[LIST_SHEET]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_list_without_items_gets_no_validation(world):
    plan = ActionPlanFactory(organisation=world.helmond, slug="zonder-perioden")
    data = plan_template_xlsx(plan=plan)
    assert "Periode" not in validations(data)
    assert "Perioden" not in book_of(data).defined_names


def test_the_instruction_sheet_explains_every_column_and_says_which_are_required(world):
    rows = list(book_of(plan_template_xlsx(plan=world.plan))["Toelichting"].values)
    explained = {row[0]: row for row in rows if row and row[0] and row[2]}
    for column in EXPORTED:
        assert explained[column.header][1] == ("ja" if column.field in REQUIRED else "nee")
    assert "puntkomma" in explained["Thema's"][2]
    assert "peildatum" in explained["Status sinds"][2]
    text = " ".join(str(value) for row in rows for value in row if value)
    assert "dd-mm-jjjj" in text
    assert "Code, Titel, Periode en Status" in text


def test_the_export_carries_the_same_drop_downs_as_the_template(members):
    template = plan_template_xlsx(plan=members.plan)
    export = plan_export_xlsx(plan=members.plan)
    assert book_of(export).sheetnames == ["Acties", LIST_SHEET]
    assert {h: (v.formula1, str(v.sqref)) for h, v in validations(export).items()} == {
        h: (v.formula1, str(v.sqref)) for h, v in validations(template).items()
    }
    for header in ("Periode", "Thema's", "Status", "Eigenaar", "Doorlopend"):
        assert list_items(export, header) == list_items(template, header)


def test_what_the_export_writes_is_in_its_lists(members):
    """An exported value the list would refuse would make Excel complain as soon as a
    user touches the cell."""
    members.owned_action.themes.set([Theme.objects.get(code="klimaat")])
    data = plan_export_xlsx(plan=members.plan)
    rows = sheet_rows(data)
    for header in ("Periode", "Status", "Eigenaar", "Doorlopend"):
        position = rows[0].index(header)
        values = {row[position] for row in rows[1:]} - {None}
        assert values and values <= set(list_items(data, header)), header
    assert "Klimaat" in list_items(data, "Thema's")


def fill_in(template: bytes, rows: list[dict[str, object]]) -> bytes:
    """The template with `rows` typed into its first sheet, as a user would (openpyxl
    keeps the validations and the other sheets)."""
    book = book_of(template)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for number, values in enumerate(rows, start=2):
        for header, value in values.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILLED = [
    {
        "Code": "T1",
        "Titel": "Duurzaam ingekocht",
        "Periode": "Aan de slag in 2017",
        "Thema's": "Klimaat; Circulair (incl. biobased)",
        "Status": "lopend",
        "Status sinds": "01-06-2017",
        "Eigenaar": "Olga Eigenaar",
        "Doorlopend": "nee",
        "Startdatum": date(2017, 5, 1),
    },
    {
        "Code": "T2",
        "Titel": "Zonder datum",
        "Periode": "Actie doorlopend",
        "Status": "voltooid",
        "Eigenaar": "Piet zonder account",
        "Doorlopend": "ja",
    },
]


def assert_filled_rows_imported(plan) -> None:
    t1 = Action.objects.get(plan=plan, code="T1")
    assert (t1.period.name, t1.status, t1.owner.full_name, t1.start_date) == (
        "Aan de slag in 2017",
        Status.RUNNING,
        "Olga Eigenaar",
        date(2017, 5, 1),
    )
    assert sorted(t.code for t in t1.themes.all()) == ["circulair", "klimaat"]
    assert t1.status_changes.get().effective_on == date(2017, 6, 1)
    t2 = Action.objects.get(plan=plan, code="T2")
    assert (t2.status, t2.owner, t2.owner_name, t2.is_continuous) == (
        Status.COMPLETED,
        None,
        "Piet zonder account",
        True,
    )
    # No "Status sinds": the import's date (today, until a baseline date is chosen).
    assert t2.status_changes.get().effective_on == today()


def test_a_template_filled_in_imports_its_rows(members):
    result = run_import(members.plan, fill_in(plan_template_xlsx(plan=members.plan), FILLED))
    assert result.ok, [str(p) for p in result.problems]
    assert (result.created, result.updated) == (2, 0)
    assert_filled_rows_imported(members.plan)


def test_a_chosen_list_item_that_looks_like_a_formula_imports_as_the_name(world):
    PeriodFactory(plan=world.plan, name="=SOM(A1)", position=5)
    template = plan_template_xlsx(plan=world.plan)
    item = next(i for i in list_items(template, "Periode") if "SOM" in i)
    row = {"Code": "F1", "Titel": "Formule", "Periode": item, "Status": "lopend"}
    assert run_import(world.plan, fill_in(template, [row])).ok
    assert Action.objects.get(plan=world.plan, code="F1").period.name == "=SOM(A1)"


def test_an_export_with_its_lists_imported_again_changes_nothing(members):
    members.owned_action.themes.set([Theme.objects.get(code="klimaat")])
    assert validations(plan_export_xlsx(plan=members.plan))
    assert_round_trip_changes_nothing(members.plan)


def needs_libreoffice() -> None:
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs libreoffice-calc-nogui")


def ods_validations(data: bytes) -> dict[str, str]:
    """The content validations of an .ods by name, with their condition, and its named
    ranges."""
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode()
    conditions = re.findall(r'<table:content-validation [^>]*table:condition="([^"]*)"', content)
    ranges = dict(
        re.findall(
            r'<table:named-range table:name="(\w+)"[^>]*table:cell-range-address="([^"]*)"',
            content,
        )
    )
    return {"conditions": " ".join(conditions), **ranges}


def test_libreoffice_keeps_the_lists_in_ods_and_xlsx_and_the_filled_template_imports(
    members, tmp_path
):
    needs_libreoffice()
    filled = fill_in(plan_template_xlsx(plan=members.plan), FILLED)
    ods = convert(filled, tmp_path, suffix=".xlsx", to="ods")
    found = ods_validations(ods)
    for name in ("Perioden", "Themas", "Statussen", "Eigenaren", "JaNee"):
        assert f"cell-content-is-in-list({name})" in found["conditions"]
        assert found[name].startswith(f"$'{LIST_SHEET}'.") or found[name].startswith(
            f"${LIST_SHEET}."
        )
    again = convert(ods, tmp_path, suffix=".ods", to="xlsx:Calc MS Excel 2007 XML")
    kept = validations(again)
    assert {h: v.formula1 for h, v in kept.items()} == {
        "Periode": "Perioden",
        "Thema's": "Themas",
        "Status": "Statussen",
        "Eigenaar": "Eigenaren",
        "Doorlopend": "JaNee",
    }
    # LibreOffice writes a validation into .xlsx only down to 1,000 rows below the
    # last row in use; the filled rows are always among them.
    assert all(int(str(v.sqref).split(":")[1][1:]) >= 1000 for v in kept.values())
    result = run_import(members.plan, ods, filename="plan.ods")
    assert result.ok, [str(p) for p in result.problems]
    assert result.created == 2
    assert_filled_rows_imported(members.plan)


def test_an_export_saved_by_libreoffice_keeps_its_lists(members, tmp_path):
    needs_libreoffice()
    resaved = convert(
        plan_export_xlsx(plan=members.plan),
        tmp_path,
        suffix=".xlsx",
        to="xlsx:Calc MS Excel 2007 XML",
    )
    assert set(validations(resaved)) == {"Periode", "Thema's", "Status", "Eigenaar", "Doorlopend"}
    assert list_items(resaved, "Status") == list(STATUS_DUTCH.values())


def test_libreoffice_prints_every_instruction_in_full(world, tmp_path):
    """Wrapped text in a row too low is cut off on screen and on paper."""
    needs_libreoffice()
    pdf = convert(plan_template_xlsx(plan=world.plan), tmp_path, suffix=".xlsx", to="pdf")
    printed = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    texts = [*COLUMN_HELP.values(), *(text for _topic, text in GENERAL_HELP), NOTE_HELP[1]]
    assert [text for text in texts if " ".join(text.split()) not in printed] == []
