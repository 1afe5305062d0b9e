"""Writes to action plans: the rules of issue 2, items 3, 4 and 7."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.plans import services
from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.services import StaleActionError
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory, ActionPlanFactory, PeriodFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


pytestmark = pytest.mark.usefixtures("english")


def create(world, **kwargs):
    defaults = {
        "plan": world.plan,
        "code": "N1",
        "title": "Deelname aan opleiding circulair",
        "period": world.owned_action.period,
        "by": world.editor,
    }
    return services.action_create(**{**defaults, **kwargs})


# action_create


def test_creating_an_action_writes_its_first_history_row_effective_today(world, frozen_today):
    action = create(world, status=Status.RUNNING)

    (row,) = StatusChange.objects.filter(action=action)
    assert (row.from_status, row.to_status) == (None, Status.RUNNING)
    assert row.effective_on == date(2017, 9, 20)
    assert row.recorded_by == world.editor
    action.refresh_from_db()
    assert action.status == Status.RUNNING
    assert action.version == 1


def test_a_new_action_is_added_today_by_default_and_counts_as_new(world, frozen_today):
    action = create(world)
    assert action.added_on == date(2017, 9, 20)
    assert action.is_new  # the plan was adopted on 2017-04-01


def test_an_action_of_the_adopted_plan_is_not_new(world, frozen_today):
    action = create(
        world,
        added_on=services.initial_added_on(plan=world.plan),
        status=Status.COMPLETED,
        status_since=date(2017, 4, 1),
    )
    assert action.added_on == date(2017, 4, 1)
    assert not action.is_new
    assert action.status_changes.get().effective_on == date(2017, 4, 1)


def test_initial_added_on_is_the_adoption_date_or_today_while_that_lies_ahead(world, frozen_today):
    assert services.initial_added_on(plan=world.plan) == date(2017, 4, 1)
    future_plan = ActionPlanFactory(adopted_on=date(2018, 1, 1), starts_on=date(2018, 1, 1))
    assert services.initial_added_on(plan=future_plan) == date(2017, 9, 20)


def test_today_is_the_date_in_amsterdam(world, time_machine):
    # 22:30 UTC on the 20th is already the 21st in Amsterdam (summer time).
    time_machine.move_to(datetime(2017, 9, 20, 22, 30, tzinfo=UTC), tick=False)
    action = create(world, status_since=date(2017, 9, 21))
    assert action.added_on == date(2017, 9, 21)
    assert action.status_changes.get().effective_on == date(2017, 9, 21)


def test_the_status_date_of_a_new_action_cannot_lie_in_the_future(world, frozen_today):
    with pytest.raises(ValidationError, match="cannot lie in the future") as error:
        create(world, status=Status.RUNNING, status_since=date(2017, 9, 21))
    assert set(error.value.message_dict) == {"effective_on"}
    assert not Action.objects.filter(code="N1").exists()


def test_the_status_date_of_a_new_action_cannot_lie_before_it_was_added(world, frozen_today):
    with pytest.raises(ValidationError, match="before the action was added"):
        create(world, added_on=date(2017, 6, 1), status_since=date(2017, 5, 31))
    assert not Action.objects.filter(code="N1").exists()
    assert not StatusChange.objects.filter(action__code="N1").exists()


def test_an_action_cannot_be_created_in_a_period_of_another_plan(world, frozen_today):
    foreign_period = world.other_action.period
    with pytest.raises(ValidationError, match="another plan"):
        create(world, period=foreign_period)
    assert not Action.objects.filter(code="N1").exists()


def test_an_action_code_is_unique_in_its_plan(world, frozen_today):
    with pytest.raises(ValidationError) as error:
        create(world, code="A1")
    assert error.value.message_dict == {
        "code": ["This plan already has an action with the code “A1”."]
    }
    create(world, code="X1")  # the other organisation's code is no obstacle


def test_a_continuous_action_has_no_due_date(world, frozen_today):
    with pytest.raises(ValidationError, match="A continuous action has no due date"):
        create(world, is_continuous=True, due_date=date(2018, 1, 1))
    assert not Action.objects.filter(code="N1").exists()


def test_unknown_fields_are_a_programming_error(world, frozen_today):
    with pytest.raises(TypeError, match="colour"):
        create(world, colour="rood")


# action_change_status: the date of a change


def test_a_status_change_may_be_back_dated(world, frozen_today):
    action = world.unowned_action  # not_started since 2017-05-01
    change = services.action_change_status(
        action=action,
        to_status=Status.RUNNING,
        by=world.owner,
        effective_on=date(2017, 7, 1),
        note="Gestart met marktconsultatie",
    )
    assert (change.from_status, change.to_status) == (Status.NOT_STARTED, Status.RUNNING)
    assert change.note == "Gestart met marktconsultatie"
    action.refresh_from_db()
    assert action.status == Status.RUNNING
    assert action.version == 2


def test_a_status_change_defaults_to_today(world, frozen_today):
    change = services.action_change_status(
        action=world.unowned_action, to_status=Status.RUNNING, by=world.owner
    )
    assert change.effective_on == date(2017, 9, 20)


@pytest.mark.parametrize(
    ("effective_on", "message"),
    [
        (date(2017, 9, 21), "cannot lie in the future"),
        (date(2017, 4, 30), "before the action's last status change"),
    ],
)
def test_a_status_change_cannot_lie_in_the_future_nor_before_the_last_change(
    world, frozen_today, effective_on, message
):
    action = world.unowned_action  # last change effective 2017-05-01
    with pytest.raises(ValidationError, match=message):
        services.action_change_status(
            action=action, to_status=Status.RUNNING, by=world.owner, effective_on=effective_on
        )
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert action.status_changes.count() == 1


def test_a_status_change_cannot_lie_before_the_action_was_added(world, frozen_today):
    action = create(world, added_on=date(2017, 8, 28), status_since=date(2017, 8, 28))
    with pytest.raises(ValidationError, match="before the action was added"):
        services.action_change_status(
            action=action, to_status=Status.RUNNING, by=world.owner, effective_on=date(2017, 8, 1)
        )


def test_a_status_change_on_the_day_of_the_last_change_is_allowed(world, frozen_today):
    action = world.unowned_action
    services.action_change_status(
        action=action, to_status=Status.RUNNING, by=world.owner, effective_on=date(2017, 5, 1)
    )
    action.refresh_from_db()
    assert action.status == Status.RUNNING


def test_the_stored_status_is_the_latest_history_row(world, frozen_today):
    action = world.unowned_action
    for target, day in [
        (Status.RUNNING, date(2017, 6, 1)),
        (Status.POSTPONED, date(2017, 6, 1)),
        (Status.RUNNING, date(2017, 8, 1)),
        (Status.COMPLETED, date(2017, 9, 20)),
    ]:
        services.action_change_status(
            action=action, to_status=target, by=world.editor, effective_on=day
        )
        action.refresh_from_db()
        latest = action.status_changes.order_by("effective_on", "recorded_at", "id").last()
        assert action.status == latest.to_status == target


def test_a_status_change_with_a_stale_version_is_refused(world, frozen_today):
    action = world.unowned_action
    with pytest.raises(StaleActionError):
        services.action_change_status(
            action=action, to_status=Status.RUNNING, by=world.owner, expected_version=0
        )
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert action.status_changes.count() == 1


# action_update: the optimistic lock


def test_an_update_saves_the_changes_and_raises_the_version(world, frozen_today):
    action = world.unowned_action
    services.action_update(
        action=action,
        expected_version=1,
        by=world.editor,
        title="Nieuwe titel",
        department="Inkoop",
    )
    action.refresh_from_db()
    assert (action.title, action.department, action.version) == ("Nieuwe titel", "Inkoop", 2)


def test_an_update_is_one_update_statement_that_checks_the_version(world, frozen_today):
    action = world.unowned_action
    with CaptureQueriesContext(connection) as queries:
        services.action_update(
            action=action, expected_version=1, by=world.editor, title="Nieuwe titel"
        )
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "plans_action"')]
    assert len(updates) == 1
    where = updates[0].split(" WHERE ", 1)[1]
    assert '"plans_action"."version" = ' in where


def test_a_stale_update_is_refused_and_saves_nothing(world, frozen_today):
    mine = Action.objects.get(pk=world.unowned_action.pk)
    theirs = Action.objects.get(pk=world.unowned_action.pk)
    services.action_update(action=theirs, expected_version=1, by=world.editor, title="Van hen")

    with pytest.raises(StaleActionError, match="Someone else changed this action"):
        services.action_update(
            action=mine,
            expected_version=1,
            by=world.coordinator,
            title="Van mij",
            department="Inkoop",
            themes=[],
        )
    stored = Action.objects.get(pk=mine.pk)
    assert (stored.title, stored.department, stored.version) == ("Van hen", "", 2)


def test_an_invalid_update_saves_nothing(world, frozen_today):
    action = world.unowned_action
    with pytest.raises(ValidationError, match="due date lies before the start date"):
        services.action_update(
            action=action,
            expected_version=1,
            by=world.editor,
            title="Nieuwe titel",
            start_date=date(2018, 1, 1),
            due_date=date(2017, 1, 1),
        )
    stored = Action.objects.get(pk=action.pk)
    assert stored.title != "Nieuwe titel"
    assert stored.version == 1


def test_added_on_cannot_move_after_the_first_status_change(world, frozen_today):
    action = world.unowned_action  # added 2017-04-01, first change 2017-05-01
    with pytest.raises(ValidationError, match="first status change") as error:
        services.action_update(
            action=action, expected_version=1, by=world.editor, added_on=date(2017, 6, 1)
        )
    assert set(error.value.message_dict) == {"added_on"}
    assert Action.objects.get(pk=action.pk).added_on == date(2017, 4, 1)
    services.action_update(
        action=action, expected_version=1, by=world.editor, added_on=date(2017, 5, 1)
    )
    assert Action.objects.get(pk=action.pk).added_on == date(2017, 5, 1)


def test_an_update_can_set_the_themes(world, frozen_today):
    from mvimonitor.plans.models import Theme

    climate, circular = Theme.objects.filter(code__in=["klimaat", "circulair"])
    action = world.unowned_action
    services.action_update(
        action=action, expected_version=1, by=world.editor, themes=[climate, circular]
    )
    assert set(action.themes.all()) == {climate, circular}


# actions_bulk_change_status: all or nothing


def test_a_bulk_status_change_changes_every_action(world, frozen_today):
    period = world.owned_action.period
    actions = [ActionFactory(period=period, status=Status.NOT_STARTED) for _ in range(3)]
    changes = services.actions_bulk_change_status(
        actions=actions, to_status=Status.RUNNING, by=world.editor, note="Kwartaaloverleg"
    )
    assert len(changes) == 3
    assert {a.status for a in Action.objects.filter(pk__in=[a.pk for a in actions])} == {
        Status.RUNNING
    }


def test_a_bulk_status_change_with_one_bad_action_changes_none(world, frozen_today):
    period = world.owned_action.period
    fine = ActionFactory(period=period, code="OK1", status=Status.RUNNING)
    done = ActionFactory(period=period, code="KLAAR", status=Status.COMPLETED)
    also_fine = ActionFactory(period=period, code="OK2", status=Status.NOT_STARTED)
    rows_before = StatusChange.objects.count()

    with pytest.raises(ValidationError) as error:
        services.actions_bulk_change_status(
            actions=[fine, done, also_fine], to_status=Status.POSTPONED, by=world.editor
        )
    assert len(error.value.messages) == 1
    assert error.value.messages[0].startswith("KLAAR: ")
    assert StatusChange.objects.count() == rows_before
    stored = dict(
        Action.objects.filter(code__in=["OK1", "KLAAR", "OK2"]).values_list("code", "status")
    )
    assert stored == {"OK1": Status.RUNNING, "KLAAR": Status.COMPLETED, "OK2": Status.NOT_STARTED}


def test_a_bulk_status_change_reports_every_failure(world, frozen_today):
    period = world.owned_action.period
    first = ActionFactory(period=period, code="K1", status=Status.COMPLETED)
    second = ActionFactory(period=period, code="K2", status=Status.CANCELLED)
    with pytest.raises(ValidationError) as error:
        services.actions_bulk_change_status(
            actions=[first, second], to_status=Status.POSTPONED, by=world.editor
        )
    assert [m.split(":")[0] for m in error.value.messages] == ["K1", "K2"]


# action_withdraw


def test_withdrawing_an_action_keeps_it_and_its_history(world, frozen_today):
    action = world.unowned_action
    services.action_withdraw(
        action=action, expected_version=1, by=world.coordinator, withdrawn_on=date(2017, 9, 1)
    )
    stored = Action.objects.get(pk=action.pk)
    assert stored.withdrawn_on == date(2017, 9, 1)
    assert stored.version == 2
    assert stored.status_changes.count() == 1


def test_an_action_is_withdrawn_today_by_default(world, frozen_today):
    action = services.action_withdraw(
        action=world.unowned_action, expected_version=1, by=world.coordinator
    )
    assert action.withdrawn_on == date(2017, 9, 20)


@pytest.mark.parametrize(
    ("withdrawn_on", "message"),
    [(date(2017, 9, 21), "cannot lie in the future"), (date(2017, 3, 31), "before it was added")],
)
def test_a_withdrawal_date_must_lie_between_adding_and_today(
    world, frozen_today, withdrawn_on, message
):
    with pytest.raises(ValidationError, match=message):
        services.action_withdraw(
            action=world.unowned_action,
            expected_version=1,
            by=world.coordinator,
            withdrawn_on=withdrawn_on,
        )
    assert Action.objects.get(pk=world.unowned_action.pk).withdrawn_on is None


def test_a_stale_withdrawal_is_refused(world, frozen_today):
    with pytest.raises(StaleActionError):
        services.action_withdraw(
            action=world.unowned_action, expected_version=7, by=world.coordinator
        )
    assert Action.objects.get(pk=world.unowned_action.pk).withdrawn_on is None


# plan_create and period_create


def test_a_plan_is_created_with_its_periods_in_order(world):
    plan = services.plan_create(
        organisation=world.helmond,
        name="MVI-actieplan 2021-2025",
        slug="mvi-2021",
        adopted_on=date(2021, 3, 1),
        starts_on=date(2021, 1, 1),
        ends_on=date(2025, 12, 31),
        period_names=["Wat doen we al goed?", "Aan de slag in 2021"],
    )
    assert [p.name for p in plan.periods.order_by("position")] == [
        "Wat doen we al goed?",
        "Aan de slag in 2021",
    ]
    period = services.period_create(plan=plan, name="  Actie doorlopend ")
    assert (period.name, period.position) == ("Actie doorlopend", 2)


def test_a_plan_slug_is_unique_in_its_organisation(world):
    with pytest.raises(ValidationError):
        services.plan_create(
            organisation=world.helmond,
            name="Dubbel",
            slug="helmond-mvi",
            adopted_on=date(2021, 3, 1),
            starts_on=date(2021, 1, 1),
            ends_on=date(2025, 12, 31),
        )


def _plan_named(world, name, slug=""):
    return services.plan_create(
        organisation=world.helmond,
        name=name,
        slug=slug,
        adopted_on=date(2021, 3, 1),
        starts_on=date(2021, 1, 1),
        ends_on=date(2025, 12, 31),
    )


def test_a_plan_without_a_short_name_gets_one_made_from_its_name(world):
    plan = _plan_named(world, "MVI-actieplan Één 2021\u20132025: Zuid/Oost")
    assert plan.slug == "mvi-actieplan-een-2021-2025-zuid-oost"


def test_a_short_name_made_from_a_name_in_use_is_numbered_and_never_reserved(world):
    assert _plan_named(world, "Helmond MVI").slug == "helmond-mvi-2"
    assert _plan_named(world, "Helmond: MVI!").slug == "helmond-mvi-3"
    assert _plan_named(world, "New").slug == "new-2"
    assert _plan_named(world, "???").slug == "plan"


def test_a_long_name_gives_a_short_name_that_fits_also_when_numbered(world):
    name = "Actieplan " + "maatschappelijk verantwoord inkopen " * 3
    first, second = _plan_named(world, name), _plan_named(world, name)
    assert len(first.slug) == 60 and not first.slug.endswith("-")
    assert len(second.slug) <= 60 and second.slug.endswith("-2")
    assert second.slug.removesuffix("-2") == first.slug[: len(second.slug) - 2].rstrip("-")


def test_a_short_name_in_use_or_reserved_is_refused_naming_a_free_one(world):
    with pytest.raises(ValidationError) as error:
        _plan_named(world, "Dubbel", slug="helmond-mvi")
    assert error.value.message_dict["slug"] == [
        "Another plan already has this short name; “helmond-mvi-2” is still free."
    ]
    with pytest.raises(ValidationError) as error:
        _plan_named(world, "Nieuw", slug="new")
    assert error.value.message_dict["slug"] == ["This short name is reserved; choose another one."]


def test_a_plan_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError):
        services.plan_create(
            organisation=world.helmond,
            name="Achteruit",
            slug="achteruit",
            adopted_on=date(2021, 3, 1),
            starts_on=date(2021, 1, 1),
            ends_on=date(2020, 12, 31),
        )
    assert not world.helmond.plans.filter(slug="achteruit").exists()


def test_period_names_are_unique_in_a_plan(world):
    with pytest.raises(ValidationError):
        services.period_create(plan=world.plan, name="Actie doorlopend")
    assert PeriodFactory._meta.model.objects.filter(plan=world.plan).count() == 2
