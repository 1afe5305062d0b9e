"""The demo is loaded once per test module, inside a transaction that is rolled back
when the module is done; each test runs in a savepoint within it (pytest-django's `db`)."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """Load the demo in demo mode, as `make run` does; the command's output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with override_settings(DEMO_MODE=True):
            call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output: str, db) -> str:
    return demo_output


@pytest.fixture(autouse=True)
def _real_password_hashing(settings):
    """The demo is loaded once with the configured hasher (argon2); with the suite's fast
    hasher first, checking a demo password would re-hash it and write audit entries."""
    from mvimonitor.conf import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
