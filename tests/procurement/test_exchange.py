"""Import and export of tenders and contracts (issue 5, item 8): headers in any order,
all rows or none, "Rij N, kolom X" problems, .xlsx and .ods, and a round trip that
changes nothing."""

import shutil
import subprocess
import uuid
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange.tables import Table, render_table
from mvimonitor.plans.models import Theme
from mvimonitor.procurement.exchange.services import (
    contracts_export,
    contracts_import,
    tenders_export,
    tenders_import,
)
from mvimonitor.procurement.models import Contract, Supplier, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.services import tenders as tender_services
from tests.factories import ActionFactory, ActionPlanFactory, PeriodFactory
from tests.procurement.factories import (
    AppliedThemeFactory,
    ContractFactory,
    SupplierFactory,
    TenderFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2017, 9, 20)
TENDER_HEADERS = ["Kenmerk", "Titel", "Fase", "CPV-codes", "Geraamde waarde", "MVI-thema's"]
CONTRACT_HEADERS = [
    "Kenmerk",
    "Titel",
    "Opdrachtnemer",
    "KvK-nummer",
    "Gegund op",
    "Startdatum",
    "Einddatum",
]


pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def sheet(headers, *rows, fmt="xlsx") -> bytes:
    return render_table(Table(title="Blad1", headers=headers, rows=rows), fmt)


def import_tenders(world, data, filename="aanbestedingen.xlsx"):
    with acting_as(world.coordinator, label="test import"):
        return tenders_import(
            organisation=world.helmond, data=data, filename=filename, by=world.coordinator
        )


def import_contracts(world, data, filename="opdrachten.xlsx"):
    with acting_as(world.coordinator, label="test import"):
        return contracts_import(
            organisation=world.helmond, data=data, filename=filename, by=world.coordinator
        )


def problems(result) -> list[str]:
    return [str(p) for p in result.problems]


def theme(code):
    return Theme.objects.get(organisation=None, code=code)


@pytest.fixture
def register(world):
    """A small register: a tender with themes applied, actions and a buyer, one that
    moved on a phase, and contracts with and without a tender."""
    groen = TenderFactory(
        organisation=world.helmond,
        reference="AB-2017-001",
        title="Groenonderhoud =2018",
        description="Twee  spaties\nen een tweede regel",
        cpv_codes=["77310000-6"],
        buyer=world.editor,
        department="Stadsbeheer",
        registered_on=date(2017, 3, 1),
    )
    AppliedThemeFactory(
        tender=groen,
        theme=theme("social-return"),
        as_award=False,
        as_requirement=True,
        as_contract_clause=True,
        ambition_level=2,
        criteria_ids="SR-1",
        note="5%",
    )
    AppliedThemeFactory(tender=groen, theme=theme("circulair"), ambition_level=None)
    tender_services.tender_link_actions(
        tender=groen, actions=[world.owned_action, world.unowned_action], by=None
    )
    stop = TenderFactory(
        organisation=world.helmond,
        reference="AB-2017-002",
        title="Stop and Go",
        buyer_name="J. de Inkoper",
        procedure=Tender.Procedure.MULTIPLE_PRIVATE,
        estimated_value=None,
        registered_on=date(2017, 2, 1),
    )
    tender_services.tender_change_phase(
        tender=stop, to_phase=Phase.AWARD, effective_on=date(2017, 6, 1), by=None, version=1
    )
    supplier = SupplierFactory(
        organisation=world.helmond, name="Zorgtech BV", kvk_number="09012345"
    )
    ContractFactory(
        tender=stop,
        reference="OV-2017-002",
        lot="Perceel 1",
        supplier=supplier,
        awarded_value=Decimal("1250000.50"),
        extension_options=2,
        extension_months=12,
    )
    ContractFactory(
        tender=None,
        organisation=world.helmond,
        reference="OV-2017-003",
        supplier=SupplierFactory(
            organisation=world.helmond, name="-Buitenland GmbH", kvk_number="", city=""
        ),
        awarded_value=None,
    )
    TenderFactory(organisation=world.other, reference="AB-2017-001")
    return groen, stop


