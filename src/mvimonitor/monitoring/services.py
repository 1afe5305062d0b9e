"""Writes to monitors and to the plan items a monitor shows (attention points and
communication moments). Every function runs in one transaction: all or nothing.

`by` is the user who acts: it is stored where a record keeps who did it (an edition's
`frozen_by`, `reopened_by`); the audit trail takes the actor from `acting_as`.
See docs/adr/0008-monitors.md.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.monitoring import outputs, selectors
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    EditionVariant,
    Monitor,
    MonitorEdition,
    ReportComposition,
    SectionCommentary,
)
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.sections import registered
from mvimonitor.monitoring.variants import ReportVariant, check_section_ids, variant_report
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan


class StaleMonitorError(StaleRecordError):
    record = gettext_lazy("this monitor")


class StaleAttentionPointError(StaleRecordError):
    record = gettext_lazy("this attention point")


class StaleCommunicationMomentError(StaleRecordError):
    record = gettext_lazy("this communication moment")


class StaleCompositionError(StaleRecordError):
    record = gettext_lazy("the sections of this version of the report")


# -- monitors ---------------------------------------------------------------------------


def _check_monitor(monitor: Monitor) -> None:
    plan = monitor.plan
    if monitor.date < plan.adopted_on:
        raise ValidationError(
            {
                "date": _("A monitor cannot lie before the plan was adopted (%(date)s).")
                % {"date": date_format(plan.adopted_on)}
            }
        )
    if monitor.next_monitor_on is not None and monitor.next_monitor_on <= monitor.date:
        raise ValidationError(
            {"next_monitor_on": _("The next monitor must lie after the date of this monitor.")}
        )
    duplicate = Monitor.objects.filter(plan=plan, date=monitor.date).exclude(pk=monitor.pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "date": _("This plan already has a monitor on %(date)s.")
                % {"date": date_format(monitor.date)}
            }
        )
    monitor.full_clean()


def _locked(monitor: Monitor) -> Monitor:
    """The monitor's row, locked until the transaction ends, so that two people cannot
    finalise (or edit and finalise) the same monitor at once."""
    locked = Monitor.objects.select_for_update().select_related("plan__organisation")
    return locked.get(pk=monitor.pk)


def _refuse_final(monitor: Monitor) -> None:
    if monitor.is_final:
        raise ValidationError(
            _(
                "This monitor has been finalised and can no longer be changed. "
                "A coordinator can reopen it."
            )
        )


@transaction.atomic
def monitor_create(
    *,
    plan: ActionPlan,
    by: User | None,
    date: datetime.date | None = None,
    summary: str = "",
    next_monitor_on: datetime.date | None = None,
) -> Monitor:
    """A draft monitor of `plan` dated `date` (default today): one per plan and date."""
    monitor = Monitor(
        plan=plan,
        date=date or today(),
        summary=summary.strip(),
        next_monitor_on=next_monitor_on,
    )
    _check_monitor(monitor)
    monitor.save()
    return monitor


@transaction.atomic
def monitor_update(
    *,
    monitor: Monitor,
    summary: str,
    next_monitor_on: datetime.date | None,
    by: User | None,
    expected_version: int | None = None,
    commentary: Mapping[str, str] | None = None,
) -> Monitor:
    """Change a draft's summary and next monitor date, and the commentary under the
    sections of its report given in `commentary` (section id -> text; an empty text
    removes it), if it is still at `expected_version` (StaleMonitorError); a final
    monitor is read-only."""
    locked = _locked(monitor)
    _refuse_final(locked)
    locked.summary, locked.next_monitor_on = summary.strip(), next_monitor_on
    _check_monitor(locked)
    locked_update(
        locked,
        expected_version=expected_version,
        values=field_values(locked, ["summary", "next_monitor_on"]),
        stale=StaleMonitorError,
    )
    if commentary:
        _save_commentary(locked, commentary)
    monitor.summary, monitor.next_monitor_on = locked.summary, locked.next_monitor_on
    monitor.version = locked.version
    return monitor


def _save_commentary(monitor: Monitor, commentary: Mapping[str, str]) -> None:
    """Each section's commentary as given: a section of the report only; an empty text
    removes the section's commentary. Errors keyed `commentary_<section id>`."""
    known = {section.id for section in registered()}
    for section_id, text in commentary.items():
        if section_id not in known:
            raise ValidationError(_("The report has no section “%(id)s”.") % {"id": section_id})
        rows = SectionCommentary.objects.filter(monitor=monitor, section_id=section_id)
        text = text.strip()
        if not text:
            rows.delete()
            continue
        row = rows.first() or SectionCommentary(monitor=monitor, section_id=section_id)
        row.text = text
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError({f"commentary_{section_id}": error.messages}) from error
        row.save()


