"""The list behind a figure of the report: exactly the actions a count in the table (or
a bar segment) counts, with their status on the monitor date.

A draft's figures are live, so its lists are too. A final monitor's figures are frozen
per period and status only; its list is recomputed from the history as of the monitor
date, and when that no longer gives the frozen figure (the history was changed after
finalising) the page says so instead of pretending.

With `stale=1` the page lists the report's stale actions (of one period, or all): a
draft's as of its date, a final monitor's from its frozen edition, which keeps the list
itself (ADR 0013)."""

from typing import Any

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.sections import registered
from mvimonitor.monitoring.selectors import monitor_report, section_on
from mvimonitor.plans.selectors import actions_in_plan_on, period_names
from mvimonitor.plans.workflow import Status
from mvimonitor.web.kit import OrganisationRequest

#: The mark the `stale=1` lists show (the report's actions not updated for long).
STALE = "stale"


def _status(query: QueryDict) -> Status | None:
    value = query.get("status", "")
    if not value:
        return None
    try:
        return Status(value)
    except ValueError:
        raise Http404(_("There is no status “%(value)s”.") % {"value": value}) from None


def _period_id(query: QueryDict) -> int | None:
    value = query.get("period", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404(_("There is no period “%(value)s”.") % {"value": value})
    return int(value)


def _stale(query: QueryDict) -> bool:
    value = query.get("stale", "")
    if value not in ("", "1"):
        raise Http404(_("There is no such list."))
    if value and query.get("status"):
        raise Http404(_("Actions not updated are not counted per status."))
    return bool(value)


def _period_name(monitor: Monitor, report: Report | None, period_id: int) -> str:
    """The name the report used (a final monitor's frozen one), else today's name."""
    frozen = [p.name for p in report.periods if p.period_id == period_id] if report else []
    if frozen:
        return frozen[0]
    name = dict(period_names(plan=monitor.plan)).get(period_id)
    if name is None:
        raise Http404(_("This plan has no such period."))
    return name


def frozen_figure(report: Report, period_id: int | None, status: Status | None) -> int:
    """The figure a finalised report shows for (period, status); None means all."""
    if period_id is None:
        return report.totals()[status.value] if status else report.total
    for period in report.periods:
        if period.period_id == period_id:
            return period.counts.get(status.value, 0) if status else period.total
    return 0  # a period added after finalising counted nothing then


def _title(period: str | None, status: Status | None, day: str) -> str:
    values = {"period": period, "status": status.label if status else "", "date": day}
    if period and status:
        return _("Actions with status “%(status)s” in “%(period)s” on %(date)s") % values
    if status:
        return _("Actions with status “%(status)s” on %(date)s") % values
    if period:
        return _("All actions in “%(period)s” on %(date)s") % values
    return _("All actions on %(date)s") % values


def figure_page(request: OrganisationRequest, monitor: Monitor) -> HttpResponse:
    status, period_id = _status(request.GET), _period_id(request.GET)
    if _stale(request.GET):
        return _stale_page(request, monitor, period_id)
    report, edition = monitor_report(monitor=monitor) if monitor.is_final else (None, None)
    period = _period_name(monitor, report, period_id) if period_id is not None else None
    actions = actions_in_plan_on(plan=monitor.plan, on=monitor.date)
    if period_id is not None:
        actions = actions.filter(period_id=period_id)
    if status is not None:
        actions = actions.filter(status_on=status.value)
    rows = list(
        actions.select_related("period").order_by("period__position", "period_id", "code_sort_key")
    )
    figure = frozen_figure(report, period_id, status) if report and edition else len(rows)
    context: dict[str, Any] = {
        "plan": monitor.plan,
        "monitor": monitor,
        "title": _title(period, status, date_format(monitor.date)),
        "actions": rows,
        "figure": figure,
        "history_changed": figure != len(rows),
    }
    return render(request, "monitoring/figure.html", context)


def _marked(monitor: Monitor, report: Report | None) -> tuple[list[Any], dict[str, Any]]:
    """The report's own list of the actions marked stale, and what its page needs: a
    final monitor's from its frozen edition, a draft's as of its date."""
    for section in registered():
        if STALE not in section.marks:
            continue
        if report is None:
            data = section_on(monitor=monitor, section_id=section.id)
        else:
            data = report.sections.get(section.id)
        actions = section.marked_actions(data, STALE)
        if actions is not None:
            return list(actions), section.mark_context(data)
    raise Http404(_("This edition of the report was made before actions not updated were counted."))


def _stale_page(
    request: OrganisationRequest, monitor: Monitor, period_id: int | None
) -> HttpResponse:
    """The stale actions the report counts, of one period or all."""
    report = monitor_report(monitor=monitor)[0] if monitor.is_final else None
    stale, extra = _marked(monitor, report)
    period = _period_name(monitor, report, period_id) if period_id is not None else None
    rows = [action for action in stale if period is None or action.period == period]
    values = {"period": period, "date": date_format(monitor.date)}
    title = (
        _("Actions not updated in “%(period)s” on %(date)s") % values
        if period
        else _("Actions not updated on %(date)s") % values
    )
    context: dict[str, Any] = {
        "plan": monitor.plan,
        "monitor": monitor,
        "title": title,
        "actions": rows,
        "figure": len(rows),
        "history_changed": False,  # the list is the report's own (frozen when final)
        **extra,
    }
    return render(request, "monitoring/figure.html", context)
