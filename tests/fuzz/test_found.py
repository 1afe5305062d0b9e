"""What the fuzzing of the importers found (issue 12, quality bar), each case kept as a
small test of its own: the examples hypothesis shrank a failure to, written out."""

import io
import struct
import zipfile

import pytest

from mvimonitor.plans.models import Action
from mvimonitor.procurement.models import Contract, Supplier, Tender
from tests.exchange.conftest import run_import, xlsx
from tests.fuzz.ods_package import write_ods
from tests.fuzz.workbooks import Formula, SheetSpec, WorkbookSpec
from tests.procurement.test_exchange import import_contracts, import_tenders

pytestmark = pytest.mark.usefixtures("english", "frozen_today")

DAMAGED = (
    "The file is damaged and cannot be read. Open it in Excel or LibreOffice, save it again "
    "as .xlsx or .ods and try again."
)

#: Each importer, and a sheet it would otherwise save: (run, rows, saved records).
IMPORTERS = {
    "plan": (
        lambda world, data: run_import(world.plan, data),
        [
            ["Code", "Titel", "Periode", "Status", "Afdeling"],
            ["N1", "Titel", "Aan de slag in 2017", "lopend", "Inkoop"],
        ],
        lambda world: Action.objects.filter(plan=world.plan, code="N1"),
    ),
    "tender": (
        import_tenders,
        [["Kenmerk", "Titel", "Afdeling"], ["AB-1", "Titel", "Inkoop"]],
        lambda world: Tender.objects.filter(organisation=world.helmond, reference="AB-1"),
    ),
    "contract": (
        import_contracts,
        [
            ["Kenmerk", "Titel", "Opdrachtnemer", "Gegund op", "Startdatum", "Einddatum", "Plaats"],
            ["OV-1", "Titel", "Groen BV", "01-06-2017", "01-07-2017", "30-06-2019", "Helmond"],
        ],
        lambda world: Contract.objects.filter(organisation=world.helmond, reference="OV-1"),
    ),
}


def member_needs_zip_version(data: bytes, version: int) -> bytes:
    """The package with its workbook part marked as needing a newer zip version."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                info.extract_version = version
            target.writestr(info, content)
    return out.getvalue()


def member_badly_compressed(data: bytes) -> bytes:
    """The package with the start of its workbook part's compressed data overwritten."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/workbook.xml")
    changed = bytearray(data)
    name, extra = struct.unpack("<HH", changed[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name + extra
    changed[start : start + 4] = b"\xff\xff\xff\xff"
    return bytes(changed)


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: member_needs_zip_version(data, 99), id="zip-version-9.9"),
        pytest.param(member_badly_compressed, id="broken-deflate-stream"),
    ],
)
def test_a_package_zipfile_cannot_unpack_is_refused_as_damaged(world, importer, damage):
    run, rows, saved = IMPORTERS[importer]
    result = run(world, damage(xlsx(rows)))

    assert [(p.row, p.message) for p in result.problems] == [(None, DAMAGED)]
    assert not saved(world).exists()


FORMULA = (
    "This cell holds a formula without a calculated value; open the file in Excel or "
    "LibreOffice and save it, or paste the values."
)


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("last", [True, False], ids=["last-column", "inner-column"])
def test_an_ods_formula_without_a_calculated_value_is_refused_by_every_import(
    world, importer, last
):
    run, (header, row), saved = IMPORTERS[importer]
    cells = [*row[:-1], Formula("B2")]
    if not last:  # another cell to its right, so that the reader's rows reach past it
        header, cells = [*header, "Opmerking"], [*cells, "x"]
    ods = write_ods(WorkbookSpec([SheetSpec.of_rows("Blad1", [header, cells])]))
    result = run(world, ods)

    assert [str(p) for p in result.problems] == [f"Row 2, column {row_header(importer)}: {FORMULA}"]
    assert not saved(world).exists()


def row_header(importer: str) -> str:
    return IMPORTERS[importer][1][0][-1]


def test_a_tender_reference_far_too_long_is_refused_with_a_message(world, register):
    # 30,000 characters fit in a cell (32,767); as UTF-8 they take 60,000 bytes. SQLite
    # compares them with the organisation's tenders (the register has some).
    result = import_tenders(world, xlsx([["Kenmerk", "Titel"], ["é" * 30_000, "Titel"]]))

    assert [(p.row, p.column) for p in result.problems] == [(2, "Kenmerk")]
    assert not Tender.objects.filter(organisation=world.helmond, title="Titel").exists()


SUPPLIER_HEADERS = ["Kenmerk", "Titel", "Opdrachtnemer", "KvK-nummer", "Plaats"]
DATES = ["Gegund op", "Startdatum", "Einddatum"], ["01-06-2017", "01-07-2017", "30-06-2019"]


def contracts(*rows: list[object]) -> bytes:
    return xlsx([SUPPLIER_HEADERS + DATES[0], *([*row, *DATES[1]] for row in rows)])


