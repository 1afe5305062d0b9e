"""The shared world: two organisations, each with a plan, and one user per role.

`world.helmond` is the organisation under test; `world.other` exists to prove that
nothing of it leaks into Helmond's pages and back.

Also shared: `english` (messages matched in English, the msgids) and `frozen_today`
(today is `MONITOR_DAY`, or the date a test asks for); and the hypothesis profiles of the
importers' fuzz tests (tests/fuzz).
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck, settings

from mvimonitor.accounts.models import User
from mvimonitor.kernel.natural import NaturalSortKeyField, natural_sort_key
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.roles import MEMBER_ROLES, Role
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.plans.workflow import Status
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    UserFactory,
)
from tests.factories.accounts import PASSWORD

# Hypothesis profiles for the importers' fuzz tests (tests/fuzz): `make test` runs each
# with "fuzz-quick" (50 examples); `make fuzz` selects "fuzz" with HYPOTHESIS_PROFILE=fuzz
# (2,000 examples per importer, or MVI_FUZZ_EXAMPLES). An example builds, reads and
# imports a workbook in the real database, so it has no deadline; the world fixture
# is shared by the examples of one test, each of which rolls back what it saved.
settings.register_profile(
    "fuzz-quick",
    max_examples=50,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
settings.register_profile(
    "fuzz",
    settings.get_profile("fuzz-quick"),
    max_examples=int(os.environ.get("MVI_FUZZ_EXAMPLES", "2000")),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@dataclass
class World:
    helmond: Organisation
    other: Organisation
    plan: ActionPlan
    other_plan: ActionPlan
    coordinator: User
    editor: User
    owner: User
    viewer: User
    outsider: User  # coordinator of the other organisation
    reviewer: User  # outside reviewer of `plan` until `reviewer_until`
    owned_action: Action  # owned by `owner`
    unowned_action: Action
    other_action: Action  # in the other organisation
    password: str = PASSWORD
    reviewer_until: date = date(2099, 12, 31)

    def user(self, role: str) -> User:
        return {
            Role.COORDINATOR: self.coordinator,
            Role.EDITOR: self.editor,
            Role.OWNER: self.owner,
            Role.VIEWER: self.viewer,
            Role.REVIEWER: self.reviewer,
        }[Role(role)]


@pytest.fixture
def world(db) -> World:
    helmond = OrganisationFactory(name="Gemeente Helmond", slug="helmond")
    other = OrganisationFactory(name="Gemeente Anders", slug="anders")
    users = {}
    for role in MEMBER_ROLES:
        users[role] = UserFactory(email=f"{role.value}@helmond.example.nl")
        MembershipFactory(user=users[role], organisation=helmond, role=role)
    outsider = UserFactory(email="coordinator@anders.example.nl")
    MembershipFactory(user=outsider, organisation=other, role=Role.COORDINATOR)

    plan = ActionPlanFactory(
        organisation=helmond, slug="helmond-mvi", name="MVI-actieplan 2017-2020"
    )
    reviewer = UserFactory(email="reviewer@helmond.example.nl", full_name="Rita Reviewer")
    MembershipFactory(
        user=reviewer,
        organisation=helmond,
        role=Role.REVIEWER,
        plan=plan,
        expires_on=World.reviewer_until,
    )
    period = PeriodFactory(plan=plan, name="Aan de slag in 2017", position=0)
    PeriodFactory(plan=plan, name="Actie doorlopend", position=1)
    other_plan = ActionPlanFactory(organisation=other, slug="anders-mvi")
    other_period = PeriodFactory(plan=other_plan, name="Aan de slag")

    owned = ActionFactory(period=period, code="A1", owner=users[Role.OWNER], status=Status.RUNNING)
    unowned = ActionFactory(period=period, code="A2", status_since=date(2017, 5, 1))
    other_action = ActionFactory(period=other_period, code="X1")
    return World(
        helmond=helmond,
        other=other,
        plan=plan,
        other_plan=other_plan,
        coordinator=users[Role.COORDINATOR],
        editor=users[Role.EDITOR],
        owner=users[Role.OWNER],
        viewer=users[Role.VIEWER],
        outsider=outsider,
        reviewer=reviewer,
        owned_action=owned,
        unowned_action=unowned,
        other_action=other_action,
    )


@pytest.fixture
def login(client):
    """login(user) logs the test client in as `user` and returns the client."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests use a fast hasher unless they ask for the real
    configuration (tests/accounts checks that production hashes with argon2)."""
    # Argon2 stays second so that passwords hashed outside this fixture (module-scoped
    # set-ups such as the demo load) still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


#: What the accessibility statement shows in tests: a sample of the file that the every-page
#: browser test writes (`make accessibility-report`), with one violation. The committed file
#: is the system check's to guard (conf.checks, mvimonitor.E001), not the tests' input: the
#: test that writes it must not read it.
AXE_RESULTS_SAMPLE = Path(__file__).resolve().parent / "web" / "axe_results_sample.json"


@pytest.fixture(autouse=True)
def _axe_results_sample(settings):
    settings.AXE_RESULTS = AXE_RESULTS_SAMPLE


#: "Today" in tests that freeze time: 20 September 2017, the date of the monitor in
#: Gemeente Helmond's 2017 report, which the demo and the tests' stories follow.
MONITOR_DAY = date(2017, 9, 20)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def english(settings, client) -> Iterator[None]:
    """Messages in English (the msgids), whatever catalogue is compiled: the active
    language of the test, and of the test client's pages (the UI is Dutch unless the
    user picks English with the language switch, a cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def frozen_today(time_machine) -> Callable[[date], date]:
    """Today is `MONITOR_DAY` (noon in Amsterdam, the clock stopped) from the start of
    the test; `frozen_today(day)` makes it `day` instead and returns it."""

    def freeze(day: date = MONITOR_DAY) -> date:
        time_machine.move_to(datetime.combine(day, time(12), tzinfo=AMSTERDAM), tick=False)
        return day

    freeze()
    return freeze


_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
    }
)


def sort_keys_out_of_date() -> list[str]:
    """Every stored natural sort key that is not the key of its source as stored."""
    found = []
    for model in django_apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, NaturalSortKeyField):
                continue
            rows = model._base_manager.order_by().values_list("pk", field.source, field.attname)
            found += [
                f"{model.__name__} {pk}: {source!r} has the key {key!r}"
                for pk, source, key in rows
                if key != natural_sort_key(source)
            ]
    return found


@pytest.fixture(autouse=True)
def _sort_keys_kept(request) -> Iterator[None]:
    """After every test that used the database: each code's and reference's stored sort
    key is its key (kernel.natural), whatever path wrote it (services, imports, undo,
    copies, the demo, factories)."""
    marked = request.node.get_closest_marker("django_db") is not None
    if not marked and _DATABASE_FIXTURES.isdisjoint(request.fixturenames):
        yield
        return
    # The database first, so that this check runs before its rollback or flush.
    request.getfixturevalue("_django_db_helper")
    yield
    if connection.needs_rollback:
        return  # the test left its transaction unusable (it tested an error)
    out_of_date = sort_keys_out_of_date()
    assert not out_of_date, out_of_date
