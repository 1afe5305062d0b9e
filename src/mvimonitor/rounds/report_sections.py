"""The report sections the rounds app owns (ADR 0013, ADR 0018): "round" (Monitorronde:
the monitor's update round in figures and the actions nobody answered for) and
"not_updated" (Niet bijgewerkt: the actions not updated on the monitor date, which also
marks them in the report's lists of actions; "stale" in the code and the JSON keys).
Registered in RoundsConfig.ready().

The round is read once per request for the round box on the monitor's page and for the
report (through the request's memo); the actions not updated take the actions that should
have moved by D from the report's one read of the actions (SectionInput.moving_action_ids)."""

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from mvimonitor.monitoring.sections import (
    Figure,
    FigureLink,
    KeyFigure,
    Section,
    SectionInput,
    storable,
)
from mvimonitor.rounds.report_data import (
    RoundActionItem,
    RoundSection,
    StaleItem,
    StalePeriodCount,
    StaleSection,
)
from mvimonitor.rounds.selectors import UNREAD, round_for_monitor, round_result, stale_actions_on
from mvimonitor.utils.sheets import (
    BOLD,
    WRAP,
    Column,
    fact_rows,
    list_sheet,
    print_setup,
    write_cell,
    yes_no,
)

if TYPE_CHECKING:
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.monitoring.report import Report
    from mvimonitor.utils.word import WordDocument

#: The request's memo key for the monitor's round as round_for_monitor read it.
ROUND_READ = "rounds.update_round"


class UpdateRoundSection(Section):
    id = "round"
    app = "mvimonitor.rounds"
    position = 70
    title = pgettext_lazy("report section", "Update round")
    names_people = True  # the owners who did not answer: never in the council version
    page_template = "rounds/report/round.html"
    print_template = "rounds/report/round_print.html"
    box_template = "rounds/_monitor_round.html"

    def compute(self, source: SectionInput) -> RoundSection | None:
        """The monitor's round as the report shows it; None without a monitor or a
        round."""
        monitor = source.monitor
        if monitor is None or not monitor.pk:
            return None
        read = source.memo.get(ROUND_READ, UNREAD)
        result = round_result(monitor=monitor, update_round=read)
        if result is None:
            return None
        return RoundSection(
            deadline=result.deadline,
            closed=result.closed,
            updated=result.updated,
            confirmed=result.confirmed,
            open=result.open,
            not_answered=[
                RoundActionItem(
                    action_id=a.action_id,
                    code=a.code,
                    title=a.title,
                    owner=a.owner,
                    period=a.period,
                )
                for a in result.not_answered
            ],
        )

    def to_storage(self, data: RoundSection | None) -> dict[str, Any]:
        # null for a monitor without a round, as editions have always stored it
        return {"update_round": storable(asdict(data)) if data else None}

    def from_storage(self, stored: Mapping[str, Any]) -> RoundSection | None:
        return RoundSection.from_storage(stored.get("update_round"))

    def to_json(self, data: RoundSection | None) -> dict[str, Any]:
        return {"round": data.to_json() if data else None}

    def write_sheets(self, book: Workbook, data: RoundSection | None, report: "Report") -> None:
        if data is not None:
            _round_sheet(book, data)

    def write_docx(
        self, document: "WordDocument", data: RoundSection | None, report: "Report"
    ) -> None:
        if data is not None:
            from mvimonitor.rounds.report_docx import write_round

            write_round(document, data)

    def key_figures(self, data: RoundSection | None) -> list[KeyFigure]:
        if data is None:
            return []
        return [KeyFigure(_("Not answered in the update round"), f"{data.open} / {data.total}")]

    def box(self, monitor: "Monitor", memo: dict[str, Any]) -> dict[str, Any]:
        """The round box: the monitor's round (or None), read once for the report too."""
        memo[ROUND_READ] = round_for_monitor(monitor=monitor)
        return {"round_box": memo[ROUND_READ]}


