"""`acting_at` dates the audit entries of a block at a given moment and keeps who is
acting: for loading history of earlier days (the demo, ADR 0034). Outside it, entries
are dated now."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from mvimonitor.audit.context import acting_as, acting_at, current_actor
from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans.models import Period
from tests.factories import ActionPlanFactory

THEN = datetime(2017, 7, 12, 16, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_entries_in_the_block_are_dated_then_and_keep_the_actor(db):
    with acting_as(label="command load_demo"), acting_at(THEN):
        assert current_actor().label == "command load_demo"
        plan = ActionPlanFactory()
        Period.objects.bulk_create([Period(plan=plan, name="Later", position=9)])

    entries = AuditEntry.objects.filter(model__in=["plans.ActionPlan", "plans.Period"])
    assert entries.count() >= 2
    assert set(entries.values_list("at", flat=True)) == {THEN}
    assert set(entries.values_list("actor_label", flat=True)) == {"command load_demo"}


def test_after_the_block_entries_are_dated_now_again(db):
    with acting_at(THEN):
        pass
    before = timezone.now()
    plan = ActionPlanFactory()
    entry = AuditEntry.objects.get(model="plans.ActionPlan", object_id=str(plan.pk))
    assert entry.at >= before and current_actor().at is None
