"""Every kind of import error, reported as "Row N, column X: ..." with the sheet's own
row number, and the all-or-nothing rule."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import run_import, xlsx

pytestmark = pytest.mark.usefixtures("frozen_today")

BASE = ["Code", "Titel", "Periode", "Status"]
PERIOD = "Aan de slag in 2017"


def errors(world, rows, **kwargs) -> list[str]:
    result = run_import(world.plan, xlsx(rows), **kwargs)
    assert not result.ok
    return [str(p) for p in result.problems]


def test_an_unknown_period(world):
    assert errors(world, [BASE, ["N1", "T", "Aan de slag in 2099", "lopend"]]) == [
        "Row 2, column Periode: “Aan de slag in 2099” is not a period of this plan. "
        "Its periods are: Aan de slag in 2017, Actie doorlopend."
    ]


def test_an_unknown_status(world):
    assert errors(world, [BASE, ["N1", "T", PERIOD, "bijna klaar"]]) == [
        "Row 2, column Status: “bijna klaar” is not a status. "
        "Use one of: niet gestart, lopend, voltooid, uitgesteld, vervallen."
    ]


def test_an_unknown_theme(world):
    assert errors(
        world, [[*BASE, "Thema's"], ["N1", "T", PERIOD, "lopend", "klimaat; ruimtevaart"]]
    ) == [
        "Row 2, column Thema's: “ruimtevaart” is not a known theme. The themes are: "
        "Milieu en biodiversiteit (milieu-biodiversiteit), Klimaat (klimaat), "
        "Circulair (incl. biobased) (circulair), Ketenverantwoordelijkheid (ISV) (isv), "
        "Diversiteit en inclusie (diversiteit-inclusie), Social return (social-return), "
        "Innovatie (innovatie), MKB-vriendelijk inkopen (mkb)."
    ]


@pytest.mark.parametrize("text", ["31-02-2017", "29-02-2018", "00-01-2017", "2017-13-01"])
def test_an_impossible_date(world, text):
    assert errors(world, [[*BASE, "Startdatum"], ["N1", "T", PERIOD, "lopend", text]]) == [
        f"Row 2, column Startdatum: “{text}” is not a date that exists."
    ]


@pytest.mark.parametrize("cell", ["morgen", "1 april 2017", 42])
def test_something_that_is_not_a_date(world, cell):
    assert errors(world, [[*BASE, "Einddatum"], ["N1", "T", PERIOD, "lopend", cell]]) == [
        f"Row 2, column Einddatum: “{cell}” is not a date. "
        "Use a date cell or write it as dd-mm-yyyy."
    ]


def test_not_ja_or_nee(world):
    assert errors(world, [[*BASE, "Doorlopend"], ["N1", "T", PERIOD, "lopend", "misschien"]]) == [
        "Row 2, column Doorlopend: “misschien” is not ja or nee (yes or no)."
    ]


def test_a_code_twice_in_the_file(world):
    assert errors(world, [BASE, ["N1", "T", PERIOD, "lopend"], ["N1", "T", PERIOD, "lopend"]]) == [
        "Row 3, column Code: The code “N1” is also in row 2; each action may appear only once."
    ]


@pytest.mark.parametrize("column", range(4))
def test_a_missing_required_value(world, column):
    row = ["N1", "T", PERIOD, "lopend"]
    row[column] = None
    assert errors(world, [BASE, row]) == [f"Row 2, column {BASE[column]}: This value is required."]


@pytest.mark.parametrize("missing", BASE)
def test_a_missing_required_column(world, missing):
    headers = [h for h in BASE if h != missing]
    assert errors(world, [headers, ["x"] * 3]) == [
        f"Row 1, column {missing}: This column is missing."
    ]


def test_a_column_twice(world):
    assert errors(world, [[*BASE, "titel"], ["N1", "T", PERIOD, "lopend", "T"]]) == [
        "Row 1, column titel: This column appears more than once."
    ]


def test_a_transition_the_workflow_forbids(world):
    services.action_change_status(action=world.owned_action, to_status=Status.COMPLETED, by=None)
    assert errors(world, [BASE, ["A1", "T", PERIOD, "niet gestart"]]) == [
        "Row 2, column Status: The status cannot change from “completed” to “not started”."
    ]


def test_reopening_a_completed_action_needs_a_note(world):
    services.action_change_status(action=world.owned_action, to_status=Status.COMPLETED, by=None)
    assert errors(world, [BASE, ["A1", "T", PERIOD, "lopend"]]) == [
        "Row 2, column Status: Explain in a note why a completed action runs again."
    ]


def test_only_a_coordinator_restarts_a_cancelled_action(world):
    services.action_change_status(action=world.unowned_action, to_status=Status.CANCELLED, by=None)
    assert errors(world, [BASE, ["A2", "T", PERIOD, "niet gestart"]], coordinator=False) == [
        "Row 2, column Status: Only a coordinator can restart a cancelled action."
    ]


def test_a_status_date_in_the_future(world):
    assert errors(
        world, [[*BASE, "Status sinds"], ["A1", "T", PERIOD, "voltooid", "21-09-2017"]]
    ) == ["Row 2, column Status sinds: The date of a status change cannot lie in the future."]


def test_a_status_date_before_the_action_was_added(world):
    rows = [
        [*BASE, "Status sinds", "Toegevoegd op"],
        ["N1", "T", PERIOD, "lopend", "01-08-2017", "28-08-2017"],
    ]
    (message,) = errors(world, rows)
    assert message.startswith(
        "Row 2, column Status sinds: The date of a status change cannot lie before"
    )


def test_a_status_date_before_the_last_status_change(world):
    (message,) = errors(
        world, [[*BASE, "Status sinds"], ["A2", "T", PERIOD, "lopend", "15-04-2017"]]
    )
    assert message.startswith(
        "Row 2, column Status sinds: "
        "The date of a status change cannot lie before the action's last"
    )


def test_a_continuous_action_with_an_end_date(world):
    rows = [[*BASE, "Doorlopend", "Einddatum"], ["N1", "T", PERIOD, "lopend", "ja", "31-12-2017"]]
    assert errors(world, rows) == [
        "Row 2, column Einddatum: A continuous action has no end date: empty the end date, "
        "or make the action not continuous."
    ]


def test_an_end_date_before_the_start_date(world):
    rows = [
        [*BASE, "Startdatum", "Einddatum"],
        ["N1", "T", PERIOD, "lopend", "01-06-2017", "01-05-2017"],
    ]
    assert errors(world, rows) == [
        "Row 2, column Einddatum: The end date lies before the start date."
    ]


def test_an_empty_toegevoegd_op_of_an_existing_action(world):
    assert errors(world, [[*BASE, "Toegevoegd op"], ["A1", "T", PERIOD, "lopend", None]]) == [
        "Row 2, column Toegevoegd op: Every action has the date it was added to the plan; "
        "this cell cannot be empty."
    ]


def test_a_withdrawn_actions_code(world):
    services.action_withdraw(
        action=world.unowned_action, expected_version=world.unowned_action.version, by=None
    )
    assert errors(world, [BASE, ["A2", "T", PERIOD, "lopend"]]) == [
        "Row 2, column Code: The action “A2” was withdrawn from the plan; "
        "an import cannot change it."
    ]


def test_an_ambiguous_owner_name(world):
    for user in (world.editor, world.viewer):
        user.full_name = "Jan Jansen"
        user.save()
    assert errors(world, [[*BASE, "Eigenaar"], ["N1", "T", PERIOD, "lopend", "Jan Jansen"]]) == [
        "Row 2, column Eigenaar: More than one member is called “Jan Jansen”; "
        "write their e-mail address."
    ]


def test_a_title_that_is_too_long(world):
    (message,) = errors(world, [BASE, ["N1", "T" * 301, PERIOD, "lopend"]])
    assert message.startswith("Row 2, column Titel:")


def test_rows_are_numbered_as_in_the_sheet_blank_rows_counted(world):
    rows = [
        BASE,
        ["N1", "T", PERIOD, "lopend"],
        [],
        [],
        ["N2", "T", PERIOD, "kwijt"],
        [],
        ["N3", "T", "?", "lopend"],
    ]
    assert [m.split(":")[0] for m in errors(world, rows)] == [
        "Row 5, column Status",
        "Row 7, column Periode",
    ]


def test_every_error_of_every_row_is_reported_and_the_column_is_named_as_in_the_file(world):
    rows = [
        ["code", "TITEL", "periode", "status", "startdatum"],
        ["N1", None, "?", "??", "31-02-2017"],
        ["A1", "T", PERIOD, "voltooid", "01-01-2017"],
        ["A1", "T", PERIOD, "lopend", None],
    ]
    assert [m.split(":")[0] for m in errors(world, rows)] == [
        "Row 2, column TITEL",
        "Row 2, column periode",
        "Row 2, column status",
        "Row 2, column startdatum",
        "Row 4, column code",
    ]


def test_a_wrong_row_among_good_ones_saves_nothing_at_all(world):
    counts = (Action.objects.count(), StatusChange.objects.count(), AuditEntry.objects.count())
    a1 = Action.objects.get(pk=world.owned_action.pk)
    rows = [
        [*BASE, "Status sinds"],
        ["N1", "Nieuw", PERIOD, "lopend", None],
        ["A1", "Andere titel", PERIOD, "voltooid", "01-09-2017"],
        ["N2", "Nieuw", PERIOD, "lopend", "21-09-2017"],
    ]  # in the future: refused by the service
    assert errors(world, rows) == [
        "Row 4, column Status sinds: The date of a status change cannot lie in the future."
    ]
    assert (
        Action.objects.count(),
        StatusChange.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    after = Action.objects.get(pk=a1.pk)
    assert (after.title, after.status, after.version) == (a1.title, a1.status, a1.version)


@given(
    bad_row=st.integers(min_value=0, max_value=5),
    kind=st.sampled_from(["period", "status", "date", "theme"]),
)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_single_wrong_row_saves_nothing_and_is_the_one_reported(world, bad_row, kind):
    rows = [[*BASE, "Startdatum", "Thema's"]]
    for n in range(6):
        rows.append([f"N{n}", "T", PERIOD, "lopend", date(2017, 5, 1), "klimaat"])
    column = {"period": 2, "status": 3, "date": 4, "theme": 5}[kind]
    rows[bad_row + 1][column] = {"period": "?", "status": "?", "date": "30-02-2017", "theme": "?"}[
        kind
    ]
    before = Action.objects.count()
    problems = run_import(world.plan, xlsx(rows)).problems
    assert [p.row for p in problems] == [bad_row + 2]
    assert Action.objects.count() == before


def test_a_row_changed_by_someone_else_during_the_import_is_refused(world, monkeypatch):
    from mvimonitor.exchange import services as exchange_services

    original = exchange_services.plan_lookups

    def lookups_then_concurrent_edit(**kwargs):
        found = original(**kwargs)
        Action.objects.filter(pk=world.owned_action.pk).update(version=99)  # someone saves A1
        return found

    monkeypatch.setattr(exchange_services, "plan_lookups", lookups_then_concurrent_edit)
    (message,) = errors(world, [BASE, ["A1", "Mijn titel", PERIOD, "lopend"]])
    assert message.startswith("Row 2, column Code: Someone else changed this action")
