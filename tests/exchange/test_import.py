"""The import's data rules (issue 2, item 6): upsert by code, absent actions left
alone, an empty cell clears, a missing column keeps, status changes into the history,
every row checked first and all or nothing saved."""

from datetime import date

import pytest

from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans.models import Action, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import TODAY, run_import, xlsx
from tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

BASE = ["Code", "Titel", "Periode", "Status"]


def action(plan, code: str) -> Action:
    return Action.objects.get(plan=plan, code=code)


def history(a: Action) -> list[tuple[str | None, str, date]]:
    return list(
        a.status_changes.order_by("effective_on", "recorded_at", "id").values_list(
            "from_status", "to_status", "effective_on"
        )
    )


def test_a_new_code_creates_an_action_added_on_the_adoption_date_and_running_since_today(world):
    result = run_import(
        world.plan, xlsx([BASE, ["N1", "Nieuwe actie", "Actie doorlopend", "lopend"]])
    )
    assert result.ok and result.created == 1
    new = action(world.plan, "N1")
    assert (new.title, new.period.name, new.status) == (
        "Nieuwe actie",
        "Actie doorlopend",
        "running",
    )
    assert new.added_on == world.plan.adopted_on
    assert history(new) == [(None, "running", TODAY)]


def test_a_new_action_takes_toegevoegd_op_and_status_sinds_from_the_file(world):
    rows = [
        [*BASE, "Toegevoegd op", "Status sinds"],
        ["N1", "Opleiding circulair", "Aan de slag in 2017", "lopend", "28-08-2017", "28-08-2017"],
    ]
    assert run_import(world.plan, xlsx(rows)).ok
    new = action(world.plan, "N1")
    assert new.added_on == date(2017, 8, 28) and new.is_new
    assert history(new) == [(None, "running", date(2017, 8, 28))]


def test_actions_absent_from_the_file_are_left_alone(world):
    before = action(world.plan, "A2")
    run_import(world.plan, xlsx([BASE, ["A1", "Andere titel", "Aan de slag in 2017", "lopend"]]))
    after = action(world.plan, "A2")
    assert (after.title, after.version, after.status) == (
        before.title,
        before.version,
        before.status,
    )


def test_an_empty_cell_clears_the_field_and_a_missing_column_keeps_it(world):
    a1 = world.owned_action
    Action.objects.filter(pk=a1.pk).update(description="Oud", department="Inkoop", result="Iets")
    rows = [
        [*BASE, "Omschrijving", "Afdeling"],
        ["A1", "Titel", "Aan de slag in 2017", "lopend", None, "  "],
    ]
    assert run_import(world.plan, xlsx(rows)).ok
    a1 = action(world.plan, "A1")
    assert (a1.description, a1.department) == ("", "")
    assert a1.result == "Iets"  # no Resultaat column: kept
    assert a1.owner == world.owner  # no Eigenaar column: kept


def test_an_empty_themes_cell_removes_every_theme(world):
    world.owned_action.themes.set(Theme.objects.filter(code__in=["klimaat", "isv"]))
    assert run_import(
        world.plan, xlsx([[*BASE, "Thema's"], ["A1", "T", "Aan de slag in 2017", "lopend", ""]])
    ).ok
    assert not action(world.plan, "A1").themes.exists()


def test_an_empty_owner_cell_removes_the_owner(world):
    assert run_import(
        world.plan, xlsx([[*BASE, "Eigenaar"], ["A1", "T", "Aan de slag in 2017", "lopend", None]])
    ).ok
    a1 = action(world.plan, "A1")
    assert (a1.owner, a1.owner_name) == (None, "")


@pytest.mark.parametrize(
    "headers",
    [
        ["Status", "Periode", "Titel", "Code"],
        ["  code ", "TITEL", "PeRiOdE", "status  "],
        ["Status", "Title", "Period", "Code"],
        ["Co de", "Ti tel", "Peri ode", "Sta tus"],
    ],
)
def test_headers_are_found_in_any_order_case_spacing_and_in_english(world, headers):
    values = {
        "code": "N1",
        "titel": "Gevonden",
        "title": "Gevonden",
        "periode": "Actie doorlopend",
        "period": "Actie doorlopend",
        "status": "voltooid",
    }
    row = [values["".join(h.split()).lower()] for h in headers]
    assert run_import(world.plan, xlsx([[*headers, "Iets anders"], [*row, "genegeerd"]])).ok
    assert action(world.plan, "N1").status == Status.COMPLETED