# Round trip


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_exporting_and_importing_the_register_changes_nothing(world, register, fmt):
    entries = AuditEntry.objects.count()
    versions = sorted(Tender.objects.values_list("pk", "version"))

    tenders = import_tenders(world, tenders_export(organisation=world.helmond, fmt=fmt), f"t.{fmt}")
    contracts = import_contracts(
        world, contracts_export(organisation=world.helmond, fmt=fmt), f"c.{fmt}"
    )

    assert problems(tenders) == problems(contracts) == []
    assert (tenders.unchanged, contracts.unchanged) == (2, 2)
    assert AuditEntry.objects.count() == entries
    assert sorted(Tender.objects.values_list("pk", "version")) == versions


def libreoffice_saves(data: bytes, tmp_path, *, to: str) -> bytes:
    """The .ods `data` opened and saved again by LibreOffice as `to`, as a user would."""
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs libreoffice-calc-nogui")
    source, out = tmp_path / "in" / "register.ods", tmp_path / "out"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file:///tmp/lo-profile-{uuid.uuid4().hex}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    (saved,) = out.iterdir()
    content = saved.read_bytes()
    saved.unlink()
    assert content != data
    return content


@pytest.mark.slow
@pytest.mark.parametrize("to", ["ods", "xlsx:Calc MS Excel 2007 XML"])
def test_an_ods_export_saved_again_by_libreoffice_imports_without_changes(
    world, register, tmp_path, to
):
    entries = AuditEntry.objects.count()
    for export, run in [(tenders_export, import_tenders), (contracts_export, import_contracts)]:
        resaved = libreoffice_saves(export(organisation=world.helmond, fmt="ods"), tmp_path, to=to)
        result = run(world, resaved, "register." + to.split(":")[0])
        assert problems(result) == []
        assert result.unchanged == 2
    assert AuditEntry.objects.count() == entries


def test_a_buyer_entered_as_a_name_stays_a_name_when_a_colleague_has_it(world):
    tender = TenderFactory(organisation=world.helmond, buyer_name=world.editor.full_name)
    result = import_tenders(world, tenders_export(organisation=world.helmond))
    assert (problems(result), result.unchanged) == ([], 1)
    tender.refresh_from_db()
    assert (tender.buyer, tender.buyer_name, tender.version) == (None, world.editor.full_name, 1)


def test_the_export_writes_readable_cells(world, register):
    from tests.exchange.conftest import sheet_rows

    rows = sheet_rows(tenders_export(organisation=world.helmond))
    header, groen, stop = rows
    cell = dict(zip(header, groen, strict=True))
    assert cell["Titel"] == "Groenonderhoud =2018"
    assert cell["Omschrijving"] == "Twee  spaties\nen een tweede regel"
    assert cell["MVI-thema's"] == (
        "Circulair (incl. biobased): gunningscriterium; "
        "Social return (niveau 2): eis, contractbepaling"
    )
    assert cell["Acties"] == "A1, A2"
    assert cell["Inkoper"] == world.editor.full_name
    assert cell["CPV-codes"] == "77310000-6"
    assert cell["Geregistreerd op"] == date(2017, 3, 1)
    stop_cell = dict(zip(header, stop, strict=True))
    assert (stop_cell["Fase"], stop_cell["Fase sinds"]) == ("gunning", date(2017, 6, 1))
    assert stop_cell["Procedure"] == "Meervoudig onderhands"

    header, *contract_rows = sheet_rows(contracts_export(organisation=world.helmond, fmt="xlsx"))
    stop_contract, foreign = (dict(zip(header, r, strict=True)) for r in contract_rows)
    assert foreign["Opdrachtnemer"] == "'-Buitenland GmbH"  # neutralised, read back exactly
    assert (stop_contract["KvK-nummer"], stop_contract["Gunningswaarde"]) == ("09012345", 1250000.5)
    assert (stop_contract["Aanbesteding"], foreign["Aanbesteding"]) == ("AB-2017-002", None)


