"""Two `mvi-monitor send-reminders` processes started at the same moment against the same
database: every reminder is e-mailed exactly once (docs/adr/0014-reminders.md)."""

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from mvimonitor.organisations.roles import Role
from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.utils.dates import today
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from tests.reminders.conftest import ask, open_round

ROOT = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).with_name("mvi-monitor")
OWNERS = 30

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL, where two runs really overlap (row locks, SELECT ... FOR "
        "UPDATE SKIP LOCKED); SQLite's IMMEDIATE transactions serialise them. .ci/run runs "
        "this test on PostgreSQL",
    ),
]


def database_url() -> str:
    s = connection.settings_dict
    user = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{user}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_run() -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MVI_EMAIL_BACKEND": "tests.reminders.slow_backend.SlowConsoleBackend",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [str(COMMAND), "send-reminders"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_runs_at_the_same_moment_send_every_reminder_exactly_once(world):
    # A moment of yesterday, so that it is due whatever the hour the test runs at.
    update_round = open_round(
        world.plan,
        deadline=today() - timedelta(days=1),
        offsets=[0],
        opened=today() - timedelta(days=10),
    )
    for _ in range(OWNERS):
        owner = UserFactory()
        MembershipFactory(user=owner, organisation=world.helmond, role=Role.OWNER)
        action = ActionFactory(period=world.owned_action.period, owner=owner)
        ask(update_round, action, owner=owner)
    expected = OWNERS + 1  # every owner, and the coordinator's summary

    runs = [start_run(), start_run()]
    outputs = [run.communicate(timeout=300) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    sent = Counter(
        line.split()[1]
        for out, _err in outputs
        for line in out.splitlines()
        if line.startswith("SENT ")
    )
    assert len(sent) == expected
    assert set(sent.values()) == {1}, "an e-mail went out twice"
    rows = ReminderDispatch.objects.filter(round=update_round)
    assert rows.count() == expected
    assert not rows.filter(sent_at__isnull=True).exists()
    # Both runs did part of the work: they really ran at the same time.
    per_run = [sum(line.startswith("SENT ") for line in out.splitlines()) for out, _e in outputs]
    assert all(per_run), per_run