def test_rows_naming_one_supplier_by_kvk_number_and_by_name_must_agree_on_its_city(world, register):
    # "-Buitenland GmbH" has no KvK number yet: the first row gives it one.
    data = contracts(
        ["OV-1", "T", "-Buitenland GmbH", "01986227", ""],
        ["OV-2", "T", "-Buitenland GmbH", None, "Helmond"],
    )
    result = import_contracts(world, data)

    assert [(p.row, p.column) for p in result.problems] == [(3, "Opdrachtnemer")]
    assert not Contract.objects.filter(organisation=world.helmond, reference="OV-1").exists()


AMBIGUOUS = "More than one supplier is called “Zorgtech BV”; add the KvK number."


@pytest.mark.parametrize(
    "name_only_first",
    [
        True,
        False,
    ],
)
def test_a_supplier_named_only_by_a_name_the_file_gives_two_suppliers_is_refused_in_any_order(
    world, register, name_only_first
):
    # Zorgtech BV has KvK number 09012345; the file gives a second one that name.
    by_name = ["OV-1", "T", "Zorgtech BV", None, "Helmond"]
    by_kvk = ["OV-2", "T", "Zorgtech BV", "11112222", "Helmond"]
    rows = [by_name, by_kvk] if name_only_first else [by_kvk, by_name]
    result = import_contracts(world, contracts(*rows))

    name_only_row = 2 if name_only_first else 3
    assert [(p.row, p.message) for p in result.problems] == [(name_only_row, AMBIGUOUS)]
    assert not Supplier.objects.filter(kvk_number="11112222").exists()


def test_two_contracts_of_a_supplier_given_its_kvk_number_in_the_file_are_saved(world, register):
    row = ["-Buitenland GmbH", "01986227", ""]
    result = import_contracts(world, contracts(["OV-1", "T", *row], ["OV-2", "T", *row]))

    assert result.ok, [str(p) for p in result.problems]
    supplier = Supplier.objects.get(organisation=world.helmond, kvk_number="01986227")
    assert {"OV-1", "OV-2", "OV-2017-003"} == set(
        supplier.contracts.values_list("reference", flat=True)
    )


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("control", ["\x7f", "\x9b"], ids=["DEL", "CSI"])
def test_a_control_character_a_cell_can_hold_is_refused_by_every_import(world, importer, control):
    run, rows, saved = IMPORTERS[importer]
    header, row = rows
    result = run(world, xlsx([header, [*row[:-1], f"In{control}koop"]]))

    assert [(p.row, p.column) for p in result.problems] == [(2, header[-1])]
    assert not saved(world).exists()


AMOUNT_COLUMNS = {
    "tender": (import_tenders, ["Kenmerk", "Titel", "Geraamde waarde"], ["AB-1", "T"]),
    "contract": (
        import_contracts,
        [
            "Kenmerk",
            "Titel",
            "Opdrachtnemer",
            "Gegund op",
            "Startdatum",
            "Einddatum",
            "Gunningswaarde",
        ],
        ["OV-1", "T", "Groen BV", "01-06-2017", "01-07-2017", "30-06-2019"],
    ),
}


def one_row_ods(header: list[str], row: list[object]) -> bytes:
    """An .ods, which can hold what .xlsx cannot (inf as a number cell)."""
    return write_ods(WorkbookSpec([SheetSpec.of_rows("Blad1", [header, row])]))


@pytest.mark.parametrize("importer", AMOUNT_COLUMNS)
@pytest.mark.parametrize(
    "amount",
    [1e30, -1e30, "1" + "0" * 30 + ",00", float("inf"), "²", "12,5²"],
    ids=["1e30", "-1e30", "thirty-digits", "infinity", "superscript", "superscript-cents"],
)
def test_an_amount_the_register_cannot_hold_is_refused_with_a_message(world, importer, amount):
    run, header, row = AMOUNT_COLUMNS[importer]
    result = run(world, one_row_ods(header, [*row, amount]))

    assert [(p.row, p.column) for p in result.problems] == [(2, header[-1])]
    assert not Tender.objects.filter(reference="AB-1").exists()
    assert not Contract.objects.filter(reference="OV-1").exists()


COUNT_HEADER = [*AMOUNT_COLUMNS["contract"][1][:-1], "Verlengingsopties", "Maanden per verlenging"]


@pytest.mark.parametrize(
    ("count", "message"),
    [
        pytest.param(
            40_000,
            "“40000” is too large; the largest number here is 32767.",
            id="over-the-column",
        ),
        pytest.param(
            "²",
            "“²” is not a whole number.",
            id="superscript",
        ),
    ],
)
def test_a_count_the_register_cannot_hold_is_refused_with_its_own_message(world, count, message):
    row = [*AMOUNT_COLUMNS["contract"][2], count, 12]
    result = import_contracts(world, one_row_ods(COUNT_HEADER, row))

    assert [str(p) for p in result.problems] == [f"Row 2, column Verlengingsopties: {message}"]
    assert not Contract.objects.filter(reference="OV-1").exists()


def test_a_supplier_given_its_kvk_number_takes_the_files_name_at_once(world, register):
    data = contracts(["OV-1", "T", "-BUITENLAND GMBH", "01986227", ""])
    first = import_contracts(world, data)
    again = import_contracts(world, data)

    assert first.ok and again.ok
    assert Supplier.objects.get(kvk_number="01986227").name == "-BUITENLAND GMBH"
    assert (again.created, again.updated) == (0, 0)
