"""The export, and the promise that an export imported again changes nothing."""

import shutil
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange.columns import EXPORTED
from mvimonitor.exchange.services import plan_export_xlsx
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.text import strip_control
from tests.exchange.conftest import FILES, convert, run_import, sheet_rows
from tests.factories import ActionFactory


def snapshot(plan: ActionPlan) -> list[tuple]:
    """Every stored value of the plan's actions, their themes and history."""
    rows = []
    for a in Action.objects.filter(plan=plan).order_by("code").prefetch_related("themes"):
        rows.append(
            (
                a.code,
                a.title,
                a.description,
                a.period_id,
                a.status,
                a.owner_id,
                a.owner_name,
                a.department,
                a.start_date,
                a.due_date,
                a.is_continuous,
                a.result,
                a.added_on,
                a.withdrawn_on,
                a.version,
                sorted(t.pk for t in a.themes.all()),
                list(a.status_changes.order_by("id").values_list("id", flat=True)),
            )
        )
    return rows


def assert_round_trip_changes_nothing(
    plan: ActionPlan, *, data: bytes | None = None, filename="plan.xlsx"
):
    before = snapshot(plan)
    history, audit = StatusChange.objects.count(), AuditEntry.objects.count()
    result = run_import(
        plan, data if data is not None else plan_export_xlsx(plan=plan), filename=filename
    )
    assert result.ok, [str(p) for p in result.problems]
    assert (result.created, result.updated, result.history_changes) == (0, 0, 0)
    assert snapshot(plan) == before
    assert (StatusChange.objects.count(), AuditEntry.objects.count()) == (history, audit)


@pytest.fixture
def rich_plan(world, frozen_today):
    """World's plan with every field in use: themes (national and own), an owner by
    account and one by name, texts with line breaks and formula characters, dates, a
    continuous action, history with several rows, and a withdrawn action."""
    world.owner.full_name = "Olga Eigenaar"
    world.owner.save()
    own = Theme.objects.create(
        organisation=world.helmond, code="eigen", name="Eigen; thema", name_en="Own"
    )
    period = world.plan.periods.get(name="Actie doorlopend")
    a1 = world.owned_action
    services.action_update(
        action=a1,
        expected_version=a1.version,
        by=None,
        description="Regel 1\nRegel 2\r\nmet =SOM(A1) erin",
        department="=Inkoop",
        start_date=date(2017, 4, 3),
        due_date=date(2017, 12, 31),
        result="-5% CO2",
        themes=[own, Theme.objects.get(code="klimaat")],
    )
    services.action_change_status(
        action=a1, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 9, 1)
    )
    ActionFactory(
        period=period,
        code="D1",
        title="@doorlopend",
        is_continuous=True,
        owner_name="Piet van Inkoop",
        status=Status.RUNNING,
        status_since=date(2017, 4, 1),
    )
    ActionFactory(
        period=period,
        code="N1",
        title="+ nieuw",
        added_on=date(2017, 8, 28),
        status=Status.RUNNING,
        status_since=date(2017, 8, 28),
    )
    gone = ActionFactory(period=period, code="W1", title="Ingetrokken")
    services.action_withdraw(action=gone, expected_version=gone.version, by=None)
    return world.plan


def test_the_export_has_the_dutch_headers_real_dates_and_leaves_withdrawn_actions_out(rich_plan):
    rows = sheet_rows(plan_export_xlsx(plan=rich_plan))
    assert rows[0] == tuple(c.header for c in EXPORTED)
    assert rows[0][:6] == ("Code", "Titel", "Omschrijving", "Periode", "Thema's", "Status")
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert sorted(by_code) == ["A1", "A2", "D1", "N1"]
    a1 = by_code["A1"]
    assert (a1["Status"], a1["Status sinds"], a1["Toegevoegd op"]) == (
        "voltooid",
        date(2017, 9, 1),
        date(2017, 4, 1),
    )
    assert a1["Thema's"] == "eigen; Klimaat"  # the own theme's name holds the separator
    assert (a1["Eigenaar"], a1["Doorlopend"], a1["Einddatum"]) == (
        "Olga Eigenaar",
        "nee",
        date(2017, 12, 31),
    )
    assert (by_code["D1"]["Eigenaar"], by_code["D1"]["Doorlopend"]) == ("Piet van Inkoop", "ja")