def test_all_english_headers_are_recognised(world):
    Theme.objects.create(
        organisation=world.helmond, code="eigen", name="Eigen thema", name_en="Own theme"
    )
    headers = [
        "Code",
        "Title",
        "Description",
        "Period",
        "Themes",
        "Status",
        "Status since",
        "Owner",
        "Department",
        "Start date",
        "End date",
        "Continuous",
        "Result",
        "Added on",
    ]
    row = [
        "N1",
        "T",
        "Omschrijving",
        "Actie doorlopend",
        "Own theme; Climate",
        "running",
        "01-09-2017",
        "editor@helmond.example.nl",
        "Inkoop",
        "01-05-2017",
        None,
        "yes",
        "Klaar",
        "01-04-2017",
    ]
    assert run_import(world.plan, xlsx([headers, row])).ok
    new = action(world.plan, "N1")
    assert (new.description, new.owner, new.department, new.is_continuous, new.result) == (
        "Omschrijving",
        world.editor,
        "Inkoop",
        True,
        "Klaar",
    )
    assert (new.start_date, new.added_on) == (date(2017, 5, 1), date(2017, 4, 1))
    assert sorted(t.code for t in new.themes.all()) == ["eigen", "klimaat"]
    assert history(new) == [(None, "running", date(2017, 9, 1))]


def test_due_date_is_also_read_from_a_due_date_header(world):
    assert run_import(
        world.plan,
        xlsx([[*BASE, "Due date"], ["N1", "T", "Actie doorlopend", "lopend", "31-12-2018"]]),
    ).ok
    assert action(world.plan, "N1").due_date == date(2018, 12, 31)


@pytest.mark.parametrize(
    "text", ["Lopend", " LOPEND ", "running", "Running", "running ", "RUNNING"]
)
def test_statuses_match_in_dutch_english_or_as_code_whatever_the_case(world, text):
    assert run_import(world.plan, xlsx([BASE, ["N1", "T", "actie DOORLOPEND ", text]])).ok
    assert action(world.plan, "N1").status == Status.RUNNING


@pytest.mark.parametrize("code", ["not_started", "niet gestart", "Not started", "NIET GESTART"])
def test_not_started_is_recognised_in_every_spelling(world, code):
    assert run_import(world.plan, xlsx([BASE, ["N1", "T", "Actie doorlopend", code]])).ok
    assert action(world.plan, "N1").status == Status.NOT_STARTED


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("ja", True), ("Nee", False), (" YES ", True), ("no", False), (True, True)],
)
def test_doorlopend_is_ja_or_nee_in_either_language(world, cell, expected):
    assert run_import(
        world.plan, xlsx([[*BASE, "Doorlopend"], ["N1", "T", "Actie doorlopend", "lopend", cell]])
    ).ok
    assert action(world.plan, "N1").is_continuous is expected


@pytest.mark.parametrize(
    "cell", [date(2017, 6, 1), "01-06-2017", "1-6-2017", "2017-06-01", "01/06/2017"]
)
def test_dates_are_read_from_date_cells_and_from_text(world, cell):
    assert run_import(
        world.plan, xlsx([[*BASE, "Startdatum"], ["N1", "T", "Actie doorlopend", "lopend", cell]])
    ).ok
    assert action(world.plan, "N1").start_date == date(2017, 6, 1)


def test_themes_match_by_dutch_or_english_name_or_code_whatever_the_case(world):
    cell = "klimaat;  CIRCULAR (INCL. BIOBASED) ; isv;Social return"
    assert run_import(
        world.plan, xlsx([[*BASE, "Thema's"], ["N1", "T", "Actie doorlopend", "lopend", cell]])
    ).ok
    codes = sorted(t.code for t in action(world.plan, "N1").themes.all())
    assert codes == ["circulair", "isv", "klimaat", "social-return"]


def test_the_owner_is_a_member_by_email_or_name_or_else_a_free_text_name(world):
    world.editor.full_name = "Eva Editor"
    world.editor.save()
    rows = [
        [*BASE, "Eigenaar"],
        ["N1", "T", "Actie doorlopend", "lopend", "EDITOR@helmond.example.nl"],
        ["N2", "T", "Actie doorlopend", "lopend", "eva editor"],
        ["N3", "T", "Actie doorlopend", "lopend", "Jan van Inkoop"],
        ["N4", "T", "Actie doorlopend", "lopend", world.outsider.email],
    ]
    assert run_import(world.plan, xlsx(rows)).ok
    owners = [
        (a.owner, a.owner_name)
        for a in Action.objects.filter(code__in=["N1", "N2", "N3", "N4"]).order_by("code")
    ]
    assert owners == [
        (world.editor, ""),
        (world.editor, ""),
        (None, "Jan van Inkoop"),
        (None, world.outsider.email),
    ]


def test_a_status_change_is_appended_to_the_history_on_its_status_sinds_date(world):
    rows = [
        [*BASE, "Status sinds"],
        ["A1", world.owned_action.title, "Aan de slag in 2017", "voltooid", "15-09-2017"],
    ]
    result = run_import(world.plan, xlsx(rows), by=world.editor)
    assert (result.updated, result.history_changes) == (0, 1)
    a1 = action(world.plan, "A1")
    assert a1.status == Status.COMPLETED
    assert history(a1)[-1] == ("running", "completed", date(2017, 9, 15))
    assert a1.status_changes.last().recorded_by == world.editor


def test_a_status_change_without_status_sinds_is_dated_today(world):
    run_import(
        world.plan,
        xlsx([BASE, ["A1", world.owned_action.title, "Aan de slag in 2017", "uitgesteld"]]),
    )
    assert history(action(world.plan, "A1"))[-1] == ("running", "postponed", TODAY)


