"""The demo's finalised monitors come out the same with the demo's history: their pages
carry no "Herberekend met de huidige historie" note (ADR 0027)."""

import pytest

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.recomputation import figure_changes
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition

pytestmark = pytest.mark.usefixtures("demo")


def test_every_finalised_monitor_of_the_demo_is_what_its_history_gives_now():
    finalised = list(Monitor.objects.filter(state=Monitor.State.FINAL).select_related("plan"))
    assert finalised, "the demo has finalised monitors"
    for monitor in finalised:
        edition = current_edition(monitor=monitor)
        periods = Report.from_storage(edition.report).periods
        assert figure_changes(plan=monitor.plan, on=monitor.date, periods=periods) == [], monitor
