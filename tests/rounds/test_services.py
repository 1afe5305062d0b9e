from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mvimonitor.monitoring.models import Monitor
from mvimonitor.organisations import services as organisation_services
from mvimonitor.organisations.models import Invitation, Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import services
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound
from tests.factories import ActionFactory
from tests.rounds.conftest import AMSTERDAM, BASE_URL, DEADLINE, MONITOR_DAY, item_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def open_round(world, monitor, **kwargs):
    kwargs.setdefault("deadline", DEADLINE)
    kwargs.setdefault("by", world.coordinator)
    return services.round_open(monitor=monitor, **kwargs)


def messages(error) -> str:
    return " ".join(error.value.messages)


# Opening a round.


def test_a_round_asks_about_every_action_in_the_plan_today_that_is_not_done(world, monitor):
    period = world.owned_action.period
    completed = ActionFactory(period=period, code="A3", status=Status.COMPLETED)
    cancelled = ActionFactory(period=period, code="A4", status=Status.CANCELLED)
    postponed = ActionFactory(period=period, code="A5", status=Status.POSTPONED)
    withdrawn = ActionFactory(period=period, code="A6")
    plan_services.action_withdraw(
        action=withdrawn, expected_version=withdrawn.version, by=None, withdrawn_on=date(2017, 8, 1)
    )
    added_today = ActionFactory(
        period=period, code="A7", added_on=date(2017, 9, 1), status_since=date(2017, 9, 1)
    )

    update_round = open_round(world, monitor, message="Graag voor de 15e")

    asked = set(update_round.items.values_list("action__code", flat=True))
    assert asked == {"A1", "A2", "A5", "A7"}
    assert completed.pk and cancelled.pk and postponed.pk and added_today.pk
    assert update_round.message == "Graag voor de 15e"
    assert update_round.opened_by == world.coordinator
    assert set(update_round.items.values_list("state", flat=True)) == {RoundItem.State.OPEN}


def test_each_item_remembers_the_owner_when_the_round_opened(world, monitor):
    nameless = ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    update_round = open_round(world, monitor)
    assert item_of(update_round, world.owned_action).owner == world.owner
    assert item_of(update_round, nameless).owner is None
    assert item_of(update_round, nameless).owner_name == "P. Jansen"
    assert item_of(update_round, world.unowned_action).owner_name == ""


def test_reminder_days_default_to_the_setting_and_can_be_chosen(world, monitor, settings):
    settings.REMINDER_OFFSETS_DAYS = [-14, -3, 1]
    assert open_round(world, monitor).reminder_offsets == [-14, -3, 1]


def test_chosen_reminder_days_are_sorted_without_doubles(world, monitor):
    update_round = open_round(world, monitor, reminder_offsets=[1, -7, -7])
    assert update_round.reminder_offsets == [-7, 1]


def test_reminder_days_far_from_the_deadline_are_refused(world, monitor):
    with pytest.raises(ValidationError) as error:
        open_round(world, monitor, reminder_offsets=[-100])
    assert "reminder_offsets" in error.value.message_dict


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OWNER, Role.VIEWER])
def test_only_a_coordinator_opens_a_round(world, monitor, role):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        open_round(world, monitor, by=world.user(role))
    assert not UpdateRound.objects.exists()


def test_a_coordinator_of_another_organisation_cannot_open_a_round(world, monitor):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        open_round(world, monitor, by=world.outsider)


def test_a_round_is_only_opened_for_a_draft_monitor(world, monitor):
    Monitor.objects.filter(pk=monitor.pk).update(state=Monitor.State.FINAL)
    monitor.refresh_from_db()
    with pytest.raises(ValidationError, match="draft monitor"):
        open_round(world, monitor)


def test_a_monitor_has_at_most_one_round(world, monitor):
    first = open_round(world, monitor)
    services.round_close(round=first, by=world.coordinator)
    with pytest.raises(ValidationError, match="already has an update round"):
        open_round(world, monitor)