# Tenders


def test_an_import_creates_tenders_with_themes_actions_and_a_history(world):
    data = sheet(
        ["MVI-thema's", "Acties", "Titel", "Kenmerk", "Fase", "Geregistreerd op", "Procedure"],
        [
            "Social return (niveau 3): eis; klimaat: gunningscriterium, contractbepaling",
            "A1; helmond-mvi:A2",
            "WMO Hulpmiddelen",
            "AB-2017-010",
            "publicatie",
            date(2017, 5, 1),
            "europees openbaar",
        ],
    )
    result = import_tenders(world, data)

    assert problems(result) == []
    assert result.created == 1
    tender = Tender.objects.get(reference="AB-2017-010")
    assert (tender.title, tender.phase, tender.procedure) == (
        "WMO Hulpmiddelen",
        Phase.PUBLICATION,
        Tender.Procedure.EU_OPEN,
    )
    applied = {a.theme.code: a for a in tender.applied_themes.all()}
    assert (applied["social-return"].as_requirement, applied["social-return"].ambition_level) == (
        True,
        3,
    )
    assert (applied["klimaat"].as_award, applied["klimaat"].as_contract_clause) == (True, True)
    assert {a.code for a in tender.actions.all()} == {"A1", "A2"}
    (row,) = tender.phase_changes.all()
    assert (row.from_phase, row.to_phase, row.effective_on) == (
        None,
        Phase.PUBLICATION,
        date(2017, 5, 1),
    )


def test_headers_in_any_order_and_in_english_are_read(world):
    data = sheet(["phase", "TITLE", "reference"], ["gunning", "Facilitair", "AB-1"])
    result = import_tenders(world, data)
    assert problems(result) == []
    assert Tender.objects.get(reference="AB-1").phase == Phase.AWARD


def test_a_new_phase_appends_a_history_row_effective_on_the_import_date(world, register):
    groen, _stop = register
    result = import_tenders(
        world, sheet(["Kenmerk", "Titel", "Fase"], ["ab-2017-001", groen.title, "publicatie"])
    )

    assert problems(result) == []
    assert result.history_changes == 1
    latest = TenderPhaseChange.objects.filter(tender=groen).order_by("-id").first()
    assert (latest.from_phase, latest.to_phase, latest.effective_on) == (
        Phase.PREPARATION,
        Phase.PUBLICATION,
        TODAY,
    )


def test_a_new_phase_takes_the_date_in_fase_sinds(world, register):
    groen, _stop = register
    data = sheet(
        ["Kenmerk", "Titel", "Fase", "Fase sinds"],
        ["AB-2017-001", groen.title, "publicatie", "01-09-2017"],
    )
    assert problems(import_tenders(world, data)) == []
    assert groen.phase_changes.order_by("-id").first().effective_on == date(2017, 9, 1)


def test_changed_themes_keep_their_criteria_and_note_and_left_out_ones_are_removed(world, register):
    groen, _stop = register
    data = sheet(
        ["Kenmerk", "Titel", "MVI-thema's"],
        ["AB-2017-001", groen.title, "social-return: gunningscriterium"],
    )
    assert problems(import_tenders(world, data)) == []
    (applied,) = groen.applied_themes.all()
    assert (applied.as_award, applied.as_requirement, applied.ambition_level) == (True, False, None)
    assert (applied.criteria_ids, applied.note) == ("SR-1", "5%")


