"""config(): one typed helper reads every environment variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mvimonitor.conf import env
from mvimonitor.conf.env import config

NAME = "MVI_TEST_VARIABLE"


@pytest.fixture(autouse=True)
def _registry_untouched(monkeypatch):
    # config() registers every name it reads; keep the test names out of the real
    # registry, which the configuration reference is checked against.
    monkeypatch.setattr(env, "REGISTRY", dict(env.REGISTRY))
    monkeypatch.delenv(NAME, raising=False)


def test_an_unset_variable_gives_the_default_and_is_registered():
    assert config(NAME, 7, help_text="Zeven.") == 7
    assert env.REGISTRY[NAME] == (7, "Zeven.")


@pytest.mark.parametrize("raw", ["1", "true", "True", " yes ", "on", "ja", "JA"])
def test_true_in_english_or_dutch(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert config(NAME, False, help_text="") is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "no", "off", "nee", ""])
def test_false_in_english_or_dutch(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)
    assert config(NAME, True, help_text="") is False


def test_anything_else_for_a_flag_is_refused_with_the_name(monkeypatch):
    monkeypatch.setenv(NAME, "soms")
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be true or false, not 'soms'"):
        config(NAME, True, help_text="")


def test_a_number(monkeypatch):
    monkeypatch.setenv(NAME, " 42 ")
    assert config(NAME, 1, help_text="") == 42


def test_a_number_that_is_not_one_is_refused_with_the_name(monkeypatch):
    monkeypatch.setenv(NAME, "42kB")
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be a whole number, not '42kB'"):
        config(NAME, 1, help_text="")


def test_a_comma_separated_list_drops_spaces_and_empty_items(monkeypatch):
    monkeypatch.setenv(NAME, " mvi.example.nl, ,www.mvi.example.nl ,")
    assert config(NAME, ["localhost"], help_text="") == ["mvi.example.nl", "www.mvi.example.nl"]


def test_a_string_is_taken_as_it_is(monkeypatch):
    monkeypatch.setenv(NAME, "postgres://mvi@127.0.0.1:5432/mvi")
    assert config(NAME, "sqlite://", help_text="") == "postgres://mvi@127.0.0.1:5432/mvi"


def test_a_flag_is_not_mistaken_for_a_number(monkeypatch):
    # bool is a subclass of int: the flag check must come first.
    monkeypatch.setenv(NAME, "1")
    assert config(NAME, False, help_text="") is True
