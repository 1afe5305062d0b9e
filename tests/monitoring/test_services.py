"""Writes to monitors (create, update, finalise, reopen) and to the plan's attention
points and communication moments."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.monitoring import services
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
)
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from mvimonitor.plans.workflow import Status
from tests.monitoring.conftest import TODAY
from tests.monitoring.factories import (
    AttentionPointFactory,
    CommunicationMomentFactory,
    MonitorFactory,
    frozen_monitor,
)
from tests.monitoring.helpers import change

D = date(2017, 9, 20)


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


# -- creating and changing a monitor ----------------------------------------------------


def test_a_monitor_is_created_as_a_draft_dated_today(world):
    monitor = services.monitor_create(plan=world.plan, by=world.coordinator)

    assert (monitor.date, monitor.state, monitor.summary) == (TODAY, "draft", "")
    assert monitor.next_monitor_on is None


def test_a_monitor_keeps_its_summary_and_next_monitor_date(world):
    monitor = services.monitor_create(
        plan=world.plan,
        by=world.coordinator,
        date=D,
        summary="  Op koers.  ",
        next_monitor_on=date(2017, 11, 22),
    )
    monitor.refresh_from_db()
    assert (monitor.summary, monitor.next_monitor_on) == ("Op koers.", date(2017, 11, 22))


def test_a_plan_has_one_monitor_per_date(world):
    services.monitor_create(plan=world.plan, by=None, date=D)
    with pytest.raises(ValidationError) as error:
        services.monitor_create(plan=world.plan, by=None, date=D)

    assert "This plan already has a monitor on" in message(error)
    assert Monitor.objects.filter(plan=world.plan).count() == 1


def test_another_plan_may_have_a_monitor_on_the_same_date(world):
    services.monitor_create(plan=world.plan, by=None, date=D)
    services.monitor_create(plan=world.other_plan, by=None, date=D)
    assert Monitor.objects.filter(date=D).count() == 2


def test_a_monitor_cannot_lie_before_the_plan_was_adopted(world):
    with pytest.raises(ValidationError) as error:
        services.monitor_create(plan=world.plan, by=None, date=date(2017, 3, 31))
    assert "before the plan was adopted" in message(error)


@pytest.mark.parametrize("next_on", [D, date(2017, 9, 1)])
def test_the_next_monitor_lies_after_the_monitor(world, next_on):
    with pytest.raises(ValidationError) as error:
        services.monitor_create(plan=world.plan, by=None, date=D, next_monitor_on=next_on)
    assert "The next monitor must lie after" in message(error)
    assert not Monitor.objects.exists()


def test_a_draft_can_be_changed(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    services.monitor_update(
        monitor=monitor, summary="Nieuw", next_monitor_on=date(2017, 11, 22), by=None
    )
    monitor.refresh_from_db()
    assert (monitor.summary, monitor.next_monitor_on) == ("Nieuw", date(2017, 11, 22))


def test_a_final_monitor_is_read_only(world):
    monitor = frozen_monitor(world.plan, D)
    with pytest.raises(ValidationError) as error:
        services.monitor_update(monitor=monitor, summary="Anders", next_monitor_on=None, by=None)

    assert "has been finalised and can no longer be changed" in message(error)
    monitor.refresh_from_db()
    assert monitor.summary == ""


def test_a_monitor_changed_and_refused_keeps_its_saved_values(world):
    monitor = MonitorFactory(plan=world.plan, date=D, summary="Oud")
    with pytest.raises(ValidationError):
        services.monitor_update(monitor=monitor, summary="Nieuw", next_monitor_on=D, by=None)
    monitor.refresh_from_db()
    assert (monitor.summary, monitor.next_monitor_on) == ("Oud", None)


# -- finalising -------------------------------------------------------------------------


def test_a_monitor_dated_in_the_future_cannot_be_finalised(world):
    monitor = MonitorFactory(plan=world.plan, date=date(2017, 12, 2))
    with pytest.raises(ValidationError) as error:
        services.monitor_finalise(monitor=monitor, by=world.coordinator)

    assert "dated in the future cannot be finalised" in message(error)
    monitor.refresh_from_db()
    assert monitor.state == "draft" and not monitor.editions.exists()


def test_a_final_monitor_cannot_be_finalised_again(world):
    monitor = frozen_monitor(world.plan, D)
    with pytest.raises(ValidationError):
        services.monitor_finalise(monitor=monitor, by=world.coordinator)
    assert monitor.editions.count() == 1


def test_finalising_stores_the_report_and_its_pdf_as_the_first_edition(world):
    change(world.owned_action, Status.COMPLETED, date(2017, 9, 1))
    monitor = MonitorFactory(plan=world.plan, date=D, summary="Op koers.")

    edition = services.monitor_finalise(monitor=monitor, by=world.coordinator)

    monitor.refresh_from_db()
    assert monitor.state == "final"
    assert (edition.number, edition.frozen_by, edition.reopened_at) == (1, world.coordinator, None)
    assert current_edition(monitor=monitor) == edition
    frozen = Report.from_storage(edition.report)
    live = report_for_date(plan=world.plan, on=D, monitor=monitor)
    assert frozen == live
    assert (frozen.status, frozen.summary) == ("final", "Op koers.")
    assert (edition.completed_count, edition.action_count) == (1, 2)
    assert bytes(edition.pdf).startswith(b"%PDF")


def test_a_finalised_report_ignores_later_and_back_dated_changes(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    point = AttentionPointFactory(plan=world.plan, text="Capaciteit borgen")
    edition = services.monitor_finalise(monitor=monitor, by=world.coordinator)
    stored = edition.report

    # After the action's last change (1 May), before the monitor date.
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))
    services.attention_point_update(
        point=point, text="Anders", kind="risk", date=None, raised_on=point.raised_on,
        closed_on=None, by=None,
    )  # fmt: skip
    CommunicationMomentFactory(plan=world.plan, date=date(2017, 9, 1))

    live = report_for_date(plan=world.plan, on=D, monitor=monitor)
    assert live.totals()["completed"] == 1 and [a.text for a in live.attention_points] == ["Anders"]
    edition.refresh_from_db()
    assert edition.report == stored
    frozen = Report.from_storage(edition.report)
    assert frozen.totals()["completed"] == 0
    assert [a.text for a in frozen.attention_points] == ["Capaciteit borgen"]
    assert frozen.communication_realised == []


def test_finalising_is_audited_as_the_acting_user(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    with acting_as(world.coordinator):
        edition = services.monitor_finalise(monitor=monitor, by=world.coordinator)

    entry = AuditEntry.objects.get(model="monitoring.MonitorEdition", object_id=str(edition.pk))
    assert (entry.operation, entry.actor_id) == ("create", world.coordinator.pk)
    assert entry.organisation_id == world.helmond.pk
    assert entry.changes["pdf"][1].startswith(f"{len(bytes(edition.pdf))} bytes, sha256 ")
    assert AuditEntry.objects.filter(
        model="monitoring.Monitor", object_id=str(monitor.pk), changes__state=["draft", "final"]
    ).exists()


# -- reopening --------------------------------------------------------------------------


def test_reopening_needs_a_reason(world):
    monitor = frozen_monitor(world.plan, D)
    with pytest.raises(ValidationError) as error:
        services.monitor_reopen(monitor=monitor, reason="   ", by=world.coordinator)
    assert "Say why" in message(error)
    monitor.refresh_from_db()
    assert monitor.is_final


def test_only_a_final_monitor_can_be_reopened(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    with pytest.raises(ValidationError) as error:
        services.monitor_reopen(monitor=monitor, reason="Fout", by=world.coordinator)
    assert "Only a finalised monitor can be reopened" in message(error)


def test_reopening_keeps_the_frozen_edition_and_records_who_and_why(world):
    monitor = frozen_monitor(world.plan, D)
    stored = monitor.editions.get().report

    edition = services.monitor_reopen(
        monitor=monitor, reason=" Cijfers A2 waren fout ", by=world.coordinator
    )

    monitor.refresh_from_db()
    edition.refresh_from_db()
    assert monitor.state == "draft" and current_edition(monitor=monitor) is None
    assert (edition.reopened_at is not None, edition.reopened_by) == (True, world.coordinator)
    assert edition.reopen_reason == "Cijfers A2 waren fout"
    assert edition.report == stored


def test_a_reopened_monitor_is_no_longer_the_previous_monitor_nor_in_the_trend(world):
    monitor = frozen_monitor(world.plan, date(2017, 7, 12))
    services.monitor_reopen(monitor=monitor, reason="Fout", by=world.coordinator)

    report = report_for_date(plan=world.plan, on=D)
    assert (report.previous_monitor_date, report.trend) == (None, [])


def test_refinalising_a_reopened_monitor_creates_the_second_edition(world):
    monitor = MonitorFactory(plan=world.plan, date=D)
    first = services.monitor_finalise(monitor=monitor, by=world.coordinator)
    services.monitor_reopen(monitor=monitor, reason="A2 was al voltooid", by=world.coordinator)
    change(world.unowned_action, Status.COMPLETED, date(2017, 9, 1))
    services.monitor_update(monitor=monitor, summary="Gecorrigeerd", next_monitor_on=None, by=None)

    second = services.monitor_finalise(monitor=monitor, by=world.editor)

    first.refresh_from_db()
    assert [e.number for e in monitor.editions.order_by("number")] == [1, 2]
    assert current_edition(monitor=monitor) == second
    assert first.reopened_at is not None and bytes(first.pdf).startswith(b"%PDF")
    assert Report.from_storage(first.report).totals()["completed"] == 0
    assert Report.from_storage(second.report).totals()["completed"] == 1
    assert Report.from_storage(second.report).summary == "Gecorrigeerd"
    assert (second.completed_count, second.frozen_by) == (1, world.editor)


def test_a_frozen_edition_is_never_deleted(world):
    edition = frozen_monitor(world.plan, D).editions.get()
    with pytest.raises(ValueError, match="never deleted"):
        edition.delete()
    assert MonitorEdition.objects.filter(pk=edition.pk).exists()


# -- attention points -------------------------------------------------------------------


def test_an_attention_point_is_open_from_today_by_default(world):
    point = services.attention_point_create(plan=world.plan, text=" Publiciteit ", by=None)
    assert (point.text, point.kind, point.raised_on, point.closed_on) == (
        "Publiciteit", "other", TODAY, None,
    )  # fmt: skip


def test_an_attention_point_needs_a_text(world):
    with pytest.raises(ValidationError) as error:
        services.attention_point_create(plan=world.plan, text="  ", by=None)
    assert "Describe the attention point" in message(error)
    assert not AttentionPoint.objects.exists()


def test_an_attention_point_has_a_known_kind(world):
    with pytest.raises(ValidationError):
        services.attention_point_create(plan=world.plan, text="X", kind="gossip", by=None)
    assert not AttentionPoint.objects.exists()


def test_an_attention_point_cannot_close_before_it_was_raised(world):
    with pytest.raises(ValidationError) as error:
        services.attention_point_create(
            plan=world.plan,
            text="X",
            raised_on=date(2017, 9, 1),
            closed_on=date(2017, 8, 31),
            by=None,
        )
    assert "cannot be closed before it was raised" in message(error)


def test_an_attention_point_can_be_changed(world):
    point = AttentionPointFactory(plan=world.plan)
    services.attention_point_update(
        point=point,
        text="Netwerkbijeenkomst",
        kind="event",
        date=date(2017, 9, 25),
        raised_on=date(2017, 9, 1),
        closed_on=None,
        by=None,
    )
    point.refresh_from_db()
    assert (point.text, point.kind, point.date, point.raised_on) == (
        "Netwerkbijeenkomst", "event", date(2017, 9, 25), date(2017, 9, 1),
    )  # fmt: skip


def test_closing_an_attention_point_takes_it_off_monitors_from_that_day(world):
    point = AttentionPointFactory(plan=world.plan, raised_on=date(2017, 9, 1))
    services.attention_point_close(point=point, closed_on=D, by=None)

    assert report_for_date(plan=world.plan, on=date(2017, 9, 19)).attention_points != []
    assert report_for_date(plan=world.plan, on=D).attention_points == []


def test_an_attention_point_closes_today_by_default_and_only_once(world):
    point = AttentionPointFactory(plan=world.plan)
    services.attention_point_close(point=point, by=None)
    assert point.closed_on == TODAY
    with pytest.raises(ValidationError) as error:
        services.attention_point_close(point=point, by=None)
    assert "already closed" in message(error)


def test_an_attention_point_cannot_close_in_the_future(world):
    point = AttentionPointFactory(plan=world.plan)
    with pytest.raises(ValidationError) as error:
        services.attention_point_close(point=point, closed_on=date(2017, 12, 2), by=None)
    assert "cannot lie in the future" in message(error)
    point.refresh_from_db()
    assert point.closed_on is None


def test_deleting_an_attention_point_is_audited(world):
    point = AttentionPointFactory(plan=world.plan, text="Vergissing")
    with acting_as(world.coordinator):
        services.attention_point_delete(point=point, by=world.coordinator)

    assert not AttentionPoint.objects.exists()
    entry = AuditEntry.objects.get(model="monitoring.AttentionPoint", operation="delete")
    assert (entry.actor_id, entry.changes["text"]) == (world.coordinator.pk, ["Vergissing", None])


# -- communication moments --------------------------------------------------------------


def test_a_communication_moment_is_planned_by_default(world):
    moment = services.communication_moment_create(
        plan=world.plan, date=date(2017, 10, 4), text=" Persmoment Stop en Go ", by=None
    )
    assert (moment.text, moment.channel, moment.state) == ("Persmoment Stop en Go", "", "planned")


def test_a_communication_moment_needs_a_text(world):
    with pytest.raises(ValidationError) as error:
        services.communication_moment_create(plan=world.plan, date=D, text="", by=None)
    assert "Describe the communication moment" in message(error)


def test_a_communication_moment_in_the_future_cannot_be_realised_yet(world):
    with pytest.raises(ValidationError) as error:
        services.communication_moment_create(
            plan=world.plan, date=date(2017, 12, 2), text="X", state="realised", by=None
        )
    assert "cannot be realised yet" in message(error)
    assert not CommunicationMoment.objects.exists()


def test_a_communication_moment_can_be_changed_and_realised(world):
    moment = CommunicationMomentFactory(plan=world.plan, date=D, state="planned")
    services.communication_moment_update(
        moment=moment,
        date=date(2017, 9, 21),
        text="Artikel",
        channel=" Helmond inside ",
        state="realised",
        by=None,
    )
    moment.refresh_from_db()
    assert (moment.date, moment.channel, moment.state) == (
        date(2017, 9, 21), "Helmond inside", "realised",
    )  # fmt: skip


def test_deleting_a_communication_moment_is_audited(world):
    moment = CommunicationMomentFactory(plan=world.plan)
    with acting_as(world.editor):
        services.communication_moment_delete(moment=moment, by=world.editor)

    assert not CommunicationMoment.objects.exists()
    entry = AuditEntry.objects.get(model="monitoring.CommunicationMoment", operation="delete")
    assert (entry.actor_id, entry.organisation_id) == (world.editor.pk, world.helmond.pk)