def test_an_action_code_used_in_two_plans_needs_the_plans_name(world):
    second = ActionPlanFactory(organisation=world.helmond, slug="mvi-2021")
    ActionFactory(period=PeriodFactory(plan=second), code="A1")
    data = sheet(["Kenmerk", "Titel", "Acties"], ["AB-1", "Groen", "A1"])
    assert problems(import_tenders(world, data)) == [
        "Row 2, column Acties: More than one plan has an action “A1”; write the plan's short "
        "name in front, such as helmond-mvi:A1."
    ]
    data = sheet(["Kenmerk", "Titel", "Acties"], ["AB-1", "Groen", "mvi-2021:A1"])
    assert problems(import_tenders(world, data)) == []


@pytest.mark.parametrize(
    ("headers", "row", "expected"),
    [
        (
            ["Kenmerk", "Titel", "Fase"],
            ["AB-1", "Groen", "klaar"],
            "Row 2, column Fase: “klaar” is not a phase.",
        ),
        (
            ["Kenmerk", "Titel", "CPV-codes"],
            ["AB-1", "Groen", "77310000-5"],
            "Row 2, column CPV-codes: The check digit of CPV code “77310000-5” is not right",
        ),
        (
            ["Kenmerk", "Titel", "CPV-codes"],
            ["AB-1", "Groen", "7731"],
            "Row 2, column CPV-codes: “7731” is not a CPV code",
        ),
        (["Kenmerk", "Titel"], ["AB-1", "  "], "Row 2, column Titel: This value is required."),
        (
            ["Kenmerk", "Titel", "MVI-thema's"],
            ["AB-1", "Groen", "Klimaat"],
            "Row 2, column MVI-thema's: Say how the theme “Klimaat” is applied",
        ),
        (
            ["Kenmerk", "Titel", "MVI-thema's"],
            ["AB-1", "Groen", "Vrede: eis"],
            "Row 2, column MVI-thema's: “Vrede” is not a known theme.",
        ),
        (
            ["Kenmerk", "Titel", "MVI-thema's"],
            ["AB-1", "Groen", "Klimaat: misschien"],
            "Row 2, column MVI-thema's: “misschien” is not a way to apply a theme",
        ),
        (
            ["Kenmerk", "Titel", "Geraamde waarde"],
            ["AB-1", "Groen", "veel"],
            "Row 2, column Geraamde waarde: “veel” is not an amount.",
        ),
        (
            ["Kenmerk", "Titel", "Acties"],
            ["AB-1", "Groen", "X1"],
            "Row 2, column Acties: There is no action “X1”",
        ),
        (
            ["Kenmerk", "Titel", "Fase"],
            ["AB-1", "Groen", "ingetrokken"],
            "Row 2, column Fase: A tender cannot be registered as withdrawn.",
        ),
        (
            ["Kenmerk", "Titel", "Geregistreerd op"],
            ["AB-1", "Groen", date(2018, 1, 1)],
            "Row 2, column Geregistreerd op: A tender cannot be registered on a date in the "
            "future.",
        ),
        (["Titel"], ["Groen"], "Row 1, column Kenmerk: This column is missing."),
        (
            ["Kenmerk", "Titel", "Titel"],
            ["AB-1", "Groen", "Groen"],
            "Row 1, column Titel: This column appears more than once.",
        ),
    ],
)
def test_every_error_is_named_by_row_and_column_and_nothing_is_saved(world, headers, row, expected):
    good = ["AB-9", "Goed", *[None] * (len(headers) - 2)] if len(headers) >= 2 else None
    rows = [row, good] if good and headers[:2] == ["Kenmerk", "Titel"] else [row]
    result = import_tenders(world, sheet(headers, *rows))

    assert any(p.startswith(expected) for p in problems(result)), problems(result)
    assert not Tender.objects.filter(organisation=world.helmond).exists()
    assert result.created == 0


