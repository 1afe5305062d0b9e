"""The installation's own system checks, shown by `mvi-monitor check` and at every start
of `runserver` and `migrate` (registered by conf.apps)."""

from typing import Any

from django.conf import settings
from django.core import checks

SQLITE_IN_PRODUCTION = "mvimonitor.W001"


@checks.register("mvimonitor")
def sqlite_in_production(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Production on SQLite works within limits that should be a choice, not a surprise:
    one write lock for the whole database (ADR 0020)."""
    if not settings.PRODUCTION or settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.sqlite3"
    ):
        return []
    return [
        checks.Warning(
            "Production mode runs on SQLite. SQLite is fit for one organisation with a few "
            "people editing at the same time: it has one write lock for the whole database, "
            "so a large import makes every other save wait, and a save that waits longer "
            f"than {settings.SQLITE_REQUEST_WAIT_SECONDS} seconds gets a page asking to "
            "send it again.",
            hint="For more organisations or more people editing at once, set DATABASE_URL "
            "to a PostgreSQL database, e.g. postgres://user@127.0.0.1:5432/mvimonitor "
            "(docs/configuration.md).",
            id=SQLITE_IN_PRODUCTION,
        )
    ]
