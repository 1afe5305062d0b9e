"""The Word parts of the sections monitoring owns (report_sections.py): the same headings,
texts, lists and tables as their PDF templates (templates/monitoring/report/*_print.html),
with the same translations; the charts as pictures with every figure in words as their
text alternative. Only renders a Report."""

from collections.abc import Callable
from datetime import date

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.monitoring.rendering.chart import (
    status_chart_description,
    status_chart_svg,
    trend_chart_description,
    trend_chart_svg,
)
from mvimonitor.monitoring.rendering.context import key_figures, own_trend
from mvimonitor.monitoring.rendering.tables import (
    TableRow,
    completed_share,
    kind_label,
    period_rows,
    status_columns,
    status_label,
    totals_row,
)
from mvimonitor.monitoring.report import ActionItem, Report
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.word import Inline, Run, WordDocument
from mvimonitor.utils.words import in_words

#: Column widths of the status table in cm: period, total, five statuses, change (17 cm,
#: the text's width: "Uitgesteld" on one line, the change on two or three).
STATUS_TABLE_WIDTHS = (3.3, 1.3, 1.9, 1.9, 1.9, 1.9, 1.9, 2.9)
CHECKED, UNCHECKED = "\N{BALLOT BOX WITH CHECK}", "\N{BALLOT BOX}"


def _day(value: date) -> str:
    return date_format(value)


def _stale(item: ActionItem) -> list[Inline]:
    return [Run(f" ({_('not updated')})", bold=True)] if item.stale else []


def write_summary(document: WordDocument, report: Report) -> None:
    document.heading(_("Summary"))
    if report.summary:
        document.text(report.summary)
    share = completed_share(report)
    completed = report.totals()[Status.COMPLETED.value]
    months = report.window_months
    previous = (
        _day(report.previous_monitor_date)
        if report.previous_monitor_date
        else _("none (plan adopted on %(date)s)") % {"date": _day(report.baseline_date)}
    )
    facts = [
        (_("Actions in the plan"), str(report.total)),
        (_("Completed"), f"{completed} ({share}%)" if share is not None else str(completed)),
        (
            _("Realised since %(date)s") % {"date": _day(report.baseline_date)},
            str(len(report.realised)),
        ),
        (
            ngettext(
                "Planned in the coming month", "Planned in the coming %(months)s months", months
            )
            % {"months": in_words(months)},
            str(len(report.planned)),
        ),
        (_("Open attention points"), str(len(report.attention_points))),
        *((figure.label, figure.value) for figure in key_figures(report.parts())),
        (_("Previous monitor"), previous),
        (
            _("Next monitor"),
            _day(report.next_monitor_date) if report.next_monitor_date else _("not planned yet"),
        ),
    ]
    document.facts(facts)


def write_status_chart(document: WordDocument, report: Report) -> None:
    title = _("Number of actions per status per period")
    document.heading(title)
    description = status_chart_description(report) or _("The plan has no periods yet.")
    document.chart(status_chart_svg(report), title=title, description=description)


def _status_cells(row: TableRow, *, totals: bool = False) -> list[Inline]:
    tick = "" if totals else f"{CHECKED if row.all_completed else UNCHECKED} "
    return [f"{tick}{row.name}", str(row.total), *map(str, row.counts), row.change_text]


def write_status_table(document: WordDocument, report: Report) -> None:
    # Right under the chart it continues the chart's section, as on the page and in the
    # PDF; elsewhere (a variant's own order) it has a heading of its own, as in the seed.
    if document.follows != "status_chart":
        document.heading(_("Number of actions per status"))
    baseline = _day(report.baseline_date)
    headers = [
        _("Period"),
        _("Total"),
        *(capfirst(column.label) for column in status_columns()),
        _("Change since %(date)s") % {"date": baseline},
    ]
    rows = [_status_cells(row) for row in period_rows(report)]
    rows.append(_status_cells(totals_row(report), totals=True))
    caption = _(
        "Actions per status per period on %(date)s, and the change since %(baseline)s. "
        "☑: all actions of the period are completed."
    ) % {"date": _day(report.monitor_date), "baseline": baseline}
    document.table(
        headers,
        rows,
        caption=caption,
        widths=STATUS_TABLE_WIDTHS,
        numeric=range(1, 7),
        bold_last_row=True,
    )


