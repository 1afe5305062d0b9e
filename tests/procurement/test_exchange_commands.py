"""`mvi-monitor tender-export ORG -o FILE` and `mvi-monitor tender-import ORG FILE`."""

import pytest
from django.core.management import get_commands

from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange.tables import Table, render_table
from mvimonitor.procurement.models import Contract, Tender
from tests.exchange.conftest import sheet_rows
from tests.exchange.test_commands import run
from tests.procurement.factories import ContractFactory, TenderFactory

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def test_the_commands_have_hyphenated_names():
    assert {"tender-export", "tender-import"} <= set(get_commands())


def test_export_then_import_changes_nothing(world, tmp_path, capsys):
    TenderFactory(organisation=world.helmond, reference="AB-1")
    ContractFactory(organisation=world.helmond, tender=None, reference="OV-1")
    tenders, contracts = tmp_path / "t.xlsx", tmp_path / "c.ods"
    assert run("tender-export", "helmond", "-o", str(tenders)) == 0
    assert run("tender-export", "helmond", "--contracts", "-o", str(contracts)) == 0
    assert [row[0] for row in sheet_rows(tenders.read_bytes())] == ["Kenmerk", "AB-1"]
    assert contracts.read_bytes()[30:80].find(b"opendocument") >= 0
    audit = AuditEntry.objects.count()

    assert run("tender-import", "helmond", str(tenders)) == 0
    assert run("tender-import", "helmond", "--contracts", str(contracts)) == 0

    out = capsys.readouterr().out
    assert "Exported the tenders of Gemeente Helmond" in out
    assert (
        "Imported 1 rows into Gemeente Helmond: 0 new, 0 changed, 0 phase changes, 1 unchanged."
        in out
    )
    assert AuditEntry.objects.count() == audit


def test_an_import_is_audited_as_the_command(world, tmp_path):
    source = tmp_path / "t.xlsx"
    source.write_bytes(
        render_table(Table("Blad1", ["Kenmerk", "Titel"], [["AB-7", "Groen"]]), "xlsx")
    )
    assert run("tender-import", "helmond", str(source)) == 0
    tender = Tender.objects.get(reference="AB-7")
    entry = AuditEntry.objects.get(
        model="procurement.Tender", object_id=str(tender.pk), operation="create"
    )
    assert entry.actor_label == "command tender-import"


def test_import_errors_are_printed_and_the_exit_status_is_2(world, tmp_path, capsys):
    source = tmp_path / "c.xlsx"
    headers = ["Kenmerk", "Titel", "Opdrachtnemer", "Gegund op", "Startdatum", "Einddatum"]
    source.write_bytes(
        render_table(
            Table(
                "Blad1", headers, [["OV-1", "", "Groen BV", "1-7-2017", "1-9-2017", "31-8-2018"]]
            ),
            "xlsx",
        )
    )
    assert run("tender-import", "helmond", "--contracts", str(source)) == 2
    err = capsys.readouterr().err
    assert "Row 2, column Titel: This value is required." in err
    assert "Nothing was imported: 1 error(s)." in err
    assert not Contract.objects.exists()


def test_an_unknown_organisation_or_file_exits_2(world, tmp_path, capsys):
    assert run("tender-export", "bestaat-niet", "-o", str(tmp_path / "x.xlsx")) == 2
    assert "There is no organisation “bestaat-niet”." in capsys.readouterr().err
    assert run("tender-import", "helmond", str(tmp_path / "weg.xlsx")) == 2
    assert "Cannot read" in capsys.readouterr().err
