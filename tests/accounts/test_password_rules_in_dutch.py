"""Django's own password rules speak Dutch in the Dutch interface (issue 12, item 9): the
rule for a too short password had no Dutch translation in Django 5.2 (its text changed),
and the one for a password like the user's e-mail address said "de e-mailadres"."""

import html

from django.urls import reverse


def refusals(client, world, new_password: str) -> str:
    client.force_login(world.viewer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": world.password,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response.status_code == 200  # the form again, with its messages
    return html.unescape(response.content.decode())


def test_a_too_short_password_is_refused_in_dutch(client, world):
    page = refusals(client, world, "kort1")
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in page
    assert "too short" not in page


def test_a_password_like_the_email_address_is_refused_in_proper_dutch(client, world):
    page = refusals(client, world, world.viewer.email)
    assert "Het wachtwoord lijkt te veel op uw e-mailadres." in page
