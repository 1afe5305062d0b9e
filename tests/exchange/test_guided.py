"""The guided import (issue 14, item 2; ADR 0029): a list with other headers, everyday
statuses and unknown periods and themes is inspected, previewed and imported with the
user's mapping and a baseline date."""

from datetime import date

import pytest

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.guided import (
    NEW,
    ImportSettings,
    import_preview,
    inspect_import,
    plan_fingerprint,
)
from mvimonitor.exchange.models import ImportMapping
from mvimonitor.exchange.selectors import remembered_columns
from mvimonitor.exchange.services import plan_import
from mvimonitor.plans.models import Action, Period, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import xlsx
from tests.factories import ActionPlanFactory, PeriodFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

MESSY = [
    ["Nr.", "Actie", "Categorie", "Stand", "Trekker", "Gereed", "Opmerkingen"],
    ["1", "Duurzaam inkopen", "Aan de slag in 2017", "afgerond", "Piet", "31-12-2017", "x"],
    ["2", "Social return", "Fase 2", "in uitvoering", "", "", ""],
    ["3", "Circulair meubilair", "Fase 2", "Nog niet gestart", "", "", ""],
]


@pytest.fixture
def empty_plan(world):
    plan = ActionPlanFactory(organisation=world.helmond, adopted_on=date(2017, 4, 1))
    PeriodFactory(plan=plan, name="Aan de slag in 2017")
    return plan


def guided_import(plan, data, settings, *, coordinator=True, fingerprint=None):
    with acting_as(None, label="test import"):
        return plan_import(
            plan=plan,
            data=data,
            filename="plan.xlsx",
            by=None,
            is_coordinator=coordinator,
            settings=settings,
            expected_fingerprint=fingerprint,
        )


def preview(plan, data, settings, *, coordinator=True):
    return import_preview(
        plan=plan,
        data=data,
        filename="plan.xlsx",
        settings=settings,
        by=None,
        is_coordinator=coordinator,
    )


def test_the_inspection_guesses_the_columns_of_a_messy_list_and_lists_the_rest(empty_plan):
    found = inspect_import(
        plan=empty_plan, data=xlsx(MESSY), filename="plan.xlsx", settings=ImportSettings()
    )
    assert [(c.header, c.field, c.guessed) for c in found.columns] == [
        ("Nr.", "code", True),
        ("Actie", "title", True),
        ("Categorie", "period", True),
        ("Stand", "status", True),
        ("Trekker", "owner", True),
        ("Gereed", "due_date", True),
        ("Opmerkingen", "", True),
    ]
    assert found.left_out == ["Opmerkingen"]
    assert (found.missing, found.duplicates) == ([], [])
    assert found.unknown_periods == ["Fase 2"]
    assert found.rows == 3 and found.baseline_needed
    assert found.proposed_baseline == date(2017, 4, 1)
    assert found.usable


def test_a_list_that_does_not_name_its_code_is_not_usable_and_says_what_is_missing(empty_plan):
    found = inspect_import(
        plan=empty_plan,
        data=xlsx([["Wat", "Actie", "Fase", "Status"], ["1", "T", "Aan de slag in 2017", "open"]]),
        filename="plan.xlsx",
        settings=ImportSettings(),
    )
    assert found.missing == ["code"] and found.left_out == ["Wat"]
    assert not found.usable


def test_a_messy_first_import_with_a_baseline_dates_every_status_on_it(empty_plan):
    settings = ImportSettings(periods={"fase 2": NEW}, baseline=date(2017, 4, 1))
    result = guided_import(empty_plan, xlsx(MESSY), settings)
    assert result.ok, result.problems
    assert (result.created, result.left_out) == (3, ["Opmerkingen"])
    rows = StatusChange.objects.filter(action__plan=empty_plan).order_by("action__code")
    assert [(r.action.code, r.to_status, r.effective_on) for r in rows] == [
        ("1", Status.COMPLETED, date(2017, 4, 1)),
        ("2", Status.RUNNING, date(2017, 4, 1)),
        ("3", Status.NOT_STARTED, date(2017, 4, 1)),
    ]
    assert set(Action.objects.filter(plan=empty_plan).values_list("added_on", flat=True)) == {
        date(2017, 4, 1)
    }
    assert Period.objects.filter(plan=empty_plan, name="Fase 2").exists()


