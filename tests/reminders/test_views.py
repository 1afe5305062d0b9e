from django.conf import settings
from django.urls import reverse

URL = reverse("reminders:preferences")


def test_every_logged_in_user_sees_the_reminder_choice_in_english(login, world):
    client = login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "I want to receive reminders by e-mail" in html
    assert 'name="receives_reminders"' in html and "checked" in html
    assert 'name="language"' in html


def test_the_user_menu_links_to_the_preferences(login, world):
    response = login(world.owner).get(URL)
    assert f'href="{URL}"' in response.content.decode()


def test_unticking_the_box_stops_reminders_and_sets_the_language(login, world):
    client = login(world.owner)
    response = client.post(URL, {"language": "en", "version": world.owner.version})
    assert response.status_code == 302 and response["Location"] == URL
    world.owner.refresh_from_db()
    assert (world.owner.receives_reminders, world.owner.language) == (False, "en")

    client.post(URL, {"receives_reminders": "on", "language": "nl", "version": world.owner.version})
    world.owner.refresh_from_db()
    assert (world.owner.receives_reminders, world.owner.language) == (True, "nl")


def test_an_unknown_language_is_refused_and_nothing_saved(login, world):
    response = login(world.owner).post(URL, {"language": "de"})
    assert response.status_code == 200
    world.owner.refresh_from_db()
    assert (world.owner.receives_reminders, world.owner.language) == (True, "nl")


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
