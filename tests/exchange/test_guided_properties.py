"""Properties of the guided import (ADR 0029): the preview says what the import then
does; the fingerprint changes with any change of the plan; no import leaves a status
dated after a later one; a first import with a baseline gives the first monitor the
right figures; the number of queries does not grow with the rows."""

from datetime import date

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange.guided import ImportSettings, import_preview, plan_fingerprint
from mvimonitor.exchange.services import plan_import
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import xlsx
from tests.exchange.test_import_bulk import mixed_world, random_rows
from tests.factories import ActionPlanFactory, MembershipFactory, PeriodFactory, UserFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

BASELINES = [None, date(2017, 3, 1), date(2017, 4, 1), date(2017, 9, 1)]


def both(world, data: bytes, choices: ImportSettings):
    """The preview, then the import confirmed on it."""
    shown = import_preview(
        plan=world.plan,
        data=data,
        filename="plan.xlsx",
        settings=choices,
        by=world.editor,
        is_coordinator=False,
    )
    with acting_as(world.editor, label="test"):
        result = plan_import(
            plan=world.plan,
            data=data,
            filename="plan.xlsx",
            by=world.editor,
            settings=choices,
            expected_fingerprint=shown.fingerprint,
        )
    return shown, result


@given(data=st.data())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_preview_says_what_the_import_then_does(world, data):
    with transaction.atomic():
        mixed_world(world)
        rows = data.draw(random_rows(world))
        choices = ImportSettings(baseline=data.draw(st.sampled_from(BASELINES)))
        shown, result = both(world, xlsx(rows), choices)
        assert not result.plan_changed
        assert [str(p) for p in shown.problems] == [str(p) for p in result.problems]
        if result.ok:
            summary = result.summary()
            assert shown.counts == {
                "new": summary["created"],
                "changed": summary["updated"],
                "unchanged": summary["unchanged"],
                "status_changes": summary["status_changes"],
            }
            assert len(shown.rows) == len(rows) - 1
        transaction.set_rollback(True)


def chain_is_whole(action: Action) -> bool:
    """Each change starts from the status before it, none is dated before the one
    before it, and the action's status is the latest one's."""
    changes = list(action.status_changes.order_by("effective_on", "recorded_at", "id"))
    dates = [c.effective_on for c in changes]
    froms = [c.from_status for c in changes]
    tos = [c.to_status for c in changes]
    return (
        dates == sorted(dates)
        and froms == [None, *tos[:-1]]
        and action.status == tos[-1]
        and action.added_on <= dates[0]
    )


@given(data=st.data())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_import_leaves_a_status_dated_after_a_later_one(world, data):
    with transaction.atomic():
        mixed_world(world)
        for _round in range(2):
            rows = data.draw(random_rows(world))
            choices = ImportSettings(baseline=data.draw(st.sampled_from(BASELINES)))
            with acting_as(world.editor, label="test"):
                plan_import(
                    plan=world.plan,
                    data=xlsx(rows),
                    filename="plan.xlsx",
                    by=world.editor,
                    settings=choices,
                )
        assert all(chain_is_whole(a) for a in Action.objects.filter(plan=world.plan))
        transaction.set_rollback(True)


