import pytest
from django.core.exceptions import ValidationError

from mvimonitor.accounts import services
from mvimonitor.accounts.models import User
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def test_user_create_makes_an_account_that_logs_in_with_its_lower_case_address():
    user = services.user_create(
        email="A.de.Vries@Helmond.example.nl",
        full_name="Anna de Vries",
        password=PASSWORD,
        language="en",
    )
    stored = User.objects.get(pk=user.pk)
    assert (stored.email, stored.full_name, stored.language) == (
        "a.de.vries@helmond.example.nl",
        "Anna de Vries",
        "en",
    )
    assert stored.check_password(PASSWORD)


def test_user_create_refuses_a_password_the_validators_reject_on_the_password_field():
    with pytest.raises(ValidationError) as error:
        services.user_create(
            email="anna@helmond.example.nl", full_name="Anna", password="12345", language="nl"
        )
    assert list(error.value.message_dict) == ["password"]
    assert not User.objects.filter(email="anna@helmond.example.nl").exists()


def test_user_email_preferences_set_stops_reminders_and_keeps_the_language_unless_given():
    user = UserFactory(language="nl")
    services.user_email_preferences_set(user=user, receives_reminders=False)
    user.refresh_from_db()
    assert (user.receives_reminders, user.language) == (False, "nl")
    services.user_email_preferences_set(user=user, receives_reminders=True, language="en")
    user.refresh_from_db()
    assert (user.receives_reminders, user.language) == (True, "en")


def test_user_email_preferences_set_refuses_a_language_not_offered_on_the_language_field():
    user = UserFactory(language="nl", receives_reminders=True)
    with pytest.raises(ValidationError) as error:
        services.user_email_preferences_set(user=user, receives_reminders=False, language="de")
    assert list(error.value.message_dict) == ["language"]
    user.refresh_from_db()
    assert (user.receives_reminders, user.language) == (True, "nl")


def test_user_get_or_create_makes_an_account_with_the_password_when_none_has_the_address():
    user, created = services.user_get_or_create(
        email="kim@helmond.example.nl", full_name="Kim Jansen", password=PASSWORD
    )
    stored = User.objects.get(pk=user.pk)
    assert created
    assert (stored.email, stored.full_name) == ("kim@helmond.example.nl", "Kim Jansen")
    assert stored.check_password(PASSWORD)


def test_user_get_or_create_without_a_password_makes_an_account_that_cannot_log_in():
    user, created = services.user_get_or_create(
        email="kim@helmond.example.nl", full_name="Kim Jansen", password=None
    )
    assert created
    assert not User.objects.get(pk=user.pk).has_usable_password()


def test_user_get_or_create_returns_the_account_with_the_address_in_any_case_as_it_is():
    existing = UserFactory(email="kim@helmond.example.nl", full_name="Kim")
    user, created = services.user_get_or_create(
        email="Kim@Helmond.example.nl", full_name="Kim Jansen", password="another-Password-1"
    )
    user.refresh_from_db()
    assert (user, created, user.full_name) == (existing, False, "Kim")
    assert user.check_password(PASSWORD)


def test_user_get_or_create_refuses_a_password_the_validators_reject_and_saves_nothing():
    with pytest.raises(ValidationError):
        services.user_get_or_create(
            email="kim@helmond.example.nl", full_name="Kim Jansen", password="12345"
        )
    assert not User.objects.filter(email="kim@helmond.example.nl").exists()


def test_user_password_set_gives_the_account_the_new_password():
    user = UserFactory()
    services.user_password_set(user=user, password="Nieuw-Wachtwoord-2017")
    assert User.objects.get(pk=user.pk).check_password("Nieuw-Wachtwoord-2017")


def test_user_password_set_refuses_a_password_the_validators_reject_and_keeps_the_old_one():
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.user_password_set(user=user, password="12345")
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
