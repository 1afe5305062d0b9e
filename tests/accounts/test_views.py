import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from mvimonitor.accounts.models import User
from mvimonitor.conf import settings as project_settings
from mvimonitor.organisations.models import Invitation
from mvimonitor.organisations.roles import Role
from tests.factories import InvitationFactory, UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

JULY_12_2017 = datetime(2017, 7, 12, 10, 0, tzinfo=UTC)
NEW_PASSWORD = "Circulair-Inkopen-2018!"


def in_dutch(message: str) -> str:
    """The text as a visitor with the default language (Dutch) sees it, HTML-escaped."""
    with override("nl"):
        return escape(gettext(message))


def _logged_in_user_id(client) -> str | None:
    return client.session.get(SESSION_KEY)


def test_passwords_are_hashed_with_argon2(settings, db):
    # The test suite hashes fast (tests/conftest.py); this test uses the real setting.
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert get_hasher().algorithm == "argon2"
    user = UserFactory()
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_the_login_page_has_a_labelled_email_field(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b'<label for="id_username">' in response.content
    assert b'type="email"' in response.content


def test_logging_in_ignores_the_case_of_the_email_address(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Coordinator@HELMOND.example.nl", "password": world.password},
    )
    assert response.status_code == 302
    assert _logged_in_user_id(client) == str(world.coordinator.pk)


def test_a_wrong_password_is_refused_with_a_message(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": world.coordinator.email, "password": "fout"}
    )
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert _logged_in_user_id(client) is None


def test_logging_in_returns_to_the_page_asked_for(client, world):
    next_url = reverse("organisations:members", kwargs={"org_slug": "helmond"})
    response = client.post(
        reverse("accounts:login") + f"?next={next_url}",
        {"username": world.coordinator.email, "password": world.password, "next": next_url},
    )
    assert response.url == next_url


def test_logging_out_needs_a_post(client, world):
    client.force_login(world.viewer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert _logged_in_user_id(client) is not None
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert _logged_in_user_id(client) is None


def _link_in(body: str) -> str:
    match = re.search(r"https?://testserver(/\S+)", body)
    assert match, body
    return match.group(1)


def test_a_password_reset_mail_has_a_working_link(client, world):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "VIEWER@helmond.example.nl"}
    )
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.viewer.email]
    assert message.alternatives[0][1] == "text/html"
    path = _link_in(message.body)
    assert path in message.alternatives[0][0]

    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    world.viewer.refresh_from_db()
    assert world.viewer.check_password(NEW_PASSWORD)
    # The link works once.
    assert client.get(path, follow=True).context["validlink"] is False


def test_a_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, world):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.nl"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_password_reset_mail_follows_the_language_the_visitor_chose(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("accounts:password_reset"), {"email": world.viewer.email})
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_a_member_can_change_their_password(client, world):
    client.force_login(world.editor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": world.password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.url == reverse("accounts:password_change_done")
    world.editor.refresh_from_db()
    assert world.editor.check_password(NEW_PASSWORD)


def _accept_url(invitation: Invitation) -> str:
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def test_a_new_user_chooses_name_and_password_and_is_logged_in(client, world):
    invitation = InvitationFactory(organisation=world.helmond, role=Role.EDITOR)
    page = client.get(_accept_url(invitation))
    assert page.status_code == 200
    assert b'autocomplete="new-password"' in page.content
    response = client.post(
        _accept_url(invitation),
        {
            "full_name": "Sanne de Vries",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert response.url == reverse("organisations:detail", kwargs={"org_slug": "helmond"})
    user = User.objects.get(email=invitation.email)
    assert _logged_in_user_id(client) == str(user.pk)
    assert user.memberships.get().role == Role.EDITOR


def test_a_weak_password_is_refused_with_the_reason_next_to_the_field(client, world):
    invitation = InvitationFactory(organisation=world.helmond)
    response = client.post(
        _accept_url(invitation),
        {
            "full_name": "Sanne de Vries",
            "password": "wachtwoord",
            "password_confirm": "wachtwoord",
        },
    )
    assert response.status_code == 200
    assert b'id="id_password_error"' in response.content
    assert not User.objects.filter(email=invitation.email).exists()


def test_different_passwords_are_refused(client, world):
    invitation = InvitationFactory(organisation=world.helmond)
    response = client.post(
        _accept_url(invitation),
        {
            "full_name": "Sanne",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD + "x",
        },
    )
    assert b'id="id_password_confirm_error"' in response.content
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_existing_user_who_is_logged_in_accepts_with_one_click(client, world):
    invitation = InvitationFactory(
        organisation=world.helmond, email="Coordinator@Anders.example.nl", role=Role.VIEWER
    )
    client.force_login(world.outsider)
    assert client.get(_accept_url(invitation)).status_code == 200
    response = client.post(_accept_url(invitation))
    assert response.url == reverse("organisations:detail", kwargs={"org_slug": "helmond"})
    assert world.outsider.memberships.get(organisation=world.helmond).role == Role.VIEWER


def test_an_existing_user_who_is_not_logged_in_is_sent_to_log_in_and_back(client, world):
    invitation = InvitationFactory(organisation=world.helmond, email=world.outsider.email)
    page = client.get(_accept_url(invitation))
    login_link = reverse("accounts:login") + "?next=" + _accept_url(invitation)
    assert login_link.encode() in page.content
    # Posting to the page does not make anyone a member without logging in.
    client.post(
        _accept_url(invitation),
        {"full_name": "X", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert not world.outsider.memberships.filter(organisation=world.helmond).exists()
    response = client.post(
        reverse("accounts:login"),
        {
            "username": world.outsider.email,
            "password": world.password,
            "next": _accept_url(invitation),
        },
    )
    assert response.url == _accept_url(invitation)
    client.post(_accept_url(invitation))
    assert world.outsider.memberships.filter(organisation=world.helmond).exists()


def test_someone_logged_in_with_another_account_cannot_accept(client, world):
    invitation = InvitationFactory(organisation=world.helmond)
    client.force_login(world.outsider)
    assert client.get(_accept_url(invitation)).status_code == 403
    assert client.post(_accept_url(invitation)).status_code == 403
    assert not world.outsider.memberships.filter(organisation=world.helmond).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": JULY_12_2017}, "Deze uitnodiging is al gebruikt."),
        ({"revoked_at": JULY_12_2017}, "Deze uitnodiging is ingetrokken."),
    ],
)
def test_a_used_or_revoked_invitation_explains_itself(client, world, state, message):
    invitation = InvitationFactory(organisation=world.helmond, **state)
    response = client.get(_accept_url(invitation))
    assert response.status_code == 410
    assert message in response.content.decode()


def test_an_expired_invitation_explains_itself(client, world):
    with time_machine.travel(JULY_12_2017, tick=False):
        invitation = InvitationFactory(organisation=world.helmond)
    with time_machine.travel(datetime(2017, 9, 20, tzinfo=UTC), tick=False):
        response = client.get(_accept_url(invitation))
        posted = client.post(
            _accept_url(invitation),
            {
                "full_name": "Te laat",
                "password": NEW_PASSWORD,
                "password_confirm": NEW_PASSWORD,
            },
        )
    expired = in_dutch(
        "This invitation has expired. Ask the person who invited you to send it again."
    )
    assert response.status_code == posted.status_code == 410
    assert expired in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_unknown_token_explains_itself(client, world):
    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": "verzonnen"}))
    assert response.status_code == 404
    assert "Deze uitnodigingslink is niet geldig." in response.content.decode()
