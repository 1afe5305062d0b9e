"""Factories of the monitoring app: monitors, the plan's attention points and
communication moments, and finalised monitors without the PDF renderer."""

import dataclasses
from datetime import date

import factory

from mvimonitor.monitoring import selectors
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
)
from mvimonitor.plans.models import ActionPlan
from tests.factories import ActionPlanFactory


class MonitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Monitor

    plan = factory.SubFactory(ActionPlanFactory)
    date = date(2017, 9, 20)


class AttentionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttentionPoint

    plan = factory.SubFactory(ActionPlanFactory)
    kind = AttentionPoint.Kind.RISK
    text = factory.Faker("sentence", nb_words=8, locale="nl_NL")
    raised_on = date(2017, 4, 1)


class CommunicationMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationMoment

    plan = factory.SubFactory(ActionPlanFactory)
    date = date(2017, 7, 15)
    text = factory.Faker("sentence", nb_words=8, locale="nl_NL")
    channel = "Helmond inside"
    state = CommunicationMoment.State.REALISED


def frozen_monitor(plan: ActionPlan, on: date) -> Monitor:
    """A final monitor on `on` with an edition holding the report as of that date, as
    services.monitor_finalise stores it, but without rendering a PDF (the PDF is only
    served, never read back, so tests that need many finalised monitors skip it)."""
    monitor = Monitor.objects.create(plan=plan, date=on, state=Monitor.State.FINAL)
    live = selectors.report_for_date(plan=plan, on=on, monitor=monitor)
    report = dataclasses.replace(live, status=Monitor.State.FINAL.value)
    MonitorEdition.objects.create(
        monitor=monitor,
        number=1,
        report=report.to_storage(),
        pdf=b"",
        completed_count=report.totals()["completed"],
        action_count=report.total,
    )
    return monitor
