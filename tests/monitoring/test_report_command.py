"""`mvi-monitor report --plan PLAN --monitor YYYY-MM-DD --format json|html|pdf|xlsx [-o FILE]`."""

import io
import json
from datetime import date, datetime
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.management import execute_from_command_line, get_commands
from django.db import connections

from mvimonitor.audit.models import AuditEntry
from mvimonitor.monitoring import services
from mvimonitor.monitoring.rendering.json import report_json as json_of
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory
from tests.monitoring.docx_reading import headings, opened, table_rows
from tests.monitoring.factories import (
    AttentionPointFactory,
    CommunicationMomentFactory,
    MonitorFactory,
    frozen_monitor,
)

D = date(2017, 9, 20)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def run(*args: str) -> int:
    """Run the console command as `mvi-monitor ...` would; its exit status. (Django
    closes every connection after a command run from argv, which on PostgreSQL would
    end the test's transaction; the test run closes them.)"""
    try:
        with patch.object(connections, "close_all"):
            execute_from_command_line(["mvi-monitor", "report", *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def output(capsysbinary, *args: str) -> bytes:
    assert run("--plan", "helmond-mvi", "--monitor", D.isoformat(), *args) == 0
    return capsysbinary.readouterr().out


def report_json(capsysbinary) -> dict:
    return json.loads(output(capsysbinary, "--format", "json"))


def back_dated_completion(world) -> None:
    """A1 completed on 1 September: after its last change, before the monitor date."""
    action = world.owned_action
    action.refresh_from_db()
    plan_services.action_change_status(
        action=action, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 9, 1)
    )


def xlsx_cells(data: bytes) -> list[list[tuple]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    return [
        [
            tuple(v.date() if isinstance(v, datetime) else v for v in row)
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    ]


@pytest.fixture
def draft(world):
    AttentionPointFactory(plan=world.plan, kind="event", text="Netwerk", date=date(2017, 9, 25))
    CommunicationMomentFactory(plan=world.plan, date=date(2017, 7, 15), text="Artikel")
    CommunicationMomentFactory(
        plan=world.plan, date=date(2017, 10, 4), text="Persmoment", state="planned"
    )
    return MonitorFactory(
        plan=world.plan, date=D, summary="Op koers.", next_monitor_on=date(2017, 11, 22)
    )


@pytest.fixture
def final(draft, world):
    services.monitor_finalise(monitor=draft, by=world.coordinator)
    return draft


def test_the_command_is_called_report():
    assert "report" in get_commands()


def test_json_of_a_draft_is_the_live_report_in_the_public_format(draft, capsysbinary):
    data = report_json(capsysbinary)

    assert data == json_of(report_for_date(plan=draft.plan, on=D, monitor=draft))
    assert {
        "schema_version", "plan", "organisation", "monitor_date", "status",
        "previous_monitor_date", "next_monitor_date", "summary", "periods", "realised",
        "planned", "attention_points", "communication",
    } <= set(data)  # fmt: skip
    assert (data["schema_version"], data["status"], data["monitor_date"]) == (
        1,
        "draft",
        "2017-09-20",
    )
    assert (data["organisation"], data["plan"]) == ("Gemeente Helmond", "MVI-actieplan 2017-2020")
    assert (data["previous_monitor_date"], data["next_monitor_date"]) == (None, "2017-11-22")
    first = data["periods"][0]
    assert (first["name"], first["total"]) == ("Aan de slag in 2017", 2)
    assert first["counts"] == {
        "not_started": 1, "running": 1, "completed": 0, "postponed": 0, "cancelled": 0
    }  # fmt: skip
    assert data["attention_points"] == [{"kind": "event", "text": "Netwerk", "date": "2017-09-25"}]
    assert [m["text"] for m in data["communication"]["realised"]] == ["Artikel"]
    assert [m["text"] for m in data["communication"]["planned"]] == ["Persmoment"]


def test_json_keeps_dutch_characters_readable(world, capsysbinary):
    MonitorFactory(plan=world.plan, date=D, summary="Één actie is “voltooid”.")
    assert "Één actie is “voltooid”." in output(capsysbinary, "--format", "json").decode()


def test_json_is_the_default_format(draft, capsysbinary):
    assert json.loads(output(capsysbinary))["monitor_date"] == "2017-09-20"


def test_a_draft_follows_later_back_dated_changes(draft, world, capsysbinary):
    before = report_json(capsysbinary)
    back_dated_completion(world)
    after = report_json(capsysbinary)

    assert before["periods"][0]["counts"]["completed"] == 0
    assert after["periods"][0]["counts"]["completed"] == 1
    assert [a["code"] for a in after["realised"]] == ["A1"]


def test_json_of_a_final_monitor_is_its_frozen_edition(final, capsysbinary):
    data = report_json(capsysbinary)
    edition = final.editions.get()
    assert data == json_of(Report.from_storage(edition.report))
    assert data["status"] == "final"


def test_a_back_dated_change_alters_none_of_the_four_formats_of_a_final_monitor(
    final, world, capsysbinary
):
    edition = final.editions.get()
    stored = edition.report
    before = {form: output(capsysbinary, "--format", form) for form in ("json", "html", "pdf")}

    back_dated_completion(world)

    live = report_for_date(plan=world.plan, on=D, monitor=final)
    assert live.totals()["completed"] == 1  # the live figures did change
    edition.refresh_from_db()
    assert edition.report == stored
    after = {form: output(capsysbinary, "--format", form) for form in ("json", "html", "pdf")}
    assert after == before
    assert json.loads(after["json"])["periods"][0]["counts"]["completed"] == 0
    assert after["pdf"] == bytes(edition.pdf)
    if _has_xlsx_renderer():
        frozen_xlsx = xlsx_cells(output(capsysbinary, "--format", "xlsx"))
        from mvimonitor.monitoring.rendering.xlsx import report_xlsx

        assert frozen_xlsx != xlsx_cells(report_xlsx(live))
        assert frozen_xlsx == xlsx_cells(report_xlsx(Report.from_storage(stored)))


def _has_xlsx_renderer() -> bool:
    try:
        import mvimonitor.monitoring.rendering.xlsx  # noqa: F401
    except ImportError:
        return False
    return True


def test_the_pdf_of_a_final_monitor_is_the_stored_one_byte_for_byte(final, capsysbinary):
    assert output(capsysbinary, "--format", "pdf") == bytes(final.editions.get().pdf)


def test_a_reopened_monitor_is_reported_live_as_a_draft(final, world, capsysbinary):
    services.monitor_reopen(monitor=final, reason="Fout in A1", by=world.coordinator)
    back_dated_completion(world)

    data = report_json(capsysbinary)
    assert (data["status"], data["periods"][0]["counts"]["completed"]) == ("draft", 1)


def test_the_pdf_of_a_draft_is_rendered_from_the_live_report(draft, capsysbinary):
    assert output(capsysbinary, "--format", "pdf").startswith(b"%PDF")


def test_html_is_a_standalone_document_of_the_report(draft, capsysbinary):
    html = output(capsysbinary, "--format", "html").decode()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Gemeente Helmond" in html and "Aan de slag in 2017" in html


def test_xlsx_goes_to_standard_output_as_bytes(draft, capsysbinary):
    data = output(capsysbinary, "--format", "xlsx")
    assert data.startswith(b"PK")
    assert any("Aan de slag in 2017" in row for sheet in xlsx_cells(data) for row in sheet)


@pytest.mark.parametrize(("form", "start"), [("json", b"{"), ("pdf", b"%PDF")])
def test_output_goes_to_the_file_given(draft, tmp_path, capsysbinary, form, start):
    target = tmp_path / f"monitor.{form}"
    assert output(capsysbinary, "--format", form, "-o", str(target)) == b""
    assert target.read_bytes().startswith(start)


def test_a_file_that_cannot_be_written_exits_1(draft, tmp_path, capsysbinary):
    target = tmp_path / "missing" / "monitor.json"
    assert run("--plan", "helmond-mvi", "--monitor", "2017-09-20", "-o", str(target)) == 1
    assert "Cannot write" in capsysbinary.readouterr().err.decode()


def test_reading_a_report_changes_nothing(final, capsysbinary):
    entries = AuditEntry.objects.count()
    for form in ("json", "pdf"):
        output(capsysbinary, "--format", form)
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("plan", ["bestaat-niet", "anders/helmond-mvi"])
def test_an_unknown_plan_exits_2(draft, capsysbinary, plan):
    assert run("--plan", plan, "--monitor", "2017-09-20") == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b"" and "There is no plan" in captured.err.decode()


def test_an_unknown_monitor_exits_2_and_names_the_monitors_there_are(draft, world, capsysbinary):
    frozen_monitor(world.plan, date(2017, 7, 12))
    assert run("--plan", "helmond/helmond-mvi", "--monitor", "2017-09-21") == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    err = captured.err.decode()
    assert "has no monitor on" in err and "2017-07-12, 2017-09-20" in err


def test_a_plan_without_monitors_says_so(world, capsysbinary):
    assert run("--plan", "helmond-mvi", "--monitor", "2017-09-20") == 2
    assert "none yet" in capsysbinary.readouterr().err.decode()


@pytest.mark.parametrize("value", ["20-09-2017", "2017-02-30", "gisteren"])
def test_a_monitor_date_that_is_no_date_exits_2(draft, capsysbinary, value):
    assert run("--plan", "helmond-mvi", "--monitor", value) == 2
    assert "is not a date" in capsysbinary.readouterr().err.decode()


def test_an_unknown_format_exits_2(draft, capsysbinary):
    assert run("--plan", "helmond-mvi", "--monitor", "2017-09-20", "--format", "odt") == 2


def test_docx_is_a_word_document_of_the_report(draft, tmp_path, capsysbinary):
    target = tmp_path / "monitor.docx"
    assert output(capsysbinary, "--format", "docx", "-o", str(target)) == b""

    document = opened(target.read_bytes())
    title = "MVI-actieplan 2017-2020: monitor van 20\xa0september\xa02017"
    assert headings(document)[0] == ("Title", title)
    assert "Aan de slag in 2017" in [row[0][2:] for row in table_rows(document.tables[0])]


def test_the_json_output_validates_against_the_published_schema(final, world, capsysbinary):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    final_data = report_json(capsysbinary)
    # A later draft with a previous monitor, a realised and a (new) planned action.
    a2 = world.unowned_action
    plan_services.action_change_status(
        action=a2, to_status=Status.COMPLETED, by=None, effective_on=date(2017, 10, 1)
    )
    ActionFactory(
        period=a2.period, code="N1", status=Status.RUNNING, due_date=date(2017, 12, 15),
        added_on=date(2017, 10, 1), status_since=date(2017, 10, 1),
    )  # fmt: skip
    services.monitor_create(plan=world.plan, by=None, date=date(2017, 11, 22))
    draft_data = json.loads(output_for(capsysbinary, "2017-11-22"))
    assert draft_data["realised"] and draft_data["planned"][0]["is_new"] is True
    assert draft_data["previous_monitor_date"] == "2017-09-20"
    for data in (final_data, draft_data):
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []
    # And the schema is strict enough to catch a wrong status or a missing key.
    broken = {**final_data, "status": "done"}
    del broken["periods"]
    assert len(list(validator.iter_errors(broken))) == 2


def output_for(capsysbinary, day: str) -> bytes:
    assert run("--plan", "helmond-mvi", "--monitor", day) == 0
    return capsysbinary.readouterr().out