def test_the_preview_shows_each_row_and_saves_nothing(empty_plan):
    settings = ImportSettings(periods={"Fase 2": NEW}, baseline=date(2017, 4, 1))
    shown = preview(empty_plan, xlsx(MESSY), settings)
    assert shown.ok, shown.problems
    assert [(r.number, r.code, r.kind, r.status_change) for r in shown.rows] == [
        (2, "1", "new", (None, "completed", date(2017, 4, 1))),
        (3, "2", "new", (None, "running", date(2017, 4, 1))),
        (4, "3", "new", (None, "not_started", date(2017, 4, 1))),
    ]
    assert shown.created_periods == ["Fase 2"]
    assert shown.counts == {"new": 3, "changed": 0, "unchanged": 0, "status_changes": 0}
    assert not Action.objects.filter(plan=empty_plan).exists()
    assert not Period.objects.filter(plan=empty_plan, name="Fase 2").exists()
    assert not ImportMapping.objects.exists()


def test_only_a_coordinator_may_create_a_period(empty_plan):
    settings = ImportSettings(periods={"fase 2": NEW}, baseline=date(2017, 4, 1))
    result = guided_import(empty_plan, xlsx(MESSY), settings, coordinator=False)
    assert "Only a coordinator can add the period “Fase 2”; choose an existing one." in {
        p.message for p in result.problems
    }
    assert not Action.objects.filter(plan=empty_plan).exists()


def test_a_new_theme_is_created_with_the_import(empty_plan):
    data = xlsx(
        [
            ["Code", "Titel", "Periode", "Status", "Thema"],
            ["1", "T", "Aan de slag in 2017", "open", "Klimaat; Groen inkopen"],
        ]
    )
    settings = ImportSettings(themes={"groen inkopen": NEW})
    result = guided_import(empty_plan, data, settings)
    assert result.ok, result.problems
    theme = Theme.objects.get(name="Groen inkopen")
    assert theme.organisation == empty_plan.organisation
    assert set(Action.objects.get(plan=empty_plan).themes.values_list("name", flat=True)) == {
        "Klimaat",
        "Groen inkopen",
    }


def test_a_plan_changed_since_the_preview_is_not_imported(empty_plan):
    settings = ImportSettings(periods={"fase 2": NEW}, baseline=date(2017, 4, 1))
    shown = preview(empty_plan, xlsx(MESSY), settings)
    PeriodFactory(plan=empty_plan, name="Later")
    result = guided_import(empty_plan, xlsx(MESSY), settings, fingerprint=shown.fingerprint)
    assert result.plan_changed and not result.ok
    assert not Action.objects.filter(plan=empty_plan).exists()
    assert shown.fingerprint != plan_fingerprint(plan=empty_plan)


def test_the_mapping_a_user_confirmed_is_remembered_and_guessed_next_time(empty_plan):
    settings = ImportSettings(
        columns={"opmerkingen": "note", "trekker": ""},
        periods={"fase 2": NEW},
        baseline=date(2017, 4, 1),
    )
    assert guided_import(empty_plan, xlsx(MESSY), settings).ok
    # What the headers say by themselves is not kept: only what the user changed.
    assert remembered_columns(plan=empty_plan) == {"opmerkingen": "note", "trekker": ""}
    again = inspect_import(
        plan=empty_plan, data=xlsx(MESSY), filename="plan.xlsx", settings=ImportSettings()
    )
    assert {c.header: c.field for c in again.columns}["Opmerkingen"] == "note"
    assert again.left_out == ["Trekker"]


def test_an_export_imported_again_remembers_nothing(world):
    from mvimonitor.exchange.services import plan_export_xlsx

    data = plan_export_xlsx(plan=world.plan)
    result = guided_import(world.plan, data, ImportSettings())
    assert result.ok and result.unchanged == 2
    assert not ImportMapping.objects.exists()