def test_a_reference_twice_in_the_file_is_refused(world):
    data = sheet(["Kenmerk", "Titel"], ["AB-1", "Groen"], ["ab-1", "Groen bis"])
    assert problems(import_tenders(world, data)) == [
        "Row 3, column Kenmerk: The reference “ab-1” is also in row 2; it may appear only once."
    ]
    assert not Tender.objects.exists()


def test_a_forbidden_phase_change_is_reported_and_nothing_is_saved(world, register):
    groen, stop = register
    data = sheet(
        ["Kenmerk", "Titel", "Fase"],
        ["AB-2017-002", "Stop and Go (nieuw)", "voorbereiding"],
        ["AB-2017-001", groen.title, "afgerond"],
    )
    result = import_tenders(world, data)
    assert problems(result) == [
        "Row 2, column Fase: A tender cannot move from the phase “award” to “preparation”.",
        "Row 3, column Fase: A tender cannot move from the phase “preparation” to “completed”.",
    ]
    stop.refresh_from_db()
    assert (stop.title, stop.phase) == ("Stop and Go", Phase.AWARD)


def test_an_ods_file_is_imported_like_an_xlsx_file(world):
    data = sheet(["Kenmerk", "Titel", "Fase"], ["AB-1", "Zwemvoorziening", "gunning"], fmt="ods")
    result = import_tenders(world, data, filename="aanbestedingen.ods")
    assert problems(result) == []
    assert Tender.objects.get(reference="AB-1").title == "Zwemvoorziening"


def test_a_csv_file_is_imported_like_a_spreadsheet(world):
    data = "Kenmerk;Titel;Geraamde waarde\nAB-1;Groen café;1.250.000,50\n".encode("cp1252")
    result = import_tenders(world, data, filename="aanbestedingen.csv")
    assert problems(result) == []
    tender = Tender.objects.get(reference="AB-1")
    assert (tender.title, tender.estimated_value) == ("Groen café", Decimal("1250000.50"))


def test_a_file_that_is_not_a_spreadsheet_is_refused(world):
    result = import_tenders(world, b"%PDF-1.4\n\x00\x01", filename="t.pdf")
    assert "or CSV file" in problems(result)[0]


def test_problems_read_in_dutch_for_a_dutch_user(world):
    with translation.override("nl"):
        result = import_tenders(world, sheet(["Kenmerk", "Titel"], ["AB-1", ""]))
        text = str(result.problems[0])
    assert text.startswith(("Rij 2, kolom Titel", "Row 2, column Titel"))


# Contracts


