"""The settings module: safe in production or refusing to start, and documented.

The production checks run `django.setup()` in a fresh Python process, as the server
would start, with the environment under test.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from mvimonitor.conf.env import REGISTRY

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
SECRET = "x" * 50
VALID_PRODUCTION = {
    "MVI_ENVIRONMENT": "production",
    "MVI_SECRET_KEY": SECRET,
    "MVI_ALLOWED_HOSTS": "mvi.example.nl",
    # The accessibility statement's address; without it production warns (W002).
    "MVI_CONTACT_EMAIL": "toegankelijkheid@example.nl",
}
POSTGRESQL_URL = "postgres://mvi@127.0.0.1:5432/mvimonitor"
PRINT_REGISTRY = (
    "import json, django; django.setup(); "
    "from mvimonitor.conf.env import REGISTRY; print(json.dumps(sorted(REGISTRY)))"
)


def start(env: dict[str, str], code: str = "import django; django.setup()"):
    """Start Python with only the given MVI_* variables set, like a fresh server."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MVI_")}
    clean["DJANGO_SETTINGS_MODULE"] = "mvimonitor.conf.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_starts_with_a_secret_key_and_allowed_hosts():
    result = start(VALID_PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"MVI_SECRET_KEY": None}, "Set MVI_SECRET_KEY (40+ characters) in production."),
        ({"MVI_SECRET_KEY": "kort"}, "Set MVI_SECRET_KEY (40+ characters) in production."),
        ({"MVI_ALLOWED_HOSTS": None}, "Set MVI_ALLOWED_HOSTS in production."),
        ({"MVI_ALLOWED_HOSTS": " , "}, "Set MVI_ALLOWED_HOSTS in production."),
        ({"MVI_DEBUG": "true"}, "MVI_DEBUG must be off in production."),
        ({"MVI_ENVIRONMENT": "staging"}, "MVI_ENVIRONMENT must be 'development' or 'production'."),
        ({"MVI_DEBUG": "misschien"}, "MVI_DEBUG must be true or false, not 'misschien'."),
        ({"MVI_EMAIL_PORT": "vijfentwintig"}, "MVI_EMAIL_PORT must be a whole number"),
        ({"MVI_LOGIN_LOCK_MINUTES": "0"}, "The MVI_LOGIN_LOCK_* settings must be 1 or more."),
        ({"MVI_PROXY_COUNT": "-1"}, "MVI_PROXY_COUNT must be 0 or more."),
    ],
    ids=[
        "no-secret",
        "short-secret",
        "no-hosts",
        "empty-hosts",
        "debug",
        "environment",
        "bad-bool",
        "bad-int",
        "no-login-lock",
        "negative-proxies",
    ],
)
def test_production_refuses_to_start_on_unsafe_or_wrong_settings(change, message):
    env = {k: v for k, v in {**VALID_PRODUCTION, **change}.items() if v is not None}
    result = start(env)
    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr


def test_development_starts_without_any_variable():
    assert start({}).returncode == 0


# The configuration reference.


@pytest.fixture(scope="module")
def every_variable() -> set[str]:
    """The variables read in development and in production (some only in one)."""
    names: set[str] = set()
    for env in ({}, VALID_PRODUCTION):
        result = start(env, PRINT_REGISTRY)
        assert result.returncode == 0, result.stderr
        names |= set(json.loads(result.stdout))
    return names


def documented() -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|", text, flags=re.MULTILINE))


def test_the_configuration_reference_lists_every_variable(every_variable):
    assert set(REGISTRY) <= every_variable
    missing = every_variable - documented()
    assert not missing, f"Document these in docs/configuration.md: {sorted(missing)}"


def test_the_configuration_reference_lists_no_variable_that_is_not_read(every_variable):
    stale = documented() - every_variable
    assert not stale, f"docs/configuration.md lists variables nobody reads: {sorted(stale)}"


# Security headers.


def test_every_response_has_a_content_security_policy_without_inline_code(client):
    response = client.get(reverse("admin:login"))
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_a_not_found_page_has_the_policy_too(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_responses_forbid_framing_and_sniffing(client):
    response = client.get(reverse("admin:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_passwords_are_hashed_with_argon2():
    # The settings module itself: the test suite swaps in a fast hasher.
    from mvimonitor.conf import settings as configured

    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


# -- e-mail in production (issue 12, item 9) --------------------------------------------


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_production_refuses_an_email_backend_that_sends_nothing(backend):
    """Invitation and password-reset links would land in a log or nowhere."""
    result = start({**VALID_PRODUCTION, "MVI_EMAIL_BACKEND": backend})
    assert result.returncode != 0
    assert "MVI_EMAIL_BACKEND must send e-mail in production" in result.stderr


def test_production_sends_e_mail_over_smtp_unless_told_otherwise():
    result = start(
        VALID_PRODUCTION,
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.EMAIL_BACKEND)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def check_command(*arguments: str) -> str:
    """`mvi-monitor check` as a server starts: without the test run's
    DJANGO_ALLOW_ASYNC_UNSAFE (Django's deploy check rightly refuses it)."""
    return (
        "import os; os.environ.pop('DJANGO_ALLOW_ASYNC_UNSAFE', None); "
        "from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['mvi-monitor', 'check', *{list(arguments)!r}])"
    )


def test_the_deploy_check_finds_nothing_in_a_correct_production_setup():
    """W005 and W021 (HSTS for subdomains, the preload list) are decided: off unless the
    installation's owner opts in for the whole domain (docs/configuration.md). A correct
    production setup has PostgreSQL (the check does not connect to it)."""
    result = start(
        {
            **VALID_PRODUCTION,
            "MVI_SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8" * 4,
            "DATABASE_URL": POSTGRESQL_URL,
        },
        check_command("--deploy", "--fail-level", "WARNING"),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_hsts_for_subdomains_and_preloading_are_the_owners_choice():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)"
    )
    assert start(VALID_PRODUCTION, code).stdout.split() == ["False", "False"]
    chosen = {**VALID_PRODUCTION, "MVI_HSTS_INCLUDE_SUBDOMAINS": "true", "MVI_HSTS_PRELOAD": "1"}
    assert start(chosen, code).stdout.split() == ["True", "True"]


# -- SQLite in production (issue 12, item 2) ---------------------------------------------


def test_production_on_sqlite_starts_with_a_warning_of_what_sqlite_is_fit_for(tmp_path):
    sqlite = f"sqlite:///{tmp_path / 'mvimonitor.sqlite3'}"
    result = start({**VALID_PRODUCTION, "DATABASE_URL": sqlite}, check_command())
    assert result.returncode == 0, result.stderr
    warning = result.stderr
    assert "(mvimonitor.W001)" in warning
    assert "one organisation with a few people editing at the same time" in warning
    assert "DATABASE_URL" in warning and "PostgreSQL" in warning


@pytest.mark.parametrize(
    "env",
    [
        {**VALID_PRODUCTION, "DATABASE_URL": POSTGRESQL_URL},
        {"DATABASE_URL": "sqlite:///{tmp}/mvimonitor.sqlite3"},
    ],
    ids=["production-on-postgresql", "development-on-sqlite"],
)
def test_production_on_postgresql_and_development_start_without_that_warning(env, tmp_path):
    env = {name: value.format(tmp=tmp_path) for name, value in env.items()}
    result = start(env, check_command())
    assert result.returncode == 0, result.stderr
    assert "mvimonitor.W001" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
