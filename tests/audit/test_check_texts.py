"""`mvi-monitor check-texts` lists the stored texts that today's rules refuse: texts
stored before issue 12 gave every text field its maximum (issue 12, item 3). It changes
nothing (no user text is cut without its owner seeing it) and exits with status 1 when
it found any, so that an upgrade script can stop on it."""

from unittest.mock import patch

import pytest
from django.core.management import execute_from_command_line
from django.db import connection, connections

from mvimonitor.monitoring.models import Monitor
from mvimonitor.plans.models import Action
from tests.monitoring.factories import MonitorFactory

pytestmark = pytest.mark.usefixtures("english")


def run(*args: str) -> int:
    """Run the console command as `mvi-monitor ...` would; its exit status (the
    connection, which holds the test's transaction, is left open)."""
    try:
        with patch.object(connections, "close_all"):
            execute_from_command_line(["mvi-monitor", *args])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def test_the_check_lists_every_stored_text_over_its_maximum_and_changes_nothing(world, capsys):
    action = world.owned_action
    Action.objects.filter(pk=action.pk).update(description="x" * 10_001)
    if connection.vendor == "sqlite":  # PostgreSQL keeps a varchar to its length itself
        Action.objects.filter(pk=action.pk).update(title="t" * 301)
    monitor = MonitorFactory(plan=world.plan)
    Monitor.objects.filter(pk=monitor.pk).update(summary="s" * 15_001)

    assert run("check-texts") == 1

    out = capsys.readouterr()
    organisation = world.helmond.pk
    title = f"plans.Action {action.pk} (organisation {organisation}) title: "
    assert out.out.splitlines() == [
        f"monitoring.Monitor {monitor.pk} (organisation {organisation}) summary: "
        "15001 characters, at most 15000",
        *([title + "301 characters, at most 300"] if connection.vendor == "sqlite" else []),
        f"plans.Action {action.pk} (organisation {organisation}) description: "
        "10001 characters, at most 10000",
    ]
    count = 3 if connection.vendor == "sqlite" else 2
    assert f"{count} stored texts break the rules" in out.err
    assert len(Action.objects.get(pk=action.pk).description) == 10_001


def test_the_check_says_so_when_every_text_is_fine(world, capsys):
    assert run("check-texts") == 0
    assert capsys.readouterr().out == "Every stored text keeps the rules.\n"


def test_the_check_lists_stored_texts_with_a_control_character_and_changes_nothing(world, capsys):
    action = world.owned_action
    # A carriage return before a line feed is a line break as browsers sent it before
    # issue 12: not listed.
    Action.objects.filter(pk=action.pk).update(title="Inkoop\x0bbeleid", result="Een\r\nTwee")
    Action.objects.filter(pk=world.unowned_action.pk).update(description="Een\rTwee\x85")

    assert run("check-texts") == 1

    organisation = world.helmond.pk
    assert capsys.readouterr().out.splitlines() == [
        f"plans.Action {action.pk} (organisation {organisation}) title: "
        "control character U+000B at position 7",
        f"plans.Action {world.unowned_action.pk} (organisation {organisation}) description: "
        "control character U+000D at position 4",
    ]
    assert Action.objects.get(pk=action.pk).title == "Inkoop\x0bbeleid"