CHANGES = {
    "an action's field": lambda w: plan_services.action_update(
        action=w.unowned_action,
        expected_version=w.unowned_action.version,
        by=None,
        title="Anders",
    ),
    "a status": lambda w: plan_services.action_change_status(
        action=w.unowned_action, to_status=Status.RUNNING, by=None, effective_on=date(2017, 9, 1)
    ),
    "a new action": lambda w: plan_services.action_create(
        plan=w.plan, code="N9", title="Nieuw", period=w.plan.periods.first(), by=None
    ),
    "a new period": lambda w: plan_services.period_create(plan=w.plan, name="Later"),
    "a renamed period": lambda w: plan_services.periods_update(
        plan=w.plan,
        names_and_positions={p.pk: (p.name + " (oud)", p.position) for p in w.plan.periods.all()},
        expected_version=None,
    ),
    "a new theme": lambda w: plan_services.theme_create(organisation=w.helmond, name="Groen"),
    "a new member": lambda w: MembershipFactory(user=UserFactory(), organisation=w.helmond),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_fingerprint_changes_with_any_change_of_the_plan(world, change):
    before = plan_fingerprint(plan=world.plan)
    assert plan_fingerprint(plan=world.plan) == before
    with acting_as(None, label="test"):
        CHANGES[change](world)
    assert plan_fingerprint(plan=world.plan) != before


def test_a_refused_fingerprint_saves_nothing_not_even_an_audit_entry(world):
    data = xlsx([["Code", "Titel", "Periode", "Status"], ["N1", "T", "Actie doorlopend", "open"]])
    audit = AuditEntry.objects.count()
    with acting_as(None, label="test"):
        result = plan_import(
            plan=world.plan,
            data=data,
            filename="plan.xlsx",
            by=None,
            settings=ImportSettings(),
            expected_fingerprint="something else",
        )
    assert result.plan_changed and not result.ok and result.created == 0
    assert not Action.objects.filter(code="N1").exists()
    assert AuditEntry.objects.count() == audit


# -- the first monitor after a first import with a baseline (issue 14) -----------------

DUTCH_LIST = [
    ["Nr.", "Actie", "Fase", "Stand"],
    ["1", "Dit doen we al", "Aan de slag", "afgerond"],
    ["2", "Dit doen we ook al", "Aan de slag", "Gereed"],
    ["3", "Loopt al", "Aan de slag", "in uitvoering"],
    ["4", "Nog te doen", "Aan de slag", "open"],
]


@pytest.fixture
def imported(world):
    plan = ActionPlanFactory(organisation=world.helmond, adopted_on=date(2017, 4, 1))
    PeriodFactory(plan=plan, name="Aan de slag")
    with acting_as(None, label="test"):
        result = plan_import(
            plan=plan,
            data=xlsx(DUTCH_LIST),
            filename="lijst.xlsx",
            by=None,
            is_coordinator=True,
            settings=ImportSettings(baseline=date(2017, 4, 1)),
        )
    assert result.ok, result.problems
    return plan


def test_a_monitor_between_baseline_and_today_shows_the_imported_statuses(imported):
    report = report_for_date(plan=imported, on=date(2017, 6, 1))
    (period,) = report.periods
    assert {k: v for k, v in period.counts.items() if v} == {
        "completed": 2,
        "running": 1,
        "not_started": 1,
    }


def test_actions_completed_on_the_baseline_are_not_realised_since_adoption(imported):
    """A completion dated on the adoption date is the state the plan was adopted in:
    the first monitor reports no realised actions (ADR 0029)."""
    assert report_for_date(plan=imported, on=date(2017, 9, 20)).realised == []
    with acting_as(None, label="test"):
        plan_services.action_change_status(
            action=Action.objects.get(plan=imported, code="3"),
            to_status=Status.COMPLETED,
            by=None,
            effective_on=date(2017, 8, 1),
        )
    realised = report_for_date(plan=imported, on=date(2017, 9, 20)).realised
    assert [a.code for a in realised] == ["3"]


def test_a_status_can_be_changed_after_the_baseline_again(imported):
    """The history starts on the baseline, so changes dated after it are accepted (the
    import of issue 2 dated them all today, and refused every earlier change)."""
    with acting_as(None, label="test"):
        plan_services.action_change_status(
            action=Action.objects.get(plan=imported, code="4"),
            to_status=Status.RUNNING,
            by=None,
            effective_on=date(2017, 5, 1),
        )
    assert StatusChange.objects.filter(action__plan=imported).count() == 5


def test_a_baseline_before_the_adoption_date_moves_added_on_back_too(world):
    plan = ActionPlanFactory(organisation=world.helmond, adopted_on=date(2017, 4, 1))
    PeriodFactory(plan=plan, name="Aan de slag")
    with acting_as(None, label="test"):
        result = plan_import(
            plan=plan,
            data=xlsx(DUTCH_LIST),
            filename="lijst.xlsx",
            by=None,
            is_coordinator=True,
            settings=ImportSettings(baseline=date(2017, 1, 1)),
        )
    assert result.ok, result.problems
    assert set(Action.objects.filter(plan=plan).values_list("added_on", flat=True)) == {
        date(2017, 1, 1)
    }


# -- query counts ----------------------------------------------------------------------


def queries_of_import(world, count: int) -> tuple[int, int]:
    """The queries a guided import of `count` new rows takes: (inserts, the others)."""
    rows = [["Nr.", "Actie", "Fase", "Stand", "Gereed"]] + [
        [f"Q{n:04d}", f"Actie {n}", "Fase 9", "afgerond" if n % 2 else "loopt", "31-12-2018"]
        for n in range(count)
    ]
    executed: list[str] = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    choices = ImportSettings(periods={"fase 9": "__new__"}, baseline=date(2017, 4, 1))
    with transaction.atomic():
        with connection.execute_wrapper(record), acting_as(None, label="test"):
            result = plan_import(
                plan=world.plan,
                data=xlsx(rows),
                filename="plan.xlsx",
                by=None,
                is_coordinator=True,
                settings=choices,
            )
        assert result.ok and result.created == count, result.problems[:3]
        transaction.set_rollback(True)
    inserts = sum(sql.startswith("INSERT") for sql in executed)
    return inserts, len(executed) - inserts


def test_the_guided_import_reads_and_checks_in_as_many_queries_for_many_rows_as_for_few(world):
    """Only the bulk inserts grow, a query per batch of rows (the database's limit of
    parameters per statement)."""
    (few_inserts, few_others), (many_inserts, many_others) = (
        queries_of_import(world, 20),
        queries_of_import(world, 400),
    )
    assert few_others == many_others
    assert many_inserts - few_inserts <= 400 // 40
