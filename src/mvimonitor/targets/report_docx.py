"""The Word part of the report's section "Tenders and targets" (report_section.py), as
its PDF template (templates/targets/report/tenders_print.html) shows it: tables for the
targets and the themes, the share chart as a picture with its figures in words, lists for
the tenders and contracts. Only renders the section's data."""

from datetime import date
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.targets.report_data import TendersTargets
from mvimonitor.targets.report_rendering import (
    ContractRow,
    TenderRow,
    procurement_context,
    share_description,
)
from mvimonitor.utils.word import Inline, Run, WordDocument
from mvimonitor.utils.words import in_words

if TYPE_CHECKING:
    from mvimonitor.monitoring.report import Report


def _day(value: date) -> str:
    return date_format(value)


def write_tenders_targets(document: WordDocument, data: TendersTargets, report: "Report") -> None:
    document.heading(_("Tenders and targets"))
    if not data.has_procurement:
        document.paragraph(_("No tenders, contracts or targets have been registered yet."))
        return
    context = procurement_context(
        data, monitor_date=report.monitor_date, window_end=report.window_end
    )
    on = _day(report.monitor_date)
    document.paragraph(
        _("Tenders in the register on %(date)s: %(count)s, of which with MVI applied: %(mvi)s.")
        % {"date": on, "count": data.tender_count, "mvi": data.tenders_with_mvi}
    )
    _targets(document, context["targets"], on)
    _shares(document, data, context, on)
    _changed(document, context["changed"], report)
    _planned(document, context["planned"], report)
    _contracts(document, context["contracts"], report)


def _targets(document: WordDocument, targets: list, on: str) -> None:
    document.heading(_("Targets"), level=2)
    if not targets:
        document.paragraph(_("The plan has no targets yet."))
        return
    document.table(
        [_("Target"), _("Value"), _("Target value"), _("State"), _("Deadline")],
        (
            [
                [Run(row.item.title, bold=True), f"\n{row.item.kpi}"],
                row.value,
                row.target,
                capfirst(row.state),
                date_format(row.item.deadline, "SHORT_DATE_FORMAT"),
            ]
            for row in targets
        ),
        caption=_("The plan's targets and their values on %(date)s") % {"date": on},
        widths=(7.2, 1.9, 2.6, 2.6, 2.7),
        numeric=(1, 2),
    )


def _shares(document: WordDocument, data: TendersTargets, context: dict, on: str) -> None:
    title = _("Share of tenders with MVI per theme")
    document.heading(title, level=2)
    if not data.tender_count:
        document.paragraph(_("No tenders are in the register on this date."))
        return
    if context["share_chart"]:
        description = share_description(data.mvi_share) or _("There are no themes.")
        document.chart(context["share_chart"], title=title, description=description)
    document.table(
        [_("Theme"), _("With MVI"), _("Tenders"), _("Share")],
        (
            [row.item.label, str(row.item.with_mvi), str(row.item.total), row.share]
            for row in context["shares"]
        ),
        caption=_("Tenders in the register on %(date)s applying each MVI theme") % {"date": on},
        widths=(8.0, 3.0, 3.0, 3.0),
        numeric=(1, 2, 3),
    )


def _mvi(row: TenderRow) -> str:
    return f" · {_('MVI')}: {row.themes}" if row.themes else ""


def _changed(document: WordDocument, rows: list[TenderRow], report: "Report") -> None:
    document.heading(
        _("Tenders whose phase changed since %(date)s") % {"date": _day(report.baseline_date)},
        level=2,
    )
    if not rows:
        document.paragraph(_("No tender changed phase in this time."))
        return
    items: list[list[Inline]] = []
    for row in rows:
        when = f" · {_day(row.item.phase_changed_on)}" if row.item.phase_changed_on else ""
        change = f"{capfirst(row.phase_before)} → {row.phase}{when}{_mvi(row)}"
        items.append([Run(row.item.reference, bold=True), f" {row.item.title}\n{change}"])
    document.items(items)


def _planned(document: WordDocument, rows: list[TenderRow], report: "Report") -> None:
    months = report.window_months
    document.heading(
        ngettext(
            "Tenders planned (coming month)", "Tenders planned (coming %(months)s months)", months
        )
        % {"months": in_words(months)},
        level=2,
    )
    document.paragraph(
        _("Tenders to be published or to start after %(start)s up to and including %(end)s.")
        % {"start": _day(report.monitor_date), "end": _day(report.window_end)}
    )
    if not rows:
        document.paragraph(_("No tenders are planned in this time."))
        return
    items: list[list[Inline]] = []
    for row in rows:
        details = [capfirst(row.phase)]
        if row.item.planned_publication_on:
            details.append(f"{_('publication')} {_day(row.item.planned_publication_on)}")
        if row.item.planned_start_on:
            details.append(f"{_('start')} {_day(row.item.planned_start_on)}")
        if row.item.estimated_value is not None:
            details.append(row.value)
        text = f" {row.item.title}\n{' · '.join(details)}{_mvi(row)}"
        items.append([Run(row.item.reference, bold=True), text])
    document.items(items)


def _contract_text(row: ContractRow) -> str:
    item = row.item
    lot = f" ({item.lot})" if item.lot else ""
    city = f", {item.supplier_city}" if item.supplier_city else ""
    tender = f" · {_('tender')} {item.tender_reference}" if item.tender_reference else ""
    awarded = f"{_('awarded on')} {_day(item.awarded_on)}"
    return f" {item.title}{lot}\n{item.supplier}{city} · {row.value} · {awarded}{tender}"


def _contracts(document: WordDocument, rows: list[ContractRow], report: "Report") -> None:
    document.heading(
        _("Contracts awarded since %(date)s") % {"date": _day(report.baseline_date)}, level=2
    )
    if not rows:
        document.paragraph(_("No contract was awarded in this time."))
        return
    document.items([Run(row.item.reference, bold=True), _contract_text(row)] for row in rows)