class NotUpdatedSection(Section):
    id = "not_updated"
    app = "mvimonitor.rounds"
    position = 80
    title = pgettext_lazy("report section", "Actions not updated")
    names_people = True  # each action's owner: never in the council version
    page_template = "rounds/report/not_updated.html"
    print_template = "rounds/report/not_updated_print.html"
    marks = ("stale",)

    def compute(self, source: SectionInput) -> StaleSection:
        """The actions not updated on the report's date (rounds.selectors: only those that
        should have moved by then, and only touches on or before it count)."""
        stale = stale_actions_on(plan=source.plan, on=source.on, moving_on=source.moving_action_ids)
        return StaleSection(
            after_days=int(settings.STALE_AFTER_DAYS),
            actions=[
                StaleItem(
                    action_id=a.action_id,
                    code=a.code,
                    title=a.title,
                    owner=a.owner,
                    period=a.period,
                    last_touched=a.last_touched,
                )
                for a in stale
            ],
        )

    def to_storage(self, data: StaleSection | None) -> dict[str, Any]:
        return {"stale": storable(asdict(data)) if data else None}

    def from_storage(self, stored: Mapping[str, Any]) -> StaleSection | None:
        return StaleSection.from_storage(stored.get("stale"))

    def to_json(self, data: StaleSection | None) -> dict[str, Any]:
        # null in editions frozen before stale marks existed
        return {
            "stale_after_days": data.after_days if data else None,
            "stale_actions": [a.to_json() for a in data.actions] if data else None,
        }

    def context(
        self, data: StaleSection | None, report: "Report", link: FigureLink | None
    ) -> dict[str, Any]:
        if data is None:
            return {}
        per_period = stale_per_period(data, report)
        rows, total = _stale_figures(data, per_period, link)
        return {"stale_per_period": per_period, "stale_rows": rows, "stale_total": total}

    def write_sheets(self, book: Workbook, data: StaleSection | None, report: "Report") -> None:
        if data is None:
            return
        columns = [
            Column(_("Code"), 12, lambda a: a.code),
            Column(_("Action"), 60, lambda a: a.title, wrap=True),
            Column(_("Owner"), 30, lambda a: a.owner, wrap=True),
            Column(_("Period"), 30, lambda a: a.period, wrap=True),
            Column(_("Last touched"), 14, lambda a: a.last_touched),
        ]
        list_sheet(book, _("Not updated"), columns, data.actions)

    def write_docx(
        self, document: "WordDocument", data: StaleSection | None, report: "Report"
    ) -> None:
        if data is not None:
            from mvimonitor.rounds.report_docx import write_not_updated

            write_not_updated(document, data, stale_per_period(data, report), report)

    def key_figures(self, data: StaleSection | None) -> list[KeyFigure]:
        if data is None:
            return []
        return [KeyFigure(_("Not updated"), str(len(data.actions)))]

    def action_marks(self, data: StaleSection | None) -> Mapping[str, Collection[int]]:
        return {"stale": {a.action_id for a in data.actions}} if data else {}

    def marked_actions(self, data: StaleSection | None, mark: str) -> Sequence[Any] | None:
        return data.actions if data is not None and mark == "stale" else None

    def mark_context(self, data: StaleSection) -> dict[str, Any]:
        return {"stale_list": True, "stale_after_days": data.after_days}


def stale_per_period(data: StaleSection, report: "Report") -> list[StalePeriodCount]:
    """The actions not updated counted per period, every period in plan order (none too): what
    the page and the PDF show of them (the full list is in Excel and JSON)."""
    counts = Counter(action.period for action in data.actions)
    rows = [StalePeriodCount(p.period_id, p.name, counts.pop(p.name, 0)) for p in report.periods]
    return rows + [StalePeriodCount(None, name, count) for name, count in counts.items()]


def _stale_figures(
    data: StaleSection, per_period: list[StalePeriodCount], link: FigureLink | None
) -> tuple[list[tuple[str, Any]], Any]:
    """The rows of "Not updated per period" (the period's name and its figure) and
    their total, each linked to the list of exactly those actions."""
    rows = [
        (
            row.name,
            Figure(
                count=row.count,
                label=_("%(count)s actions not updated in %(period)s")
                % {"count": row.count, "period": row.name},
                url=link(row.period_id, None, stale=True) if link and row.period_id else "",
            ),
        )
        for row in per_period
    ]
    total = len(data.actions)
    return rows, Figure(
        count=total,
        label=_("%(count)s actions not updated in all periods") % {"count": total},
        url=link(None, None, stale=True) if link else "",
    )


_WIDTHS = (12, 60, 30, 30)


def _round_sheet(book: Workbook, update_round: RoundSection) -> None:
    """The sheet "Monitorronde": the round's deadline, state and counts (numbers) above
    the list of the actions not updated or confirmed."""
    sheet = book.create_sheet(_("Update round"))
    facts: list[tuple[str, Any]] = [
        (_("Deadline"), update_round.deadline),
        (_("Closed"), yes_no(update_round.closed)),
        (_("Updated"), update_round.updated),
        (_("Confirmed unchanged"), update_round.confirmed),
        (_("Not answered"), update_round.open),
        (_("Total"), update_round.total),
    ]
    fact_rows(sheet, facts)
    first = len(facts) + 2
    sheet.cell(row=first, column=1, value=_("Not updated or confirmed in the round")).font = BOLD
    header = first + 1
    titles = (_("Code"), _("Action"), _("Owner"), _("Period"))
    for index, (title, width) in enumerate(zip(titles, _WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=header, column=index, value=title)
        cell.font, cell.alignment = BOLD, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, item in enumerate(update_round.not_answered, start=header + 1):
        for index, value in enumerate((item.code, item.title, item.owner, item.period), start=1):
            write_cell(sheet, row, index, value, wrap=index > 1)
    print_setup(sheet)
