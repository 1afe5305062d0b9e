"""The installation's own system checks, shown by `mvi-monitor check` and at every start
of `runserver` and `migrate` (registered by conf.apps)."""

from typing import Any

from django.conf import settings
from django.core import checks

from mvimonitor.web.axe_results import AxeResultsError, axe_results

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


AXE_RESULTS_UNREADABLE = "mvimonitor.E001"
NO_CONTACT_IN_PRODUCTION = "mvimonitor.W002"


@checks.register("mvimonitor")
def accessibility_evidence(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The accessibility statement shows the committed axe results; without them it
    would have nothing true to say, so a missing or malformed file stops the start
    rather than showing an empty list that reads as "no problems" (ADR 0032)."""
    try:
        axe_results()
    except AxeResultsError as error:
        return [
            checks.Error(
                str(error),
                hint="Run `make accessibility-report`, which checks every page with axe "
                "and writes the file, or point MVI_AXE_RESULTS at such a file.",
                id=AXE_RESULTS_UNREADABLE,
            )
        ]
    return []


@checks.register("mvimonitor")
def accessibility_contact(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The statement names where to report an accessibility problem; in production an
    installation without that address publishes a statement that cannot be acted on."""
    if not settings.PRODUCTION or settings.CONTACT_EMAIL:
        return []
    return [
        checks.Warning(
            "MVI_CONTACT_EMAIL is not set: the accessibility statement (/toegankelijkheid/) "
            "names no address to report accessibility problems to.",
            hint="Set MVI_CONTACT_EMAIL to an address that is read, e.g. "
            "toegankelijkheid@gemeente.nl (docs/configuration.md).",
            id=NO_CONTACT_IN_PRODUCTION,
        )
    ]
