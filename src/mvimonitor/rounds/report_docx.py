"""The Word parts of the rounds app's report sections (report_sections.py): the update
round and the actions not updated ("Niet bijgewerkt"), with the headings, texts and
tables of their PDF templates (templates/rounds/report/*_print.html). Only renders the
sections' data."""

from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.rounds.report_data import RoundSection, StalePeriodCount, StaleSection
from mvimonitor.utils.word import Run, WordDocument

if TYPE_CHECKING:
    from mvimonitor.monitoring.report import Report


def write_round(document: WordDocument, update_round: RoundSection) -> None:
    document.heading(_("Update round"))
    deadline = {"deadline": date_format(update_round.deadline)}
    if update_round.closed:
        document.paragraph(_("Closed; owners were asked to answer by %(deadline)s.") % deadline)
    else:
        document.paragraph(_("Still open; owners answer by %(deadline)s.") % deadline)
    total = update_round.total
    document.facts(
        [
            (_("Updated"), f"{update_round.updated} / {total}"),
            (_("Confirmed unchanged"), f"{update_round.confirmed} / {total}"),
            (_("Not answered"), f"{update_round.open} / {total}"),
        ]
    )
    document.heading(_("Not updated or confirmed in the round"), level=2)
    if not update_round.not_answered:
        document.paragraph(_("Every action was updated or confirmed."))
        return
    document.items(
        [
            Run(item.code, bold=True),
            f" {item.title}\n{item.owner or _('no owner')} · {item.period}",
        ]
        for item in update_round.not_answered
    )


def write_not_updated(
    document: WordDocument,
    stale: StaleSection,
    per_period: list[StalePeriodCount],
    report: "Report",
) -> None:
    count = len(stale.actions)
    document.heading(f"{_('Not updated')} ({count})")
    days = stale.after_days
    document.paragraph(
        ngettext(
            "Running or postponed on %(date)s, or not started although its start date had "
            "come, and nobody changed, updated or confirmed the action in the %(days)s day "
            "before.",
            "Running or postponed on %(date)s, or not started although its start date had "
            "come, and nobody changed, updated or confirmed the action in the %(days)s days "
            "before.",
            days,
        )
        % {"date": date_format(report.monitor_date), "days": days}
    )
    if not stale.actions:
        document.paragraph(_("There are no actions that were not updated."))
        return
    rows = [[row.name, str(row.count)] for row in per_period]
    document.table(
        [_("Period"), _("Not updated")],
        [*rows, [_("Total"), str(count)]],
        caption=_("Not updated per period"),
        widths=(12.0, 5.0),
        numeric=(1,),
        bold_last_row=True,
    )
    document.paragraph(_("The Excel file lists every action not updated."))
