"""Dated records in both organisations of the world, for the calendar feed tests."""

from dataclasses import dataclass
from datetime import date

from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.rounds.models import UpdateRound
from tests.conftest import World
from tests.factories import ActionFactory


@dataclass
class Dated:
    monitor: Monitor
    round: UpdateRound
    moment: CommunicationMoment
    point: AttentionPoint
    action: Action


def dated_records(plan: ActionPlan, *, code: str = "D1") -> Dated:
    """One of each kind of dated record in `plan`."""
    monitor = Monitor.objects.create(
        plan=plan, date=date(2017, 9, 20), next_monitor_on=date(2017, 11, 22)
    )
    return Dated(
        monitor=monitor,
        round=UpdateRound.objects.create(monitor=monitor, deadline=date(2017, 9, 13)),
        moment=CommunicationMoment.objects.create(
            plan=plan, date=date(2017, 10, 5), text="Artikel in de Helmondse Courant"
        ),
        point=AttentionPoint.objects.create(
            plan=plan, text="Raadsvergadering over de begroting", date=date(2017, 11, 2)
        ),
        action=ActionFactory(
            period=plan.periods.first(),
            code=code,
            title="Inkoopbeleid herzien",
            due_date=date(2017, 12, 31),
        ),
    )


def both_organisations(world: World) -> tuple[Dated, Dated]:
    return dated_records(world.plan, code="2.07"), dated_records(world.other_plan, code="X9")
