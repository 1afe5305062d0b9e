"""`mvi-monitor plan-import` guided (ADR 0029): other headers, --map, --period,
--baseline-date, --dry-run, and its exit statuses: 0 imported, 1 problems, 2 columns
that cannot be placed."""

from datetime import date

import pytest
from django.utils import translation

from mvimonitor.plans.models import Action, Period, StatusChange
from tests.exchange.conftest import xlsx
from tests.exchange.test_commands import run
from tests.factories import ActionPlanFactory, PeriodFactory

pytestmark = pytest.mark.usefixtures("english", "frozen_today")

MESSY = [
    ["Nr.", "Actie", "Categorie", "Stand", "Trekker", "Wat anders"],
    ["1", "Duurzaam inkopen", "Aan de slag", "afgerond", "Piet", "x"],
    ["2", "Social return", "Fase 2", "loopt", "", ""],
]


@pytest.fixture
def plan(world):
    plan = ActionPlanFactory(organisation=world.helmond, slug="eerste", adopted_on=date(2017, 4, 1))
    PeriodFactory(plan=plan, name="Aan de slag")
    return plan


@pytest.fixture
def messy(tmp_path):
    source = tmp_path / "lijst.xlsx"
    source.write_bytes(xlsx(MESSY))
    return str(source)


def test_a_messy_list_is_imported_with_a_baseline_and_a_new_period(plan, messy, capsys):
    code = run(
        "plan-import", "helmond/eerste", messy,
        "--baseline-date", "01-04-2017", "--period", "Fase 2=new",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Columns not read: Wat anders." in out
    assert "Imported 2 rows into" in out and "2 new" in out
    assert set(
        StatusChange.objects.filter(action__plan=plan).values_list("effective_on", "to_status")
    ) == {
        (date(2017, 4, 1), "completed"),
        (date(2017, 4, 1), "running"),
    }
    assert Period.objects.filter(plan=plan, name="Fase 2").exists()


def test_a_period_mapped_to_an_existing_one_is_read_as_it(plan, messy):
    assert run("plan-import", "eerste", messy, "--period", "fase 2=Aan de slag") == 0
    assert set(Action.objects.filter(plan=plan).values_list("period__name", flat=True)) == {
        "Aan de slag"
    }


def test_without_a_baseline_the_command_says_what_date_the_statuses_get(plan, messy, capsys):
    run("plan-import", "eerste", messy, "--period", "Fase 2=new", "--dry-run")
    out = capsys.readouterr().out
    assert "Statuses without a date of their own take effect today" in out
    assert "the plan's adoption date fits: 01-04-2017" in out


def test_columns_it_cannot_place_exit_2_and_are_named(plan, tmp_path, capsys):
    source = tmp_path / "lijst.xlsx"
    source.write_bytes(xlsx([["Wat", "Actie", "Fase", "Hoe"], ["1", "T", "Aan de slag", "open"]]))
    assert run("plan-import", "eerste", str(source)) == 2
    err = capsys.readouterr().err
    assert "No column holds: Code (code), Status (status)." in err
    assert "Columns not placed: Wat, Hoe." in err
    assert not Action.objects.filter(plan=plan).exists()


def test_map_places_the_columns_by_field_code_or_dutch_header(plan, tmp_path, capsys):
    source = tmp_path / "lijst.xlsx"
    source.write_bytes(xlsx([["Wat", "Actie", "Fase", "Hoe"], ["1", "T", "Aan de slag", "open"]]))
    assert (
        run("plan-import", "eerste", str(source), "--map", "Wat=code", "--map", "hoe=Status") == 0
    )
    assert Action.objects.get(plan=plan).code == "1"


def test_map_of_a_column_the_file_does_not_have_exits_2(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--map", "Bestaat niet=note") == 2
    assert "--map names a column the file does not have" in capsys.readouterr().err


def test_map_to_an_unknown_field_is_a_usage_error(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--map", "Wat anders=kleur") == 2
    assert "“kleur” is not a field" in capsys.readouterr().err


def test_a_dry_run_prints_the_counts_and_saves_nothing(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--period", "Fase 2=new", "--dry-run") == 0
    assert "Dry run, nothing saved: 2 new, 0 changed" in capsys.readouterr().out
    assert not Action.objects.filter(plan=plan).exists()
    assert not Period.objects.filter(plan=plan, name="Fase 2").exists()


def test_a_dry_run_with_problems_prints_them_and_exits_1(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--dry-run") == 1
    err = capsys.readouterr().err
    assert "Row 3, column Categorie: “Fase 2” is not a period of this plan." in err


def test_a_baseline_in_the_future_is_refused(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--baseline-date", "01-01-2030") == 1
    assert "The baseline date lies in the future" in capsys.readouterr().err


def test_a_bad_baseline_date_is_a_usage_error(plan, messy, capsys):
    assert run("plan-import", "eerste", messy, "--baseline-date", "morgen") == 2


def test_the_command_speaks_dutch(plan, tmp_path, capsys, settings):
    source = tmp_path / "lijst.xlsx"
    source.write_bytes(xlsx([["Wat", "Actie", "Fase", "Hoe"], ["1", "T", "Aan de slag", "open"]]))
    with translation.override("nl"):
        settings.LANGUAGE_CODE = "nl"
        assert run("plan-import", "eerste", str(source)) == 2
    assert "Geen kolom bevat: Code (code), Status (status)." in capsys.readouterr().err