@transaction.atomic
def monitor_finalise(
    *, monitor: Monitor, by: User | None, at: datetime.datetime | None = None
) -> MonitorEdition:
    """Freeze the monitor: store its report as of its date as a new edition, and for
    each report variant its sections in order, the commentary under them and its PDF
    (ADR 0025); the monitor becomes final (read-only).

    `at` is when it was finalised, if not now: only for loading history (the demo's
    monitors were finalised on their own dates in 2017, ADR 0034); on or after the
    monitor's date and not in the future."""
    locked = _locked(monitor)
    _refuse_final(locked)
    if locked.date > today():
        raise ValidationError(
            _("A monitor dated in the future cannot be finalised; wait until %(date)s.")
            % {"date": date_format(locked.date)}
        )
    frozen_at = at or timezone.now()
    if timezone.localdate(frozen_at) < locked.date or frozen_at > timezone.now():
        raise ValueError(f"A monitor of {locked.date} cannot be finalised at {frozen_at}.")
    live = selectors.report_for_date(plan=locked.plan, on=locked.date, monitor=locked)
    report = dataclasses.replace(live, status=Monitor.State.FINAL.value)
    shown = _variants(locked, report)
    previous = locked.editions.aggregate(last=Max("number"))["last"] or 0
    edition = MonitorEdition.objects.create(
        monitor=locked,
        number=previous + 1,
        frozen_at=frozen_at,
        frozen_by=by,
        report=report.to_storage(),
        pdf=shown[ReportVariant.FULL][1],
        completed_count=report.totals()[Status.COMPLETED.value],
        action_count=report.total,
    )
    for variant, (variant_shown, pdf) in shown.items():
        EditionVariant.objects.create(
            edition=edition,
            variant=variant,
            section_ids=list(variant_shown.section_ids or ()),
            commentary=variant_shown.commentary,
            pdf=None if variant == ReportVariant.FULL else pdf,
        )
    locked.state = Monitor.State.FINAL
    locked.save(update_fields=["state"])
    monitor.state = locked.state
    return edition


def _variants(monitor: Monitor, report: Report) -> dict[str, tuple[Report, bytes]]:
    """Each variant of the report as the plan composes it now, with its PDF."""
    commentary = selectors.monitor_commentary(monitor=monitor)
    shown = {}
    for variant in ReportVariant:
        section_ids = selectors.composition_section_ids(plan=monitor.plan, variant=variant)
        variant_shown = variant_report(
            report, variant=variant, section_ids=section_ids, commentary=commentary
        )
        pdf = outputs.report_pdf(report=variant_shown, organisation=monitor.plan.organisation)
        shown[variant.value] = (variant_shown, pdf)
    return shown


