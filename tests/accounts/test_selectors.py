import pytest

from mvimonitor.accounts import selectors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_with_email_finds_the_account_whatever_the_case_and_spaces():
    user = UserFactory(email="anna@helmond.example.nl")
    assert selectors.user_with_email(email="  Anna@Helmond.example.NL ") == user
    assert selectors.user_with_email(email="bert@helmond.example.nl") is None


def test_users_by_name_gives_only_the_given_ids_by_name_then_address():
    zora = UserFactory(full_name="Zora", email="a@example.nl")
    nameless_b = UserFactory(full_name="", email="b@example.nl")
    nameless_a = UserFactory(full_name="", email="a-naamloos@example.nl")
    UserFactory(full_name="Anna")
    users = selectors.users_by_name(ids=[zora.pk, nameless_b.pk, nameless_a.pk])
    assert list(users) == [nameless_a, nameless_b, zora]
