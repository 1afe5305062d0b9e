"""The round pages: opening from the monitor, progress (polled), reminders, owners
without an account, closing; and "Mijn acties" with htmx and without."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape

from mvimonitor.organisations.models import Invitation
from mvimonitor.plans.models import Action
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import selectors, services
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound
from tests.factories import ActionFactory
from tests.rounds.conftest import AMSTERDAM, DEADLINE, MONITOR_DAY, item_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HTMX = {"HX-Request": "true"}


def url(name: str, **kwargs) -> str:
    return reverse(
        f"rounds:{name}", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", **kwargs}
    )


def monitor_url() -> str:
    return reverse(
        "monitoring:detail",
        kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", "day": MONITOR_DAY},
    )


def item_url(name: str, action: Action) -> str:
    return url(name, pk=action.pk)


# The monitor page and opening a round.


def test_a_coordinator_is_offered_to_open_a_round_on_a_draft_monitor(world, login, monitor):
    page = login(world.coordinator).get(monitor_url()).content.decode()
    assert "Update round" in page
    assert url("open", day=MONITOR_DAY) in page


def test_other_members_are_not_offered_to_open_a_round(world, login, monitor):
    page = login(world.editor).get(monitor_url()).content.decode()
    assert url("open", day=MONITOR_DAY) not in page


def test_the_monitor_page_shows_the_rounds_counts(world, login, update_round):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    page = login(world.viewer).get(monitor_url()).content.decode()
    assert "Updated: 0 · confirmed unchanged: 1 · not answered: 1." in page
    assert url("detail", day=MONITOR_DAY) not in page  # the round page is the coordinator's


def test_the_monitor_page_reads_the_round_once_for_its_box_and_the_report(
    world, login, update_round
):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    client = login(world.viewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(monitor_url()).content.decode()
    round_reads = [q for q in queries if 'FROM "rounds_updateround"' in q["sql"]]
    assert len(round_reads) == 1
    assert "Updated: 0 · confirmed unchanged: 1 · not answered: 1." in page  # the box
    assert "Answers for the 2 actions the round asked about" in page  # the report's section


def test_opening_a_round_with_an_e_mail_for_an_owner_without_an_account(world, login, monitor):
    nameless = ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    client = login(world.coordinator)
    form = client.get(url("open", day=MONITOR_DAY)).content.decode()
    assert "E-mail address of P. Jansen" in form

    response = client.post(
        url("open", day=MONITOR_DAY),
        {
            "deadline": "2017-09-15",
            "message": "Graag voor de vijftiende",
            "reminder_days": "-7, \u22122, 1",  # a typographic minus too
            "owner_email_0": "p.jansen@helmond.example.nl",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url("detail", day=MONITOR_DAY)
    update_round = UpdateRound.objects.get()
    assert update_round.reminder_offsets == [-7, -2, 1]
    assert update_round.items.count() == 3
    assert PendingOwner.objects.get().owner_name == "P. Jansen"
    assert [m.to for m in mail.outbox] == [["p.jansen@helmond.example.nl"]]
    assert "http://testserver/accounts/invitation/" in mail.outbox[0].body
    assert nameless.pk in set(update_round.items.values_list("action_id", flat=True))


def test_an_invalid_round_shows_the_reasons_and_saves_nothing(world, login, monitor):
    response = login(world.coordinator).post(
        url("open", day=MONITOR_DAY), {"deadline": "2017-09-30", "reminder_days": "-14, soon"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "reminder_days" in form.errors
    assert not UpdateRound.objects.exists()
    response = login(world.coordinator).post(
        url("open", day=MONITOR_DAY), {"deadline": "2017-09-30", "reminder_days": "-14"}
    )
    assert "deadline" in response.context["form"].errors
    response = login(world.coordinator).post(
        url("open", day=MONITOR_DAY), {"deadline": "2017-09-10", "reminder_days": "-100"}
    )
    assert "reminder_days" in response.context["form"].errors
    assert not UpdateRound.objects.exists()


def test_the_open_page_of_a_monitor_with_a_round_leads_to_the_round(world, login, update_round):
    response = login(world.coordinator).get(url("open", day=MONITOR_DAY))
    assert response["Location"] == url("detail", day=MONITOR_DAY)


# The round page.


def test_the_round_page_shows_progress_per_owner_and_per_period(world, login, update_round):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    response = login(world.coordinator).get(url("detail", day=MONITOR_DAY))
    page = response.content.decode()
    assert "1 of 2 answered (50%)" in page
    assert world.owner.display_name in page
    assert "Aan de slag in 2017" in page
    assert 'hx-trigger="every 10s"' in page
    assert "Remind everyone with open actions" in page


def test_the_poll_interval_comes_from_the_setting(world, login, update_round, settings):
    settings.ROUND_POLL_SECONDS = 2
    page = login(world.coordinator).get(url("detail", day=MONITOR_DAY)).content.decode()
    assert 'hx-trigger="every 2s"' in page


def test_the_progress_poll_answers_no_content_while_nothing_changed(world, login, update_round):
    client = login(world.coordinator)
    digest = selectors.round_progress(round=update_round).digest()
    response = client.get(url("progress", day=MONITOR_DAY), {"seen": digest}, headers=HTMX)
    assert response.status_code == 204

    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    response = client.get(url("progress", day=MONITOR_DAY), {"seen": digest}, headers=HTMX)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="round-progress"')
    assert "<html" not in fragment
    assert "1 of 2 answered (50%)" in fragment


def test_reminding_one_owner_sends_them_an_e_mail(world, login, update_round):
    response = login(world.coordinator).post(
        url("nudge", day=MONITOR_DAY), {"owner": world.owner.pk}, follow=True
    )
    assert [m.to for m in mail.outbox] == [[world.owner.email]]
    # The page escapes the name: a generated name may hold an apostrophe ("van 't Hout").
    sent = f"A reminder has been sent to {escape(world.owner.display_name)}."
    assert sent in response.content.decode()


def test_reminding_someone_the_round_does_not_ask_is_not_found(world, login, update_round):
    response = login(world.coordinator).post(
        url("nudge", day=MONITOR_DAY), {"owner": world.viewer.pk}
    )
    assert response.status_code == 404
    assert not mail.outbox


def test_reminding_everyone_with_open_actions(world, login, update_round):
    response = login(world.coordinator).post(url("nudge", day=MONITOR_DAY), follow=True)
    assert [m.to for m in mail.outbox] == [[world.owner.email]]
    assert "1 reminder has been sent." in response.content.decode()


def test_a_refused_reminder_is_explained(world, login, update_round):
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    response = login(world.coordinator).post(
        url("nudge", day=MONITOR_DAY), {"owner": world.owner.pk}, follow=True
    )
    assert not mail.outbox
    assert "message--error" in response.content.decode()


def test_owners_without_an_account_are_invited_from_the_round_page(world, login, monitor):
    ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    client = login(world.coordinator)
    assert (
        "E-mail address of P. Jansen" in client.get(url("detail", day=MONITOR_DAY)).content.decode()
    )

    response = client.post(url("owners", day=MONITOR_DAY), {"owner_email_0": "pj@example.nl"})

    assert response.status_code == 302
    assert Invitation.objects.get(email="pj@example.nl").pending_owner.owner_name == "P. Jansen"
    page = client.get(url("detail", day=MONITOR_DAY)).content.decode()
    assert "P. Jansen: invited as pj@example.nl" in page
    assert "E-mail address of P. Jansen" not in page


def test_inviting_without_any_address_asks_for_one(world, login, monitor):
    ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    response = login(world.coordinator).post(url("owners", day=MONITOR_DAY), {})
    assert response.status_code == 200
    assert "Give at least one e-mail address." in response.content.decode()


def test_closing_asks_for_confirmation_first(world, login, update_round):
    client = login(world.coordinator)
    page = client.get(url("close", day=MONITOR_DAY)).content.decode()
    assert "2 actions are still open" in page
    update_round.refresh_from_db()
    assert update_round.is_open
    response = client.post(url("close", day=MONITOR_DAY))
    assert response.status_code == 302
    update_round.refresh_from_db()
    assert not update_round.is_open
    page = client.get(url("detail", day=MONITOR_DAY)).content.decode()
    assert "hx-trigger" not in page
    assert "Remind everyone" not in page


# "Mijn acties".


def my_actions(client):
    return client.get(reverse("my_actions:list"))


def test_my_actions_lists_my_open_actions_with_the_deadline(world, login, update_round):
    response = my_actions(login(world.owner))
    page = response.content.decode()
    assert world.owned_action.title in page
    assert world.unowned_action.title not in page
    deadline, day = date_format(DEADLINE), date_format(MONITOR_DAY)
    assert f"Please answer by {deadline}, for the monitor of {day}." in page
    assert item_url("item_confirm", world.owned_action) in page


def test_the_menu_counts_my_open_actions(world, login, update_round):
    page = my_actions(login(world.owner)).content.decode()
    assert 'My actions <span class="tag">1<span class="visually-hidden"> open</span>' in page
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    page = my_actions(login(world.owner)).content.decode()
    assert 'My actions <span class="tag">' not in page


def test_my_actions_without_a_round_says_so(world, login):
    page = my_actions(login(world.viewer)).content.decode()
    assert "No update round is asking you about your actions right now." in page


def test_unchanged_with_htmx_swaps_in_the_answered_row(world, login, update_round):
    item = item_of(update_round, world.owned_action)
    response = login(world.owner).post(item_url("item_confirm", world.owned_action), headers=HTMX)
    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith(f'<li id="item-{item.pk}"')
    assert "round-item--done" in fragment
    assert "Confirmed as unchanged." in fragment
    assert "data-round-focus" in fragment
    assert item_of(update_round, world.owned_action).state == RoundItem.State.CONFIRMED


def test_an_answer_given_at_a_time_that_ends_in_a_full_stop_ends_in_one(
    world, login, update_round, clock
):
    clock.move_to(datetime(2017, 9, 1, 10, 0, tzinfo=AMSTERDAM), tick=False)
    services.round_confirm(item=item_of(update_round, world.owned_action), by=world.owner)
    page = my_actions(login(world.owner)).content.decode()
    assert "Confirmed unchanged on Sept. 1, 2017, 10 a.m.\n" in page  # English: "a.m."
    assert "a.m.." not in page


def test_unchanged_without_javascript_redirects_back_to_the_row(world, login, update_round):
    item = item_of(update_round, world.owned_action)
    response = login(world.owner).post(item_url("item_confirm", world.owned_action))
    assert response["Location"] == reverse("my_actions:list") + f"#item-{item.pk}"
    assert item_of(update_round, world.owned_action).state == RoundItem.State.CONFIRMED


def update_data(item, **values):
    prefix = f"item-{item.pk}-"
    data = {"version": 1, "to_status": "", "effective_on": "2017-09-01", "result": "", "note": ""}
    data.update(values)
    return {prefix + key: value for key, value in data.items()}


def test_saving_a_status_and_result_with_htmx(world, login, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    data = update_data(
        item, to_status=Status.COMPLETED, result="Raadsbesluit genomen", note="Afgerond"
    )
    response = login(world.owner).post(item_url("item_update", action), data, headers=HTMX)
    fragment = response.content.decode()
    assert "Your update has been saved." in fragment
    assert "status--completed" in fragment
    action.refresh_from_db()
    assert (action.status, action.result) == (Status.COMPLETED, "Raadsbesluit genomen")
    assert item_of(update_round, action).state == RoundItem.State.UPDATED


def test_a_refused_update_shows_the_reason_in_the_row_and_saves_nothing(world, login, update_round):
    action = world.owned_action
    item = item_of(update_round, action)
    data = update_data(item, to_status=Status.COMPLETED, effective_on="2017-09-02", result="Half?")
    response = login(world.owner).post(item_url("item_update", action), data, headers=HTMX)
    fragment = response.content.decode()
    assert "Nothing has been saved" in fragment
    assert "cannot lie in the future" in fragment
    assert 'aria-invalid="true"' in fragment
    action.refresh_from_db()
    assert (action.status, action.result) == (Status.RUNNING, "")


def test_a_refused_update_without_javascript_shows_the_page_with_the_errors(
    world, login, update_round
):
    action = world.owned_action
    item = item_of(update_round, action)
    data = update_data(item, version=7, result="Te laat")
    response = login(world.owner).post(item_url("item_update", action), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>My actions</h1>" in page
    assert "Someone else changed this action after you opened this page" in page


def test_an_update_after_the_round_closed_is_refused_with_the_reason(world, login, update_round):
    services.round_close(round=update_round, by=world.coordinator)
    action = world.owned_action
    item = item_of(update_round, action)
    response = login(world.owner).post(
        item_url("item_update", action), update_data(item, note="Te laat"), headers=HTMX
    )
    assert "This update round has been closed" in response.content.decode()
    assert item_of(update_round, action).state == RoundItem.State.OPEN


def test_an_action_no_round_asked_about_is_not_found(world, login, update_round):
    later = ActionFactory(period=world.owned_action.period, code="A9", owner=world.owner)
    response = login(world.owner).post(item_url("item_confirm", later))
    assert response.status_code == 404


# The stale mark in the action list.


def test_the_action_list_marks_actions_not_updated_and_explains_the_mark(
    world, login, settings, clock
):
    settings.STALE_AFTER_DAYS = 30
    clock.move_to(date(2017, 4, 1))
    quiet = ActionFactory(period=world.owned_action.period, code="A3", status=Status.RUNNING)
    clock.move_to(date(2017, 9, 1))
    fresh = ActionFactory(
        period=world.owned_action.period, code="A4", status_since=date(2017, 9, 1)
    )
    response = login(world.viewer).get(
        reverse("plans:action_list", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})
    )
    page = response.content.decode()
    assert "nobody changed, updated or confirmed the action in the last 30 days" in page
    rows = {a.code: page.split(a.title)[1].split("</th>")[0] for a in (quiet, fresh)}
    assert ">not updated</span>" in rows["A3"]
    assert ">not updated</span>" not in rows["A4"]


def test_an_invited_owner_who_accepts_on_the_web_finds_their_actions(client, world, monitor):
    nameless = ActionFactory(period=world.owned_action.period, code="A3", owner_name="P. Jansen")
    update_round = services.round_open(
        monitor=monitor,
        deadline=DEADLINE,
        by=world.coordinator,
        owner_emails={"P. Jansen": "pj@example.nl"},
    )
    invitation = Invitation.objects.get(email="pj@example.nl")
    password = "een-lang-wachtwoord-42"
    response = client.post(
        reverse("accounts:invitation_accept", kwargs={"token": invitation.token}),
        {"full_name": "Piet Jansen", "password": password, "password_confirm": password},
    )
    assert response.status_code == 302
    page = my_actions(client).content.decode()
    assert nameless.title in page
    assert item_of(update_round, nameless).owner.email == "pj@example.nl"


def test_my_actions_marks_a_late_action_with_why(world, login, update_round):
    # today 1 September 2017; A1 (mine, running) was due on 31 August
    Action.objects.filter(pk=world.owned_action.pk).update(due_date=date(2017, 8, 31))
    page = my_actions(login(world.owner)).content.decode()
    assert '<span class="tag tag--late">late</span>' in page
    assert "due date Aug. 31, 2017 passed" in page


def test_my_actions_marks_nothing_due_today(world, login, update_round):
    Action.objects.filter(pk=world.owned_action.pk).update(due_date=date(2017, 9, 1))
    assert "tag--late" not in my_actions(login(world.owner)).content.decode()


def test_the_swapped_in_row_keeps_its_late_mark(world, login, update_round):
    Action.objects.filter(pk=world.owned_action.pk).update(due_date=date(2017, 8, 31))
    response = login(world.owner).post(item_url("item_confirm", world.owned_action), headers=HTMX)
    assert "due date Aug. 31, 2017 passed" in response.content.decode()


def test_my_actions_reads_lateness_once_for_the_page(world, login, update_round):
    client = login(world.owner)
    my_actions(client)
    with CaptureQueriesContext(connection) as one:
        my_actions(client)
    for n in range(5):
        action = ActionFactory(
            period=world.owned_action.period,
            code=f"M{n}",
            owner=world.owner,
            start_date=date(2017, 5, 1),
        )
        RoundItem.objects.create(round=update_round, action=action, owner=world.owner)
    with CaptureQueriesContext(connection) as six:
        page = my_actions(client).content.decode()
    assert len(six.captured_queries) == len(one.captured_queries)
    assert page.count("start date May 1, 2017 passed") == 5