def test_a_completed_action_runs_again_with_a_note_in_toelichting(world):
    run_import(
        world.plan,
        xlsx([BASE, ["A1", world.owned_action.title, "Aan de slag in 2017", "voltooid"]]),
    )
    rows = [
        [*BASE, "Toelichting"],
        ["A1", world.owned_action.title, "Aan de slag in 2017", "lopend", "Toch niet klaar"],
    ]
    assert run_import(world.plan, xlsx(rows)).ok
    assert action(world.plan, "A1").status_changes.last().note == "Toch niet klaar"


def test_the_import_is_audited_with_who_did_it(world):
    run_import(
        world.plan,
        xlsx([BASE, ["A1", "Nieuwe titel", "Aan de slag in 2017", "lopend"]]),
        by=world.editor,
    )
    entry = AuditEntry.objects.filter(model="plans.Action", operation="update").latest("id")
    assert entry.actor_id == world.editor.pk
    assert entry.changes["title"][1] == "Nieuwe titel"


def test_a_changed_action_keeps_its_optimistic_lock_version_moving(world):
    before = world.owned_action.version
    run_import(world.plan, xlsx([BASE, ["A1", "Nieuwe titel", "Aan de slag in 2017", "lopend"]]))
    assert action(world.plan, "A1").version == before + 1


def test_a_summary_counts_new_changed_status_changes_and_unchanged(world):
    a2 = world.unowned_action
    rows = [
        BASE,
        ["N1", "Nieuw", "Actie doorlopend", "lopend"],
        ["A1", "Andere titel", "Aan de slag in 2017", "voltooid"],
        ["A2", a2.title, "Aan de slag in 2017", "niet gestart"],
    ]
    result = run_import(world.plan, xlsx(rows))
    assert result.summary() == {
        "rows": 3,
        "created": 1,
        "updated": 1,
        "status_changes": 1,
        "unchanged": 1,
    }


def test_an_other_organisations_member_and_theme_are_not_found(world):
    Theme.objects.create(
        organisation=world.other, code="anders", name="Thema van Anders", name_en="Other"
    )
    result = run_import(
        world.plan,
        xlsx([[*BASE, "Thema's"], ["N1", "T", "Actie doorlopend", "lopend", "Thema van Anders"]]),
    )
    (problem,) = [str(p) for p in result.problems]
    assert problem.startswith(
        "Row 2, column Thema's: “Thema van Anders” is not a known theme. The themes are: "
        "Milieu en biodiversiteit (milieu-biodiversiteit), Klimaat (klimaat), "
    )
    assert "Anders" not in problem.partition("The themes are:")[2]


def test_a_formula_neutralised_by_the_export_comes_back_as_the_original_text(world):
    assert run_import(world.plan, xlsx([BASE, ["N1", "'=1+1", "Actie doorlopend", "lopend"]])).ok
    assert action(world.plan, "N1").title == "=1+1"


def test_a_number_typed_as_code_is_read_as_its_text(world):
    assert run_import(world.plan, xlsx([BASE, [17, "T", "Actie doorlopend", "lopend"]])).ok
    assert Action.objects.filter(plan=world.plan, code="17").exists()


def test_a_coordinator_may_restart_a_cancelled_action_by_import(world):
    run_import(world.plan, xlsx([BASE, ["A2", "T", "Aan de slag in 2017", "vervallen"]]))
    assert run_import(
        world.plan,
        xlsx([BASE, ["A2", "T", "Aan de slag in 2017", "niet gestart"]]),
        coordinator=True,
    ).ok


def test_the_same_file_imported_twice_changes_nothing_the_second_time(world):
    rows = [[*BASE, "Status sinds"], ["N1", "T", "Actie doorlopend", "lopend", "01-09-2017"]]
    run_import(world.plan, xlsx(rows))
    changes, entries = StatusChange.objects.count(), AuditEntry.objects.count()
    assert run_import(world.plan, xlsx(rows)).unchanged == 1
    assert (StatusChange.objects.count(), AuditEntry.objects.count()) == (changes, entries)


def test_new_actions_may_be_owned_by_any_member(world):
    member = UserFactory(email="nieuw@helmond.example.nl")
    world.helmond.memberships.create(user=member, role="viewer")
    assert run_import(
        world.plan,
        xlsx(
            [
                [*BASE, "Eigenaar"],
                ["N1", "T", "Actie doorlopend", "lopend", "nieuw@helmond.example.nl"],
            ]
        ),
    ).ok
    assert action(world.plan, "N1").owner == member


def test_an_action_of_the_other_plan_with_the_same_code_is_untouched(world):
    ActionFactory(period=world.other_plan.periods.first(), code="A1")
    assert run_import(
        world.plan, xlsx([BASE, ["A1", "Alleen Helmond", "Aan de slag in 2017", "lopend"]])
    ).ok
    assert Action.objects.get(plan=world.other_plan, code="A1").title != "Alleen Helmond"