def test_a_plan_has_one_open_round_at_a_time(world, monitor):
    open_round(world, monitor)
    later = Monitor.objects.create(plan=world.plan, date=date(2017, 11, 15))
    with pytest.raises(ValidationError, match="still open"):
        open_round(world, later)


@pytest.mark.parametrize(
    "deadline", [date(2017, 8, 31), date(2017, 9, 21)], ids=["past", "after the monitor"]
)
def test_the_deadline_lies_between_today_and_the_monitor_date(world, monitor, deadline):
    with pytest.raises(ValidationError) as error:
        open_round(world, monitor, deadline=deadline)
    assert "deadline" in error.value.message_dict
    assert not UpdateRound.objects.exists()


@pytest.mark.parametrize("deadline", [date(2017, 9, 1), MONITOR_DAY], ids=["today", "monitor day"])
def test_the_deadline_may_be_today_or_the_monitor_date(world, monitor, deadline):
    assert open_round(world, monitor, deadline=deadline).deadline == deadline


# Owners without an account.


def test_an_owner_without_an_account_is_invited_by_e_mail_when_the_round_opens(world, monitor):
    ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    update_round = open_round(
        world, monitor, owner_emails={"P. Jansen": "p.jansen@helmond.example.nl"}, base_url=BASE_URL
    )
    invitation = Invitation.objects.get(email="p.jansen@helmond.example.nl")
    assert invitation.role == Role.OWNER
    assert invitation.organisation == world.helmond
    pending = PendingOwner.objects.get(invitation=invitation)
    assert (pending.plan, pending.owner_name) == (world.plan, "P. Jansen")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["p.jansen@helmond.example.nl"]
    assert f"{BASE_URL}/accounts/invitation/{invitation.token}/" in mail.outbox[0].body
    assert update_round.items.count() == 3


def test_accepting_the_invitation_makes_the_new_member_owner_of_the_actions(world, monitor):
    period = world.owned_action.period
    first = ActionFactory(period=period, code="A3", owner_name="P. Jansen")
    done = ActionFactory(period=period, code="A4", owner_name="P. Jansen", status=Status.COMPLETED)
    someone_else = ActionFactory(period=period, code="A5", owner_name="K. de Vries")
    update_round = open_round(
        world, monitor, owner_emails={"P. Jansen": "p.jansen@helmond.example.nl"}, base_url=BASE_URL
    )
    invitation = Invitation.objects.get(email="p.jansen@helmond.example.nl")

    membership = organisation_services.invitation_accept(
        invitation=invitation, full_name="Piet Jansen", password="een-lang-wachtwoord-42"
    )

    user = membership.user
    assert membership.role == Role.OWNER
    for action in (first, done):
        action.refresh_from_db()
        assert (action.owner, action.owner_name) == (user, "")
    someone_else.refresh_from_db()
    assert (someone_else.owner, someone_else.owner_name) == (None, "K. de Vries")
    assert item_of(update_round, first).owner == user
    assert item_of(update_round, someone_else).owner is None
    pending = PendingOwner.objects.get(invitation=invitation)
    assert pending.assigned_to == user and pending.assigned_at is not None


def test_an_address_of_a_member_makes_that_member_the_owner_at_once(world, monitor):
    nameless = ActionFactory(period=world.owned_action.period, code="A3", owner_name="Owner")
    update_round = open_round(world, monitor)
    pending = services.round_invite_owner(
        round=update_round,
        owner_name="Owner",
        email=world.owner.email.upper(),
        by=world.coordinator,
        base_url=BASE_URL,
    )
    assert pending is None
    assert not mail.outbox
    nameless.refresh_from_db()
    assert nameless.owner == world.owner
    assert item_of(update_round, nameless).owner == world.owner


def test_inviting_a_name_the_round_does_not_wait_for_is_refused(world, update_round):
    with pytest.raises(ValidationError, match="No action in this round"):
        services.round_invite_owner(
            round=update_round,
            owner_name="Niemand",
            email="niemand@example.nl",
            by=world.coordinator,
            base_url=BASE_URL,
        )
    assert not Invitation.objects.filter(email="niemand@example.nl").exists()