def write_trend(document: WordDocument, report: Report) -> None:
    title = _("Progress over the monitors")
    document.heading(title)
    trend = own_trend(report)
    description = trend_chart_description(trend) or _("There are no monitors yet.")
    document.chart(
        trend_chart_svg(trend),
        title=_("Completed actions per monitor"),
        description=description,
    )


def write_realised(document: WordDocument, report: Report) -> None:
    baseline = _day(report.baseline_date)
    if report.previous_monitor_date:
        heading = _("Realised actions (compared with %(date)s)") % {"date": baseline}
    else:
        heading = _("Realised actions (since the plan was adopted on %(date)s)") % {
            "date": baseline
        }
    document.heading(heading)
    if not report.realised:
        document.paragraph(_("No action was completed in this time."))
        return
    result = _("result")
    document.items(
        (
            [
                Run(item.code, bold=True),
                f" {item.title}",
                *_stale(item),
                f" » {result}: {item.result}" if item.result else "",
            ]
            for item in report.realised
        ),
        numbered=True,
    )


def _when(item: ActionItem) -> str:
    parts = [capfirst(status_label(item.status))]
    if item.start_date:
        parts.append(f"{_('start')} {_day(item.start_date)}")
    if item.due_date:
        parts.append(f"{_('due')} {_day(item.due_date)}")
    return " · ".join(parts)


def write_planned(document: WordDocument, report: Report) -> None:
    months = report.window_months
    document.heading(
        ngettext(
            "Planned actions (coming month)", "Planned actions (coming %(months)s months)", months
        )
        % {"months": in_words(months)}
    )
    document.paragraph(
        _(
            "Actions not started, running or postponed that start or are due after "
            "%(start)s up to and including %(end)s."
        )
        % {"start": _day(report.monitor_date), "end": _day(report.window_end)}
    )
    if not report.planned:
        document.paragraph(_("No actions are planned in this time."))
        return
    new = _("New action")
    document.items(
        [
            Run(item.code, bold=True),
            " ",
            Run(f"{new}: ", bold=True) if item.is_new else "",
            item.title,
            *_stale(item),
            f"\n{_when(item)}",
        ]
        for item in report.planned
    )


def write_attention_points(document: WordDocument, report: Report) -> None:
    document.heading(_("Attention points"))
    if not report.attention_points:
        document.paragraph(_("No open attention points."))
        return
    document.items(
        [
            Run(capfirst(kind_label(point.kind)), bold=True),
            f" ({_day(point.date)})" if point.date else "",
            f": {point.text}",
        ]
        for point in report.attention_points
    )


def write_communication(document: WordDocument, report: Report) -> None:
    document.heading(_("Communication moments"))
    groups = (
        (
            _("Realised (since %(date)s)") % {"date": _day(report.baseline_date)},
            report.communication_realised,
            _("Nothing was realised in this time."),
        ),
        (_("Planning"), report.communication_planned, _("Nothing is planned.")),
    )
    for heading, moments, empty in groups:
        document.heading(heading, level=2)
        if not moments:
            document.paragraph(empty)
            continue
        document.items(
            [
                Run(_day(moment.date), bold=True),
                f": {moment.text}",
                f" ({moment.channel})" if moment.channel else "",
            ]
            for moment in moments
        )


def write_next_monitor(document: WordDocument, report: Report) -> None:
    if report.next_monitor_date:
        document.heading(_("Next monitor %(date)s") % {"date": _day(report.next_monitor_date)})
    else:
        document.heading(_("Next monitor: not planned yet"))


WRITERS: dict[str, Callable[[WordDocument, Report], None]] = {
    "summary": write_summary,
    "status_chart": write_status_chart,
    "status_table": write_status_table,
    "trend": write_trend,
    "realised": write_realised,
    "planned": write_planned,
    "attention_points": write_attention_points,
    "communication": write_communication,
    "next_monitor": write_next_monitor,
}


def write_core_section(section_id: str, document: WordDocument, report: Report) -> None:
    """Write the part of the core section `section_id`."""
    WRITERS[section_id](document, report)
