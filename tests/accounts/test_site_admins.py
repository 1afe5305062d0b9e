"""Site administrators, a role of the installation (docs/adr/0028-site-administrators.md):
`mvi-monitor create-site-admin EMAIL` makes one. A new account gets no password but an
e-mail with the single-use link to choose one; an existing account keeps its password.
The command answers in Dutch."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from mvimonitor.accounts import services
from mvimonitor.accounts.models import User
from mvimonitor.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

BASE_URL = "https://mvi.example.nl"
LINK = re.compile(r"https://mvi\.example\.nl/accounts/password/reset/[^/\s]+/[^/\s]+/")


def test_a_new_site_administrator_gets_an_account_without_a_password():
    user, created = services.site_admin_ensure(email=" Beheer@Gemeente.NL ", full_name="Sanne")

    assert created
    assert (user.email, user.full_name, user.is_site_admin) == ("beheer@gemeente.nl", "Sanne", True)
    assert not user.has_usable_password()
    assert not user.is_staff  # the Django admin is for platform operators


def test_an_existing_account_becomes_site_administrator_and_keeps_its_password():
    existing = UserFactory(email="ingrid@helmond.nl")

    user, created = services.site_admin_ensure(email="INGRID@helmond.nl")

    assert (user, created, user.is_site_admin) == (existing, False, True)
    assert User.objects.get(pk=existing.pk).check_password(PASSWORD)


def test_an_address_that_is_no_email_address_is_refused(english):
    with pytest.raises(ValidationError) as refused:
        services.site_admin_ensure(email="beheer")
    assert refused.value.message_dict["email"] == ["Enter a valid e-mail address."]
    assert not User.objects.exists()


def test_the_command_mails_the_link_to_choose_a_password_and_answers_in_dutch(capsys):
    call_command("create-site-admin", "beheer@gemeente.nl", "--base-url", BASE_URL)

    user = User.objects.get(email="beheer@gemeente.nl")
    assert user.is_site_admin
    out = capsys.readouterr().out
    assert "Account aangemaakt voor beheer@gemeente.nl, als sitebeheerder." in out
    assert "Er is een e-mail met een link om een wachtwoord te kiezen verstuurd naar" in out
    assert not LINK.search(out)  # the link is in the e-mail only
    [message] = mail.outbox
    assert message.to == ["beheer@gemeente.nl"]
    assert message.subject == "U bent sitebeheerder van MVI Monitor"
    assert LINK.search(message.body)
    assert "Kies uw wachtwoord via deze link:" in message.body
    entry = AuditEntry.objects.get(model="accounts.User", operation="create")
    assert entry.actor_label == "command create-site-admin"


def test_the_link_lets_the_new_site_administrator_choose_a_password_once(client):
    call_command("create-site-admin", "beheer@gemeente.nl", "--base-url", BASE_URL)
    link = LINK.search(mail.outbox[0].body).group(0).removeprefix(BASE_URL)

    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    new_password = "Beheer-Oss-2017-veilig"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    assert User.objects.get(email="beheer@gemeente.nl").check_password(new_password)

    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_with_print_link_the_link_is_printed_instead_of_mailed(capsys):
    call_command("create-site-admin", "beheer@gemeente.nl", "--print-link", "--base-url", BASE_URL)

    out = capsys.readouterr().out
    assert "Met deze link kiest de sitebeheerder een wachtwoord" in out
    assert LINK.search(out)
    assert mail.outbox == []


def test_an_existing_account_is_told_to_log_in_as_always(capsys):
    UserFactory(email="ingrid@helmond.nl")

    call_command("create-site-admin", "ingrid@helmond.nl")

    assert "ingrid@helmond.nl is sitebeheerder en logt in met het eigen wachtwoord." in (
        capsys.readouterr().out
    )
    assert mail.outbox == []


def test_the_command_refuses_an_address_that_is_no_email_address_in_dutch():
    with pytest.raises(CommandError, match=r"Vul een geldig e-mailadres in\."):
        call_command("create-site-admin", "beheer")


def test_the_command_says_in_dutch_when_the_email_cannot_be_sent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens

    with pytest.raises(CommandError, match="--print-link"):
        call_command("create-site-admin", "beheer@gemeente.nl")
    # The account is there: the command again, with --print-link, gives the link.
    assert User.objects.get(email="beheer@gemeente.nl").is_site_admin