def test_cells_that_would_be_formulas_are_written_as_text(rich_plan):
    rows = sheet_rows(plan_export_xlsx(plan=rich_plan))
    by_code = {row[0]: row for row in rows[1:]}
    assert "'@doorlopend" in by_code["D1"]
    assert "'+ nieuw" in by_code["N1"]
    assert {"'=Inkoop", "'-5% CO2"} <= set(by_code["A1"])
    # Nothing in the file is a formula: every cell is a value.
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(plan_export_xlsx(plan=rich_plan))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_only_the_given_actions_of_the_plan_are_exported(rich_plan, world):
    chosen = Action.objects.filter(code__in=["A1", "X1"])  # X1 is another organisation's
    assert [row[0] for row in sheet_rows(plan_export_xlsx(plan=rich_plan, actions=chosen))[1:]] == [
        "A1"
    ]


def test_export_then_import_changes_nothing(rich_plan):
    assert_round_trip_changes_nothing(rich_plan)


def test_export_then_import_of_a_file_saved_by_libreoffice_as_ods_changes_nothing(
    rich_plan, tmp_path
):
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs libreoffice-calc-nogui")
    ods = convert(plan_export_xlsx(plan=rich_plan), tmp_path, suffix=".xlsx", to="ods")
    assert_round_trip_changes_nothing(rich_plan, data=ods, filename="plan.ods")


def test_export_then_import_of_an_xlsx_saved_again_by_libreoffice_changes_nothing(
    rich_plan, tmp_path
):
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed: `make test` installs libreoffice-calc-nogui")
    resaved = convert(
        plan_export_xlsx(plan=rich_plan), tmp_path, suffix=".xlsx", to="xlsx:Calc MS Excel 2007 XML"
    )
    assert_round_trip_changes_nothing(rich_plan, data=resaved)


def test_the_committed_ods_file_imports_dates_text_dates_and_blank_rows(world, frozen_today):
    result = run_import(world.plan, (FILES / "plan.ods").read_bytes(), filename="plan.ods")
    assert result.ok and (result.created, result.updated) == (1, 1)
    new = Action.objects.get(plan=world.plan, code="O1")
    assert (new.start_date, new.status, [t.code for t in new.themes.all()]) == (
        date(2017, 5, 1),
        "running",
        ["klimaat"],
    )
    assert new.status_changes.get().effective_on == date(2017, 9, 1)
    a2 = Action.objects.get(pk=world.unowned_action.pk)
    assert (a2.title, a2.period.name, a2.start_date, a2.is_continuous) == (
        "Gewijzigd in ODS",
        "Actie doorlopend",
        date(2017, 6, 1),
        True,
    )


# Texts an action can hold: no lone surrogates, and no control characters but tab and
# line feed, which the model refuses (kernel.texts, ADR 0023); and no text of white space
# only, which the forms and the import both save as empty.
texts = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n"),
    max_size=40,
).map(lambda text: text if text.strip() else "")


@given(
    title=texts.filter(lambda t: strip_control(t).strip()),
    description=texts,
    department=texts,
    owner_name=texts,
    result=texts,
    status=st.sampled_from(list(Status)),
)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_texts_survive_export_and_import_unchanged(
    world, frozen_today, title, description, department, owner_name, result, status
):
    with transaction.atomic():
        ActionFactory(
            period=world.plan.periods.first(),
            code="H1",
            title=title.strip()[:300],
            description=description,
            department=department.strip()[:150],
            owner_name=owner_name.strip()[:150],
            result=result,
            status=status,
        )
        assert_round_trip_changes_nothing(world.plan)
        transaction.set_rollback(True)


def test_export_then_import_of_the_demo_plan_changes_nothing(db, settings):
    call_command("load_demo", verbosity=0)
    plan = ActionPlan.objects.get(organisation__slug="helmond", slug="helmond-mvi")
    assert Action.objects.filter(plan=plan).count() >= 124
    assert_round_trip_changes_nothing(plan)
