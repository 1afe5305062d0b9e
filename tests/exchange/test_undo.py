"""Undoing an import as a whole (issue 14, item 4): the plan is exactly as before the
import, or the undo is refused with every reason and changes nothing."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange import selectors
from mvimonitor.exchange.guided import NEW, ImportSettings
from mvimonitor.exchange.models import PlanImportRecord
from mvimonitor.exchange.records import StaleImportRecordError, plan_import_undo
from mvimonitor.exchange.services import plan_import
from mvimonitor.monitoring.services import monitor_create, monitor_finalise
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action, Period, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from mvimonitor.procurement.services.tenders import tender_create, tender_link_actions
from mvimonitor.review.services import comment_add
from mvimonitor.rounds.services import round_open
from tests.exchange.conftest import run_import, xlsx


@pytest.fixture(autouse=True)
def clock(frozen_today, time_machine):
    """Today is the monitor day from before the world is made (autouse fixtures come
    first), and the clock moves on where a test says so."""
    return time_machine


HEADERS = ["Code", "Titel", "Omschrijving", "Periode", "Thema's", "Status", "Status sinds"]
START = "Aan de slag in 2017"


def row(code: str, title: str, *, description: str = "", themes: str = "", **cells: Any) -> list:
    status = cells.get("status", "niet gestart")
    return [code, title, description, START, themes, status, cells.get("since")]


def snapshot(plan) -> dict[str, Any]:
    """The plan's actions, theme links and status history, without what an undo must
    change (versions, the time of the last change)."""
    actions = {
        a["code"]: {k: v for k, v in a.items() if k not in ("version", "updated_at")}
        for a in Action.objects.filter(plan=plan).values()
    }
    links = Action.themes.through.objects.filter(action__plan=plan)
    history = StatusChange.objects.filter(action__plan=plan).order_by("pk").values()
    return {
        "actions": actions,
        "themes": sorted(links.values_list("action__code", "theme__code")),
        "history": [dict(change) for change in history],
    }


def later(time_machine, minutes: int = 5) -> None:
    """Time goes on after the import, as it does between two pages."""
    time_machine.shift(timedelta(minutes=minutes))


def import_rows(world, clock, *rows, by=None) -> PlanImportRecord:
    """Import `rows` a minute after what the world holds was written (the clock is
    frozen: records of one moment would all count as made after the import)."""
    later(clock, minutes=1)
    result = run_import(world.plan, xlsx([HEADERS, *rows]), by=by or world.coordinator)
    assert result.ok, result.problems
    assert result.record is not None
    return result.record


def undo(record, by=None):
    with acting_as(by, label="test undo"):
        return plan_import_undo(record=record, by=by, expected_version=record.version)


def refusals(record) -> list[str]:
    record.refresh_from_db()
    return selectors.undo_refusals(record=record)


@pytest.fixture
def changed_and_new(world, time_machine):
    """The world before, and an import that changes A1 (title, description, themes,
    status) and A2 (status), and adds N1 and N2; time moves on after it."""
    before = snapshot(world.plan)
    record = import_rows(
        world,
        time_machine,
        row("A1", "Anders genoemd", description="Nieuw", themes="klimaat", status="voltooid"),
        row("A2", world.unowned_action.title, status="lopend", since=date(2017, 9, 1)),
        row("N1", "Nieuwe actie", themes="klimaat; isv", status="lopend", since=date(2017, 6, 1)),
        row("N2", "Nog een nieuwe"),
    )
    later(time_machine)
    return before, record


def test_an_import_leaves_a_record_of_what_it_wrote(world, changed_and_new):
    _before, record = changed_and_new
    created = Action.objects.filter(plan=world.plan, code__in=["N1", "N2"])
    assert sorted(record.created_actions) == sorted(a.pk for a in created)
    a1 = world.owned_action.pk
    assert record.earlier[str(a1)] == {"title": world.owned_action.title, "description": ""}
    assert record.earlier_themes[str(a1)] == []
    assert record.versions[str(a1)] == [1, 3]  # fields, then the status
    assert len(record.status_changes) == 4  # N1's and N2's first rows, A1's and A2's change
    assert record.summary["created"] == 2
    assert record.by == world.coordinator
    assert AuditEntry.objects.filter(model="exchange.PlanImportRecord").count() == 1


def test_an_import_that_changes_nothing_leaves_no_record(world):
    result = run_import(world.plan, xlsx([HEADERS, row("A2", world.unowned_action.title)]))
    assert result.ok and result.record is None
    assert not PlanImportRecord.objects.exists()


def test_undo_leaves_the_plan_exactly_as_before_the_import(world, changed_and_new):
    before, record = changed_and_new
    counts = undo(record, by=world.coordinator)
    assert snapshot(world.plan) == before
    # Status changes as the import counted them (A1's and A2's): N1's and N2's first rows
    # go with those actions.
    assert (counts.removed, counts.restored, counts.status_changes) == (2, 2, 2)
    record.refresh_from_db()
    assert record.is_undone and record.undone_by == world.coordinator
    a1 = Action.objects.get(pk=world.owned_action.pk)
    assert a1.status == Status.RUNNING
    assert a1.version == 4  # raised once more: a page opened before gets the conflict


def test_the_audit_trail_keeps_the_import_and_the_undo(world, changed_and_new):
    _before, record = changed_and_new
    n1 = Action.objects.get(plan=world.plan, code="N1")
    undo(record, by=world.coordinator)
    entries = AuditEntry.objects.filter(model="plans.Action", object_id=str(n1.pk))
    assert set(entries.values_list("operation", flat=True)) >= {"create", "delete"}
    deleted = AuditEntry.objects.get(model="plans.Action", object_id=str(n1.pk), operation="delete")
    assert deleted.changes["title"] == ["Nieuwe actie", None]
    assert deleted.actor_id == world.coordinator.pk
    assert AuditEntry.objects.filter(model="plans.StatusChange", operation="delete").count() == 4


def test_undoing_a_first_import_leaves_the_plan_empty(world, time_machine):
    plan = plan_services.plan_create(
        organisation=world.helmond,
        name="Leeg plan",
        slug="leeg",
        adopted_on=date(2017, 4, 1),
        starts_on=date(2017, 1, 1),
        ends_on=date(2020, 12, 31),
        period_names=[START],
    )
    later(time_machine)
    result = run_import(plan, xlsx([HEADERS, row("B1", "Eerste"), row("B2", "Tweede")]))
    later(time_machine)
    undo(result.record)
    assert not Action.objects.filter(plan=plan).exists()
    assert not StatusChange.objects.filter(action__plan=plan).exists()


def test_an_undone_import_is_not_undone_twice(world, changed_and_new):
    _before, record = changed_and_new
    undo(record)
    assert refusals(record) == ["This import has been undone already."]


def test_the_newest_import_is_undone_first(world, changed_and_new, time_machine):
    before, first = changed_and_new
    second = import_rows(world, time_machine, row("N3", "Derde"))
    later(time_machine)
    [reason] = refusals(first)
    assert "undo the newest import first" in reason
    undo(second)
    first.refresh_from_db()
    undo(first)
    assert snapshot(world.plan) == before


def test_a_later_undone_import_of_the_same_actions_does_not_stop_the_earlier_one(
    world, changed_and_new, time_machine
):
    before, first = changed_and_new
    second = import_rows(
        world, time_machine, row("A1", "Weer anders", themes="isv", status="voltooid")
    )
    later(time_machine)
    undo(second)
    first.refresh_from_db()
    assert refusals(first) == []
    undo(first)
    assert snapshot(world.plan) == before


def test_undo_is_refused_when_a_monitor_was_finalised_since(world, changed_and_new):
    _before, record = changed_and_new
    monitor = monitor_create(plan=world.plan, by=None, date=date(2017, 9, 20))
    monitor_finalise(monitor=monitor, by=world.coordinator)
    assert refusals(record) == ["The monitor of 20 September 2017 was finalised after this import."]


def test_undo_is_refused_when_an_action_was_changed_afterwards(world, changed_and_new):
    _before, record = changed_and_new
    a1 = Action.objects.get(pk=world.owned_action.pk)
    plan_services.action_update(action=a1, expected_version=a1.version, by=None, department="X")
    assert refusals(record) == ["Action A1 was changed after the import."]


def test_undo_is_refused_when_a_new_action_got_a_status_change(world, changed_and_new):
    _before, record = changed_and_new
    n2 = Action.objects.get(plan=world.plan, code="N2")
    plan_services.action_change_status(
        action=n2, to_status=Status.RUNNING, by=None, effective_on=date(2017, 9, 20)
    )
    assert refusals(record) == ["Action N2 was changed after the import."]


def test_undo_is_refused_when_an_action_was_answered_in_a_round(world, changed_and_new):
    _before, record = changed_and_new
    monitor = monitor_create(plan=world.plan, by=None, date=date(2017, 10, 1))
    round_open(monitor=monitor, deadline=date(2017, 9, 30), by=world.coordinator)
    assert refusals(record) == [
        "Actions N1, N2 were asked about or answered in an update round after the import.",
        "Action A2 was asked about or answered in an update round after the import.",
    ]  # A1 is done: the round does not ask about it


def test_undo_is_refused_when_an_action_was_commented_on(world, changed_and_new):
    _before, record = changed_and_new
    comment_add(
        plan=world.plan,
        author=world.reviewer,
        body="Waarom?",
        action=Action.objects.get(plan=world.plan, code="N1"),
    )
    comment_add(plan=world.plan, author=world.editor, body="Over A1", action=world.owned_action)
    assert refusals(record) == [
        "Action N1 was commented on after the import.",
        "Action A1 was commented on after the import.",
    ]


def test_undo_is_refused_when_an_action_was_linked_to_a_tender(world, changed_and_new):
    _before, record = changed_and_new
    tender = tender_create(organisation=world.helmond, by=None, reference="T-1", title="Papier")
    tender_link_actions(
        tender=tender, actions=[Action.objects.get(plan=world.plan, code="N2")], by=None
    )
    assert refusals(record) == ["Action N2 was linked to a tender after the import (T-1)."]


def test_a_tender_linked_before_the_import_does_not_stop_the_undo(world, time_machine):
    tender = tender_create(organisation=world.helmond, by=None, reference="T-1", title="Papier")
    tender_link_actions(tender=tender, actions=[world.unowned_action], by=None)
    later(time_machine)
    before = snapshot(world.plan)
    record = import_rows(world, time_machine, row("A2", "Nieuwe titel"))
    later(time_machine)
    assert refusals(record) == []
    undo(record)
    assert snapshot(world.plan) == before


def test_a_refused_undo_changes_nothing(world, changed_and_new):
    _before, record = changed_and_new
    comment_add(plan=world.plan, author=world.editor, body="Over A1", action=world.owned_action)
    state = snapshot(world.plan)
    with pytest.raises(ValidationError) as refused:
        undo(record)
    assert refused.value.messages == ["Action A1 was commented on after the import."]
    assert snapshot(world.plan) == state
    record.refresh_from_db()
    assert not record.is_undone


def test_undo_from_a_page_opened_before_another_undo_is_stale(world, changed_and_new):
    _before, record = changed_and_new
    opened = PlanImportRecord.objects.get(pk=record.pk)
    undo(record)
    with pytest.raises(StaleImportRecordError):
        plan_import_undo(record=opened, by=None, expected_version=opened.version)


@pytest.mark.parametrize("size", [5, 60])
def test_undo_takes_as_many_queries_for_many_actions_as_for_few(world, time_machine, size):
    existing = [f"E{n}" for n in range(size)]
    import_rows(world, time_machine, *[row(code, f"Bestaand {code}") for code in existing])
    later(time_machine)
    record = import_rows(
        world,
        time_machine,
        *[row(code, f"Veranderd {code}", themes="klimaat", status="lopend") for code in existing],
        *[row(f"N{n}", f"Nieuw {n}", themes="isv") for n in range(size)],
    )
    later(time_machine)
    with CaptureQueriesContext(connection) as queries:
        undo(record)
    assert len(queries) <= 50  # 47 for 5 or 60 of each: a few per 500 actions


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.lists(
        st.tuples(
            st.sampled_from(["A1", "A2", "N1", "N2", "N3"]),
            st.sampled_from(["Titel een", "Titel twee"]),
            st.sampled_from(["", "Iets"]),
            st.sampled_from(["", "klimaat", "klimaat; isv"]),
            st.sampled_from(["niet gestart", "lopend", "voltooid", "uitgesteld"]),
        ),
        min_size=1,
        max_size=5,
        unique_by=lambda cells: cells[0],
    )
)
def test_any_import_then_its_undo_restores_the_plan(world, time_machine, data):
    before = snapshot(world.plan)
    later(time_machine)
    rows = [
        row(code, title, description=description, themes=themes, status=status)
        for code, title, description, themes, status in data
    ]
    result = run_import(world.plan, xlsx([HEADERS, *rows]), by=world.coordinator)
    if not result.ok or result.record is None:
        assert snapshot(world.plan) == before
        return
    later(time_machine)
    undo(result.record)
    assert snapshot(world.plan) == before


def test_undo_removes_the_periods_and_themes_the_import_created(world, time_machine):
    later(time_machine)
    data = xlsx(
        [
            ["Code", "Titel", "Periode", "Status", "Thema"],
            ["G1", "Groen", "Fase 2", "open", "Klimaat; Groen inkopen"],
        ]
    )
    settings = ImportSettings(periods={"fase 2": NEW}, themes={"groen inkopen": NEW})
    with acting_as(world.coordinator, label="test import"):
        result = plan_import(
            plan=world.plan,
            data=data,
            filename="groen.xlsx",
            by=world.coordinator,
            is_coordinator=True,
            settings=settings,
        )
    assert result.ok, result.problems
    assert len(result.record.created_periods) == 1
    assert len(result.record.created_themes) == 1
    later(time_machine)
    undo(result.record)
    assert not Period.objects.filter(plan=world.plan, name="Fase 2").exists()
    assert not Theme.objects.filter(name="Groen inkopen").exists()
    assert Theme.objects.filter(code="klimaat").exists()
