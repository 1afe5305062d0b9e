"""The language middleware: Dutch unless chosen, and the choice never outlives its request."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def test_a_page_is_dutch_unless_english_is_chosen(client):
    assert client.get(reverse("accounts:login"))["Content-Language"] == "nl"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(reverse("accounts:login"))["Content-Language"] == "en"


def test_the_language_of_a_request_does_not_leak_into_what_the_thread_does_next(client):
    # A command or background job run later by the same thread (or the next test) must
    # not speak the language some earlier visitor chose.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("nl"):
        client.get(reverse("accounts:login"))
        assert translation.get_language() == "nl"