def test_a_wrong_address_saves_no_round_and_no_invitation(world, monitor):
    ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    with pytest.raises(ValidationError):
        open_round(world, monitor, owner_emails={"P. Jansen": "geen-adres"}, base_url=BASE_URL)
    assert not UpdateRound.objects.exists()
    assert not Invitation.objects.exists()


# Confirming and updating.


def test_an_owner_confirms_their_action_unchanged_in_one_step(world, update_round):
    item = item_of(update_round, world.owned_action)
    services.round_confirm(item=item, by=world.owner)
    item.refresh_from_db()
    assert item.state == RoundItem.State.CONFIRMED
    assert item.responded_by == world.owner
    assert item.responded_at is not None
    world.owned_action.refresh_from_db()
    assert world.owned_action.version == 1  # the action itself is untouched


def test_confirming_twice_keeps_it_confirmed(world, update_round):
    item = item_of(update_round, world.owned_action)
    services.round_confirm(item=item, by=world.owner)
    services.round_confirm(item=item, by=world.owner)
    assert item_of(update_round, world.owned_action).state == RoundItem.State.CONFIRMED


def test_an_owner_updates_status_and_result_in_one_step(world, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    services.round_update(
        item=item,
        by=world.owner,
        version=action.version,
        status=Status.COMPLETED,
        effective_on=date(2017, 8, 30),
        result="Opgeleverd aan de raad",
        note="Klaar, zie raadsbesluit",
    )
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    assert action.result == "Opgeleverd aan de raad"
    change = StatusChange.objects.filter(action=action).latest("recorded_at", "id")
    assert (change.to_status, change.effective_on) == (Status.COMPLETED, date(2017, 8, 30))
    assert change.note == "Klaar, zie raadsbesluit"
    assert change.recorded_by == world.owner
    item.refresh_from_db()
    assert item.state == RoundItem.State.UPDATED
    assert item.note == "Klaar, zie raadsbesluit"


def test_a_progress_note_alone_is_an_update(world, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    services.round_update(item=item, by=world.owner, version=action.version, note="Loopt")
    assert item_of(update_round, action).state == RoundItem.State.UPDATED
    assert StatusChange.objects.filter(action=action).count() == 1


def test_an_update_without_any_change_is_refused(world, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    with pytest.raises(ValidationError, match="Nothing to save"):
        services.round_update(
            item=item, by=world.owner, version=action.version, status=Status(action.status)
        )
    assert item_of(update_round, action).state == RoundItem.State.OPEN


def test_a_forbidden_status_change_saves_neither_the_result_nor_the_item(world, update_round):
    action = world.owned_action  # running: completed -> running needs a note, so
    item = item_of(update_round, action)
    with pytest.raises(ValidationError) as error:
        services.round_update(
            item=item,
            by=world.owner,
            version=action.version,
            status=Status.NOT_STARTED,  # running -> not started is not allowed
            result="Half opgeslagen?",
        )
    assert "to_status" in error.value.message_dict
    action.refresh_from_db()
    assert (action.status, action.result, action.version) == (Status.RUNNING, "", 1)
    assert item_of(update_round, action).state == RoundItem.State.OPEN


def test_a_status_date_in_the_future_saves_nothing(world, update_round):
    action = world.owned_action
    with pytest.raises(ValidationError) as error:
        services.round_update(
            item=item_of(update_round, action),
            by=world.owner,
            version=action.version,
            status=Status.COMPLETED,
            effective_on=date(2017, 9, 2),
            result="Nog niet",
        )
    assert "effective_on" in error.value.message_dict
    action.refresh_from_db()
    assert (action.status, action.result) == (Status.RUNNING, "")


def test_an_update_on_a_stale_version_saves_nothing(world, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    seen = action.version
    fresh = Action.objects.get(pk=action.pk)
    plan_services.action_update(action=fresh, expected_version=seen, by=None, result="Eerst")
    with pytest.raises(plan_services.StaleActionError):
        services.round_update(item=item, by=world.owner, version=seen, result="Daarna")
    with pytest.raises(plan_services.StaleActionError):
        services.round_update(item=item, by=world.owner, version=seen, note="Alleen een notitie")
    action.refresh_from_db()
    assert action.result == "Eerst"
    assert item_of(update_round, action).state == RoundItem.State.OPEN


def test_an_owner_cannot_answer_for_an_action_of_someone_else(world, update_round):
    item = item_of(update_round, world.unowned_action)
    with pytest.raises(ValidationError, match="Only the action's owner"):
        services.round_confirm(item=item, by=world.owner)
    with pytest.raises(ValidationError, match="Only the action's owner"):
        services.round_update(item=item, by=world.owner, version=1, note="Niet van mij")
    assert item_of(update_round, world.unowned_action).state == RoundItem.State.OPEN


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_answer(world, update_round, who):
    item = item_of(update_round, world.owned_action)
    with pytest.raises(ValidationError, match="Only the action's owner"):
        services.round_confirm(item=item, by=getattr(world, who))


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_editors_and_coordinators_answer_for_any_action(world, update_round, role):
    item = item_of(update_round, world.unowned_action)
    services.round_update(
        item=item, by=world.user(role), version=1, status=Status.RUNNING, note="Gestart"
    )
    assert item_of(update_round, world.unowned_action).state == RoundItem.State.UPDATED


def test_an_updated_item_is_not_turned_back_into_confirmed(world, update_round):
    item = item_of(update_round, world.owned_action)
    services.round_update(item=item, by=world.owner, version=1, note="Loopt")
    with pytest.raises(ValidationError, match="already been updated"):
        services.round_confirm(item=item, by=world.owner)


def test_a_closed_round_refuses_every_answer(world, update_round):
    item = item_of(update_round, world.owned_action)
    services.round_close(round=update_round, by=world.coordinator)
    with pytest.raises(ValidationError, match="closed"):
        services.round_confirm(item=item, by=world.owner)
    with pytest.raises(ValidationError, match="closed"):
        services.round_update(item=item, by=world.owner, version=1, result="Te laat")
    world.owned_action.refresh_from_db()
    assert world.owned_action.result == ""
    assert item_of(update_round, world.owned_action).state == RoundItem.State.OPEN


# Closing.


def test_a_coordinator_closes_the_round(world, update_round):
    services.round_close(round=update_round, by=world.coordinator)
    update_round.refresh_from_db()
    assert not update_round.is_open
    assert update_round.closed_by == world.coordinator


def test_a_round_closes_once(world, update_round):
    services.round_close(round=update_round, by=world.coordinator)
    with pytest.raises(ValidationError, match="closed"):
        services.round_close(round=update_round, by=world.coordinator)


def test_only_a_coordinator_closes_a_round(world, update_round):
    with pytest.raises(ValidationError, match="Only a coordinator"):
        services.round_close(round=update_round, by=world.editor)
    update_round.refresh_from_db()
    assert update_round.is_open


def test_a_member_who_left_can_no_longer_answer(world, update_round):
    Membership.objects.filter(user=world.owner).delete()
    with pytest.raises(ValidationError):
        services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)


def test_a_round_opened_as_of_a_past_day_asks_about_the_actions_not_done_on_that_day(
    world, monitor
):
    at = datetime(2017, 8, 1, 9, 0, tzinfo=AMSTERDAM)
    update_round = services.round_open_as_of(
        monitor=monitor,
        deadline=DEADLINE,
        message="Graag bijwerken",
        opened_on=at.date(),
        opened_at=at,
        by=world.coordinator,
    )
    assert (update_round.opened_at, update_round.message) == (at, "Graag bijwerken")
    asked = set(update_round.items.values_list("action__code", flat=True))
    assert asked == {"A1", "A2"}


def test_an_answer_is_dated_back_to_the_moment_given(world, update_round):
    item = update_round.items.get(action=world.owned_action)
    at = datetime(2017, 8, 2, 10, 0, tzinfo=AMSTERDAM)
    services.round_item_answered_at(item=item, at=at)
    item.refresh_from_db()
    assert item.responded_at == at
