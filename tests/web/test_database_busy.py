"""A request that cannot get the database in time (issue 12, item 2): never a 500, but a
clear page (503, Retry-After) that keeps what the user typed and sends it again once the
database is free; nothing half saved. The lock is held by a second connection, as a
large import holds it, for longer than a request waits."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mvimonitor.accounts.sessions import REFRESHED
from mvimonitor.audit.models import AuditEntry
from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.exchange.models import ImportJob
from mvimonitor.plans.models import Action, StatusChange
from tests.exchange.conftest import xlsx
from tests.web.helpers import (
    SQLITE_ONLY,
    csrf_token,
    edit_url,
    resend_form,
    status_url,
    typed_edit,
    write_lock_held,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("frozen_today"),
    *SQLITE_ONLY,
]

#: Seconds a request waits for the lock in these tests: short, so that they are quick.
WAIT = 1
WORKBOOK = xlsx(
    [["Code", "Titel", "Periode", "Status"], ["N1", "Nieuw", "Actie doorlopend", "lopend"]]
)


@pytest.fixture(autouse=True)
def _short_wait(settings):
    settings.SQLITE_REQUEST_WAIT_SECONDS = WAIT


def snapshot(action: Action) -> tuple:
    """What a save would change: the action, its history and the audit trail."""
    stored = Action.objects.get(pk=action.pk)
    return (
        stored.title,
        stored.description,
        stored.status,
        stored.version,
        StatusChange.objects.filter(action=action).count(),
        AuditEntry.objects.count(),
    )


def test_a_save_that_cannot_get_the_database_gets_a_503_page_that_keeps_what_was_typed(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor)
    action = world.unowned_action
    typed = typed_edit(action)
    token = csrf_token(client.get(edit_url(action)).content.decode())
    before = snapshot(action)

    with write_lock_held():
        response = client.post(edit_url(action), {**typed, "csrfmiddlewaretoken": token})

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "Het is even te druk" in html  # Dutch first
    # The typed values are shown as text, the markup in them escaped.
    assert "Opleiding circulair inkopen voor alle inkopers" in html
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    form = resend_form(html)
    assert form is not None
    assert form.button == "Opnieuw versturen"
    assert form.action == edit_url(action)
    assert form.to_fill == {}
    resent = {name: values for name, values in form.hidden.items() if name != "csrfmiddlewaretoken"}
    assert resent == {name: [value] for name, value in typed.items()}
    assert snapshot(action) == before, "something was saved"

    # Once the lock is gone, the page's button sends it all again, with a fresh token.
    again = client.post(form.action, form.hidden)
    assert again.status_code == 302
    saved = Action.objects.get(pk=action.pk)
    assert (saved.title, saved.description, saved.status) == (
        typed["title"],
        typed["description"],
        "running",
    )
    assert saved.status_changes.last().note == typed["note"]


def test_the_busy_page_names_what_was_typed_by_the_forms_labels(world):
    client = Client()
    client.force_login(world.editor)
    action = world.unowned_action
    with write_lock_held():
        response = client.post(edit_url(action), typed_edit(action))

    html = response.content.decode()
    shown = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, flags=re.S)
    names = [name for name, _ in shown]
    assert ("Titel", "Opleiding circulair inkopen voor alle inkopers") in shown
    assert {
        "Omschrijving",
        "Afdeling",
        "Status sinds",
        "Toelichting bij de statuswijziging",
    } <= set(names)
    # Neither a field's name nor what the user never typed (the version of the record,
    # codes of choices) is shown; all of it is sent again all the same.
    for raw in ("version", "to_status", "added_kind", "period", "title", "owner_name"):
        assert raw not in names
    form = resend_form(html)
    assert form is not None and form.hidden["to_status"] == ["running"]


def test_an_htmx_save_gets_the_message_in_the_page_it_came_from(world, english, client):
    client.force_login(world.editor)
    action = world.unowned_action
    typed = {
        "to_status": "running",
        "effective_on": "2017-09-20",
        "note": "Gestart",
        "version": str(action.version),
    }

    with write_lock_held():
        response = client.post(status_url(action), typed, HTTP_HX_REQUEST="true")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    # htmx swaps the message into the page's notice area instead of the status block.
    assert response["HX-Retarget"] == "#busy-notice"
    assert response["HX-Reswap"].startswith("innerHTML")
    html = response.content.decode()
    assert "<html" not in html, "a fragment, not a whole page"
    assert "It is busy for a moment" in html
    form = resend_form(html)
    assert form is not None and form.action == status_url(action)
    assert {k: v for k, v in form.hidden.items() if k != "csrfmiddlewaretoken"} == {
        name: [value] for name, value in typed.items()
    }
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_a_page_that_cannot_get_the_database_gets_the_page_without_a_form(world, english, client):
    """The calendar page makes the user's feed link on the first visit: a GET that
    writes. (Reads go on while another connection writes.)"""
    client.force_login(world.viewer)
    url = reverse("calendar_feed:settings")

    with write_lock_held():
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "This page could not be loaded" in html
    assert f'href="{url}"' in html
    assert resend_form(html) is None
    assert not FeedToken.objects.exists()


def test_a_file_cannot_be_kept_so_the_page_asks_for_it_again(world, english, client):
    client.force_login(world.editor)
    url = reverse("exchange:import", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})

    with write_lock_held():
        response = client.post(url, {"file": SimpleUploadedFile("acties.xlsx", WORKBOOK)})

    assert response.status_code == 503
    html = response.content.decode()
    assert "Files cannot be kept" in html
    assert "acties.xlsx" in html
    form = resend_form(html)
    assert form is not None
    assert form.enctype == "multipart/form-data"
    assert form.to_fill == {"file": "file"}
    assert not ImportJob.objects.exists()


def test_a_password_is_never_written_into_the_page(world, english, client):
    secret = world.password

    with write_lock_held():
        response = client.post(
            reverse("accounts:login"), {"username": world.editor.email, "password": secret}
        )

    assert response.status_code == 503
    html = response.content.decode()
    assert secret not in html
    form = resend_form(html)
    assert form is not None
    assert form.hidden["username"] == [world.editor.email]
    assert "password" not in form.hidden
    assert form.to_fill == {"password": "password"}
    assert "Passwords are not kept" in html


def test_a_session_that_cannot_be_saved_after_the_view_gets_the_page_without_a_resend(
    world, english, client
):
    """The session is saved after the view (here: its end moved on, due every five
    minutes). Whether the view saved something then is not known, so the page offers
    no resend that could save it twice."""
    client.force_login(world.viewer)
    session = client.session
    assert SESSION_KEY in session
    session[REFRESHED] = 0  # the session's end is due to move on
    session.save()
    url = reverse(
        "plans:action_detail",
        kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", "pk": world.owned_action.pk},
    )

    with write_lock_held():
        response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "It is busy for a moment" in response.content.decode()
    assert resend_form(response.content.decode()) is None
