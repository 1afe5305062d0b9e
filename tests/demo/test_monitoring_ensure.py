"""Adding the demo's monitoring history to a plan that lacks it (a demo plan loaded
before the demo had monitors), without the rest of the demo."""

from datetime import date

from mvimonitor.demo.data.helmond import HELMOND
from mvimonitor.demo.monitoring import demo_monitoring_ensure
from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.monitoring.services import monitor_create


def test_a_plan_gets_the_history_once_and_a_monitor_already_there_is_kept(world):
    draft = monitor_create(plan=world.plan, by=world.coordinator, date=date(2017, 9, 20))

    first = demo_monitoring_ensure(spec=HELMOND, plan=world.plan, by=world.coordinator)
    again = demo_monitoring_ensure(spec=HELMOND, plan=world.plan, by=world.coordinator)

    assert (len(first.attention_points), len(first.communication_moments)) == (6, 3)
    assert [(m.date, m.is_final) for m in first.monitors] == [(date(2017, 7, 12), True)]
    draft.refresh_from_db()
    assert not draft.is_final
    assert (again.attention_points, again.communication_moments, again.monitors) == ([], [], [])
    assert AttentionPoint.objects.filter(plan=world.plan).count() == 6
    assert CommunicationMoment.objects.filter(plan=world.plan).count() == 3
    assert Monitor.objects.filter(plan=world.plan).count() == 2


def test_dates_still_to_come_are_not_written_as_passed(world, time_machine):
    time_machine.move_to(date(2017, 9, 1), tick=False)

    result = demo_monitoring_ensure(spec=HELMOND, plan=world.plan, by=world.coordinator)

    assert [(m.date, m.is_final) for m in result.monitors] == [
        (date(2017, 7, 12), True),
        (date(2017, 9, 20), False),
    ]
    assert not AttentionPoint.objects.filter(plan=world.plan, closed_on__isnull=False).exists()
    press = CommunicationMoment.objects.get(plan=world.plan, date=date(2017, 10, 4))
    assert press.state == CommunicationMoment.State.PLANNED