def test_a_contract_import_creates_suppliers_by_kvk_number_or_by_name(world, register):
    data = sheet(
        [
            *CONTRACT_HEADERS,
            "Aanbesteding",
            "Plaats",
            "Verlengingsopties",
            "Maanden per verlenging",
        ],
        [
            "OV-10",
            "Perceel Noord",
            "Groen BV",
            "1700 1234",
            date(2017, 7, 1),
            date(2017, 9, 1),
            date(2019, 8, 31),
            "AB-2017-001",
            "Deurne",
            1,
            24,
        ],
        [
            "OV-11",
            "Perceel Zuid",
            "Groen BV",
            "17001234",
            date(2017, 7, 1),
            date(2017, 9, 1),
            date(2019, 8, 31),
            "ab-2017-001",
            "Deurne",
            None,
            None,
        ],
        [
            "OV-12",
            "Schoonmaak",
            "Schoon & Zo",
            None,
            date(2017, 8, 1),
            date(2017, 9, 1),
            date(2018, 8, 31),
            None,
            "Helmond",
            0,
            None,
        ],
        [
            "OV-13",
            "Software",
            "Zorgtech BV",
            "09012345",
            date(2017, 8, 1),
            date(2017, 9, 1),
            date(2018, 8, 31),
            None,
            "",
            0,
            None,
        ],
    )
    result = import_contracts(world, data)

    assert problems(result) == []
    assert result.created == 4
    groen = Supplier.objects.get(kvk_number="17001234")
    assert (groen.name, groen.city) == ("Groen BV", "Deurne")
    assert Supplier.objects.get(name="Schoon & Zo").kvk_number == ""
    assert Contract.objects.get(reference="OV-13").supplier.name == "Zorgtech BV"
    north = Contract.objects.get(reference="OV-10")
    assert (
        north.tender.reference,
        north.supplier,
        north.extension_options,
        north.extension_months,
    ) == ("AB-2017-001", groen, 1, 24)
    assert Supplier.objects.filter(organisation=world.helmond).count() == 4


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"KvK-nummer": "1234567"},
            "Row 2, column KvK-nummer: A KvK number has 8 digits; “1234567” has 7.",
        ),
        (
            {"Aanbesteding": "AB-404"},
            "Row 2, column Aanbesteding: There is no tender with the reference “AB-404”",
        ),
        (
            {"Einddatum": date(2017, 1, 1)},
            "Row 2, column Einddatum: The end date lies before the start date.",
        ),
        (
            {"Verlengingsopties": 2},
            "Row 2, column Maanden per verlenging: A contract with options to extend needs",
        ),
        ({"Gegund op": "gisteren"}, "Row 2, column Gegund op: “gisteren” is not a date."),
        ({"Titel": ""}, "Row 2, column Titel: This value is required."),
    ],
)
def test_contract_errors_are_named_and_nothing_is_saved(world, register, changes, expected):
    headers = [*CONTRACT_HEADERS, "Aanbesteding", "Verlengingsopties", "Maanden per verlenging"]
    base = dict(
        zip(
            headers,
            [
                "OV-20",
                "Nieuw",
                "Nieuw BV",
                "17009999",
                date(2017, 7, 1),
                date(2017, 9, 1),
                date(2018, 8, 31),
                "",
                0,
                None,
            ],
            strict=True,
        )
    )
    good = [
        "OV-21",
        "Goed",
        "Goed BV",
        "17008888",
        date(2017, 7, 1),
        date(2017, 9, 1),
        date(2018, 8, 31),
        "",
        0,
        None,
    ]
    row = [{**base, **changes}[h] for h in headers]
    suppliers = Supplier.objects.count()

    result = import_contracts(world, sheet(headers, row, good))

    assert any(p.startswith(expected) for p in problems(result)), problems(result)
    assert not Contract.objects.filter(reference__in=["OV-20", "OV-21"]).exists()
    assert Supplier.objects.count() == suppliers


def test_rows_naming_one_supplier_differently_are_refused(world):
    dates = [date(2017, 7, 1), date(2017, 9, 1), date(2018, 8, 31)]
    data = sheet(
        CONTRACT_HEADERS,
        ["OV-1", "Een", "Groen BV", "17001234", *dates],
        ["OV-2", "Twee", "Groen B.V.", "17001234", *dates],
    )
    assert problems(import_contracts(world, data)) == [
        "Row 3, column Opdrachtnemer: Row 2 names this supplier “Groen BV”; give the supplier "
        "the same name and city in every row."
    ]


def test_a_supplier_found_by_kvk_number_takes_the_name_in_the_file(world, register):
    data = sheet(
        [
            *CONTRACT_HEADERS,
            "Aanbesteding",
            "Perceel",
            "Gunningswaarde",
            "Verlengingsopties",
            "Maanden per verlenging",
        ],
        [
            "OV-2017-002",
            Contract.objects.get(reference="OV-2017-002").title,
            "ZorgTech B.V.",
            "09012345",
            date(2017, 7, 1),
            date(2017, 9, 1),
            date(2019, 8, 31),
            "AB-2017-002",
            "Perceel 1",
            1250000.5,
            2,
            12,
        ],
    )
    result = import_contracts(world, data)
    assert problems(result) == []
    assert result.updated == 1
    assert Supplier.objects.get(kvk_number="09012345").name == "ZorgTech B.V."