@transaction.atomic
def monitor_reopen(*, monitor: Monitor, reason: str, by: User | None) -> MonitorEdition:
    """Make a final monitor a draft again. Its current edition is kept (and stays
    downloadable), marked as reopened with when, by whom and why. Only coordinators
    may do this; the view checks the role."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the monitor is reopened.")})
    locked = _locked(monitor)
    edition = selectors.current_edition(monitor=locked)
    if not locked.is_final or edition is None:
        raise ValidationError(_("Only a finalised monitor can be reopened."))
    edition.reopened_at, edition.reopened_by, edition.reopen_reason = timezone.now(), by, reason
    edition.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    locked.state = Monitor.State.DRAFT
    locked.save(update_fields=["state"])
    monitor.state = locked.state
    return edition


# -- attention points -------------------------------------------------------------------


def _check_attention_point(point: AttentionPoint) -> None:
    point.text = point.text.strip()
    if not point.text:
        raise ValidationError({"text": _("Describe the attention point.")})
    if point.closed_on is not None:
        if point.closed_on < point.raised_on:
            raise ValidationError(
                {
                    "closed_on": _(
                        "An attention point cannot be closed before it was raised (%(date)s)."
                    )
                    % {"date": date_format(point.raised_on)}
                }
            )
        if point.closed_on > today():
            raise ValidationError({"closed_on": _("The closing date cannot lie in the future.")})
    point.full_clean()


@transaction.atomic
def attention_point_create(
    *,
    plan: ActionPlan,
    text: str,
    by: User | None,
    kind: str = AttentionPoint.Kind.OTHER,
    date: datetime.date | None = None,
    raised_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
) -> AttentionPoint:
    """An attention point of the plan, open from `raised_on` (default today)."""
    point = AttentionPoint(
        plan=plan,
        kind=kind,
        text=text,
        date=date,
        raised_on=raised_on or today(),
        closed_on=closed_on,
    )
    _check_attention_point(point)
    point.save()
    return point


@transaction.atomic
def attention_point_update(
    *,
    point: AttentionPoint,
    text: str,
    kind: str,
    date: datetime.date | None,
    raised_on: datetime.date,
    closed_on: datetime.date | None,
    by: User | None,
    expected_version: int | None = None,
) -> AttentionPoint:
    """Change an attention point, if it is still at `expected_version`
    (StaleAttentionPointError). Finalised monitors keep what they showed."""
    point.text, point.kind, point.date = text, kind, date
    point.raised_on, point.closed_on = raised_on, closed_on
    _check_attention_point(point)
    locked_update(
        point,
        expected_version=expected_version,
        values=field_values(point, ["text", "kind", "date", "raised_on", "closed_on"]),
        stale=StaleAttentionPointError,
    )
    return point


@transaction.atomic
def attention_point_close(
    *,
    point: AttentionPoint,
    by: User | None,
    closed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> AttentionPoint:
    """Close an open attention point on `closed_on` (default today), if it is still at
    `expected_version` (StaleAttentionPointError): monitors dated on or after that day
    no longer show it."""
    if expected_version is not None and point.version != expected_version:
        raise StaleAttentionPointError()  # before "already closed": the page showed it open
    if point.closed_on is not None:
        raise ValidationError(
            _("This attention point was already closed on %(date)s.")
            % {"date": date_format(point.closed_on)}
        )
    point.closed_on = closed_on or today()
    _check_attention_point(point)
    locked_update(
        point,
        expected_version=expected_version,
        values={"closed_on": point.closed_on},
        stale=StaleAttentionPointError,
    )
    return point


@transaction.atomic
def attention_point_delete(*, point: AttentionPoint, by: User | None) -> None:
    """Remove an attention point entered by mistake (the audit trail keeps it)."""
    point.delete()


# -- communication moments --------------------------------------------------------------


def _check_moment(moment: CommunicationMoment) -> None:
    moment.text, moment.channel = moment.text.strip(), moment.channel.strip()
    if not moment.text:
        raise ValidationError({"text": _("Describe the communication moment.")})
    if moment.state == CommunicationMoment.State.REALISED and moment.date > today():
        raise ValidationError(
            {"state": _("A communication moment dated in the future cannot be realised yet.")}
        )
    moment.full_clean()


@transaction.atomic
def communication_moment_create(
    *,
    plan: ActionPlan,
    date: datetime.date,
    text: str,
    by: User | None,
    channel: str = "",
    state: str = CommunicationMoment.State.PLANNED,
) -> CommunicationMoment:
    moment = CommunicationMoment(plan=plan, date=date, text=text, channel=channel, state=state)
    _check_moment(moment)
    moment.save()
    return moment


@transaction.atomic
def communication_moment_update(
    *,
    moment: CommunicationMoment,
    date: datetime.date,
    text: str,
    channel: str,
    state: str,
    by: User | None,
    expected_version: int | None = None,
) -> CommunicationMoment:
    """Change a communication moment, if it is still at `expected_version`
    (StaleCommunicationMomentError). Finalised monitors keep what they showed."""
    moment.date, moment.text, moment.channel, moment.state = date, text, channel, state
    _check_moment(moment)
    locked_update(
        moment,
        expected_version=expected_version,
        values=field_values(moment, ["date", "text", "channel", "state"]),
        stale=StaleCommunicationMomentError,
    )
    return moment


@transaction.atomic
def communication_moment_delete(*, moment: CommunicationMoment, by: User | None) -> None:
    """Remove a communication moment entered by mistake (the audit trail keeps it)."""
    moment.delete()


# -- report compositions (ADR 0025) -----------------------------------------------------


def _composition_row(
    plan: ActionPlan, variant: str, expected_version: int | None
) -> ReportComposition:
    """The plan's composition of `variant`, locked; made (at version 1, which stands for
    the default) when the plan has none yet, so that the first save raises it to 2 and
    a page still showing the default gets the conflict."""
    rows = ReportComposition.objects.select_for_update().filter(plan=plan, variant=variant)
    row = rows.first()
    if row is None:
        if expected_version not in (None, 1):
            raise StaleCompositionError()
        row = ReportComposition.objects.create(plan=plan, variant=variant, section_ids=None)
    return row


def _composition_store(
    plan: ActionPlan, variant: str, section_ids: list[str] | None, expected_version: int | None
) -> ReportComposition:
    """Store the sections of `variant` (None: its default), if the composition is still
    at `expected_version`."""
    row = _composition_row(plan, variant, expected_version)
    row.section_ids = section_ids
    locked_update(
        row,
        expected_version=expected_version,
        values={"section_ids": section_ids},
        stale=StaleCompositionError,
    )
    return row


@transaction.atomic
def report_composition_save(
    *,
    plan: ActionPlan,
    variant: str,
    section_ids: Sequence[str],
    by: User | None,
    expected_version: int | None = None,
) -> ReportComposition:
    """The sections of `variant` of the plan's reports, in this order, if the
    composition is still at `expected_version` (StaleCompositionError). Refused: no
    section, an unknown or repeated one, and in the council version a section that
    names people."""
    ids = list(section_ids)
    check_section_ids(variant, ids)
    return _composition_store(plan, variant, ids, expected_version)


@transaction.atomic
def report_composition_reset(
    *, plan: ActionPlan, variant: str, by: User | None, expected_version: int | None = None
) -> ReportComposition:
    """Back to the variant's default sections and order (which also takes in sections
    registered later), if the composition is still at `expected_version`."""
    if variant not in ReportVariant.values:
        raise ValidationError(_("There is no report version “%(variant)s”.") % {"variant": variant})
    return _composition_store(plan, variant, None, expected_version)
