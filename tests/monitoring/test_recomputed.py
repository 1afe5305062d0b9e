"""A finalised monitor never changes, but when its date's figures come out otherwise
with today's history it says so, and lists what explains it (issue 14, item 5)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.monitoring.recomputation import FigureChange, figure_changes
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import StatusChange
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory
from tests.monitoring.factories import MonitorFactory, frozen_monitor
from tests.monitoring.helpers import change, url

D = date(2017, 9, 20)
NOTE = "Recalculated with the current history"


@pytest.fixture
def monitor(world, frozen_today):
    """The monitor of 20 September 2017, finalised on 1 December; the tests change the
    history on 2 December, after it."""
    monitor = frozen_monitor(world.plan, D)
    frozen_today(date(2017, 12, 2))
    return monitor


def page(client, monitor, **query) -> str:
    return client.get(url("detail", day=monitor.date), query).content.decode()


def frozen_periods(monitor):
    return Report.from_storage(current_edition(monitor=monitor).report).periods


def correct(world, action, **values):
    action.refresh_from_db()
    first = StatusChange.objects.filter(action=action).first()
    plan_services.status_change_correct(
        change=first,
        effective_on=values.get("effective_on", first.effective_on),
        to_status=values.get("to_status", Status(first.to_status)),
        reason="Stond verkeerd in de lijst",
        by=world.coordinator,
        expected_version=action.version,
    )


def test_without_changes_since_finalising_the_monitor_says_nothing(world, login, monitor):
    assert NOTE not in page(login(world.coordinator), monitor)


def test_a_change_effective_after_the_monitor_date_changes_no_figure_of_it(world, login, monitor):
    change(world.unowned_action, Status.COMPLETED, date(2017, 10, 1))

    assert NOTE not in page(login(world.coordinator), monitor)


def test_a_change_back_dated_before_the_monitor_gives_a_line_per_changed_figure(
    world, login, monitor
):
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    shown = page(login(world.viewer), monitor)

    assert f"{NOTE}: Aan de slag in 2017 completed 0 → 1" in shown
    assert f"{NOTE}: Aan de slag in 2017 not started 1 → 0" in shown
    assert url("changes", day=D) in shown


def test_the_council_version_says_it_too(world, login, monitor):
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    assert f"{NOTE}: Aan de slag in 2017 completed 0 → 1" in page(
        login(world.coordinator), monitor, variant="council"
    )


def test_the_note_speaks_dutch(world, client, login, monitor):
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))
    client.cookies["django_language"] = "nl"

    shown = page(login(world.coordinator), monitor)

    assert "Herberekend met de huidige historie: Aan de slag in 2017 voltooid 0 → 1" in shown


def test_a_correction_changes_the_recomputed_figures(world, login, monitor):
    correct(world, world.owned_action, to_status=Status.COMPLETED)

    shown = page(login(world.coordinator), monitor)

    assert f"{NOTE}: Aan de slag in 2017 completed 0 → 1" in shown
    assert f"{NOTE}: Aan de slag in 2017 running 1 → 0" in shown


def test_a_draft_shows_live_figures_and_no_note(world, login, frozen_today):
    draft = MonitorFactory(plan=world.plan, date=D)
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    assert NOTE not in page(login(world.coordinator), draft)


def test_the_editions_files_stay_as_finalised(world, login, monitor):
    client = login(world.coordinator)
    before = client.get(url("download", day=D, fmt="json")).content
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))

    after = client.get(url("download", day=D, fmt="json")).content

    assert after == before
    assert b"Recalculated" not in after


def test_figure_changes_compares_every_period_and_status_in_two_queries(
    world, monitor, django_assert_num_queries
):
    change(world.unowned_action, Status.RUNNING, date(2017, 9, 1))
    periods = frozen_periods(monitor)

    with django_assert_num_queries(2):
        changes = figure_changes(plan=world.plan, on=D, periods=periods)

    assert changes == [
        FigureChange("Aan de slag in 2017", Status.RUNNING, 1, 2),
        FigureChange("Aan de slag in 2017", Status.NOT_STARTED, 1, 0),
    ]


def test_an_action_added_to_a_new_period_before_the_date_counts_there(world, monitor):
    period = world.plan.periods.create(name="Nieuw", position=5)
    ActionFactory(period=period, code="N1", status=Status.RUNNING, status_since=date(2017, 6, 1))

    assert figure_changes(plan=world.plan, on=D, periods=frozen_periods(monitor)) == [
        FigureChange("Nieuw", Status.RUNNING, 0, 1)
    ]


def test_the_report_page_takes_as_many_queries_however_much_changed(world, login, monitor):
    client = login(world.coordinator)
    change(world.unowned_action, Status.RUNNING, date(2017, 9, 1))
    with CaptureQueriesContext(connection) as few:
        page(client, monitor)
    for number in range(5):
        ActionFactory(
            period=world.owned_action.period,
            code=f"L{number}",
            status=Status.COMPLETED,
            status_since=date(2017, 8, 1),
        )
    correct(world, world.owned_action, to_status=Status.COMPLETED)

    with CaptureQueriesContext(connection) as many:
        page(client, monitor)

    assert len(many) == len(few)


# -- the page that explains it --------------------------------------------------------


def test_the_changes_page_lists_what_was_recorded_and_corrected_since(world, login, monitor):
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))
    change(world.owned_action, Status.COMPLETED, date(2017, 10, 1))  # after the date
    correct(world, world.owned_action, effective_on=date(2017, 4, 10))

    response = login(world.viewer).get(url("changes", day=D))

    explanation = response.context["explanation"]
    assert [(c.action.code, c.effective_on) for c in explanation.status_changes] == [
        ("A2", date(2017, 9, 1))
    ]
    assert [(c.change.action.code, c.new_effective_on) for c in explanation.corrections] == [
        ("A1", date(2017, 4, 10))
    ]
    shown = response.content.decode()
    assert "Stond verkeerd in de lijst" in shown
    assert f"{NOTE}: Aan de slag in 2017 completed 0 → 1" in shown


def test_a_correction_made_before_finalising_is_not_listed(world, login, frozen_today):
    correct(world, world.owned_action, effective_on=date(2017, 4, 10))
    frozen_monitor(world.plan, D)
    frozen_today(date(2017, 12, 2))

    response = login(world.viewer).get(url("changes", day=D))

    assert response.context["explanation"].corrections == []
    assert "The figures of this date computed now are the same" in response.content.decode()


def test_a_draft_has_no_changes_page(world, login):
    MonitorFactory(plan=world.plan, date=D)

    assert login(world.viewer).get(url("changes", day=D)).status_code == 404
