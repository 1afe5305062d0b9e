"""`mvi-monitor plan-export PLAN -o plan.xlsx` and `mvi-monitor plan-import PLAN file`."""

from unittest.mock import patch

import pytest
from django.core.management import execute_from_command_line, get_commands
from django.db import connections

from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans.models import Action, StatusChange
from tests.exchange.conftest import sheet_rows, xlsx
from tests.factories import ActionPlanFactory

BASE = ["Code", "Titel", "Periode", "Status"]


pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def run(*args: str) -> int:
    """Run the console command as `mvi-monitor ...` would; its exit status.

    Django closes every database connection after a command run from argv; here that
    connection holds the test's transaction (on PostgreSQL it would be gone), so the
    closing is left to the test run."""
    try:
        with patch.object(connections, "close_all"):
            execute_from_command_line(["mvi-monitor", *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_the_commands_have_hyphenated_names():
    assert {"plan-export", "plan-import"} <= set(get_commands())


def test_export_writes_the_plan_to_the_file(world, tmp_path, capsys):
    target = tmp_path / "plan.xlsx"
    assert run("plan-export", "helmond/helmond-mvi", "-o", str(target)) == 0
    assert [row[0] for row in sheet_rows(target.read_bytes())] == ["Code", "A1", "A2"]
    assert "Exported the actions of MVI-actieplan 2017-2020" in capsys.readouterr().out


def test_an_unambiguous_plan_slug_is_enough(world, tmp_path):
    assert run("plan-export", "helmond-mvi", "-o", str(tmp_path / "x.xlsx")) == 0


def test_an_ambiguous_slug_exits_2_and_lists_the_candidates(world, tmp_path, capsys):
    ActionPlanFactory(organisation=world.other, slug="helmond-mvi")
    assert run("plan-export", "helmond-mvi", "-o", str(tmp_path / "x.xlsx")) == 2
    err = capsys.readouterr().err
    assert "anders/helmond-mvi" in err and "helmond/helmond-mvi" in err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("reference", ["bestaat-niet", "anders/helmond-mvi", "helmond/anders-mvi"])
def test_an_unknown_plan_exits_2(world, tmp_path, capsys, reference):
    assert run("plan-import", reference, str(tmp_path / "x.xlsx")) == 2
    assert "There is no plan" in capsys.readouterr().err


def test_export_then_import_succeeds_and_changes_nothing(world, tmp_path, capsys):
    target = tmp_path / "plan.xlsx"
    run("plan-export", "helmond-mvi", "-o", str(target))
    history, audit = StatusChange.objects.count(), AuditEntry.objects.count()
    assert run("plan-import", "helmond-mvi", str(target)) == 0
    assert "2 unchanged" in capsys.readouterr().out
    assert (StatusChange.objects.count(), AuditEntry.objects.count()) == (history, audit)


def test_an_import_prints_a_summary_and_is_audited_as_the_command(world, tmp_path, capsys):
    source = tmp_path / "plan.xlsx"
    source.write_bytes(
        xlsx(
            [
                BASE,
                ["N1", "Nieuw", "Actie doorlopend", "lopend"],
                ["A1", "Ander", "Aan de slag in 2017", "voltooid"],
            ]
        )
    )
    assert run("plan-import", "helmond/helmond-mvi", str(source)) == 0
    out = capsys.readouterr().out
    assert (
        "Imported 2 rows into MVI-actieplan 2017-2020: "
        "1 new, 1 changed, 1 status changes, 0 unchanged." in out
    )
    entry = AuditEntry.objects.filter(model="plans.Action", operation="create").latest("id")
    assert entry.actor_label == "command plan-import"


def test_import_errors_are_printed_and_the_exit_status_is_not_zero(world, tmp_path, capsys):
    source = tmp_path / "plan.xlsx"
    source.write_bytes(
        xlsx([BASE, ["N1", "Nieuw", "?", "lopend"], [], ["N2", "Nieuw", "Actie doorlopend", "?"]])
    )
    assert run("plan-import", "helmond-mvi", str(source)) == 1
    err = capsys.readouterr().err
    assert "Row 2, column Periode: “?” is not a period of this plan." in err
    assert "Row 4, column Status: “?” is not a status." in err
    assert not Action.objects.filter(code__in=["N1", "N2"]).exists()


def test_an_unreadable_file_gets_its_message(world, tmp_path, capsys):
    source = tmp_path / "plan.pdf"
    source.write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    assert run("plan-import", "helmond-mvi", str(source)) == 1
    assert "not an Excel (.xlsx), OpenDocument (.ods) or CSV file" in capsys.readouterr().err


def test_a_missing_file_gets_a_message(world, tmp_path, capsys):
    assert run("plan-import", "helmond-mvi", str(tmp_path / "weg.xlsx")) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_an_oversized_file_is_not_read(world, tmp_path, capsys, settings):
    settings.IMPORT_MAX_BYTES = 100
    source = tmp_path / "plan.xlsx"
    source.write_bytes(xlsx([BASE]))
    assert run("plan-import", "helmond-mvi", str(source)) == 1
    assert "The file is too large" in capsys.readouterr().err


def test_an_unwritable_output_gets_a_message(world, tmp_path, capsys):
    assert run("plan-export", "helmond-mvi", "-o", str(tmp_path / "geen-map" / "x.xlsx")) == 1
    assert "Cannot write" in capsys.readouterr().err
