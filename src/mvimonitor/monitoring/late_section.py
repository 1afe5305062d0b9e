"""The report section "late" (Te laat): the actions late on the monitor date, by the one
rule of plans.lateness (ADR 0030), with why, in every format. Its data comes from the
report's one read of the actions (SectionInput.late_actions), so it costs no query; a
frozen edition keeps the list it was frozen with. Registered in MonitoringConfig.ready()
(ADR 0018); it names nobody, so the council version shows it too (ADR 0025)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook

from mvimonitor.monitoring.sections import KeyFigure, Section, SectionInput, day_text
from mvimonitor.plans.lateness import late_text
from mvimonitor.utils.sheets import Column, list_sheet
from mvimonitor.utils.word import Run

if TYPE_CHECKING:
    from mvimonitor.monitoring.report import Report
    from mvimonitor.utils.word import WordDocument

#: The key of a frozen report that holds the section (absent: frozen before it existed).
STORAGE_KEY = "late_actions"


@dataclass(frozen=True)
class LateItem:
    """An action late on the monitor date: "due" or "start" (plans.lateness) and the
    date that passed."""

    action_id: int
    code: str
    title: str
    period: str
    reason: str
    day: date

    @property
    def text(self) -> str:
        """Why, in the active language: "einddatum 1 september 2017 verstreken"."""
        return late_text(self.reason, self.day)

    def to_storage(self) -> dict[str, Any]:
        return {
            "action_id": self.action_id,
            "code": self.code,
            "title": self.title,
            "period": self.period,
            "reason": self.reason,
            "date": self.day.isoformat(),
        }

    @classmethod
    def from_storage(cls, data: Mapping[str, Any]) -> "LateItem":
        return cls(
            action_id=data["action_id"],
            code=data["code"],
            title=data["title"],
            period=data["period"],
            reason=data["reason"],
            day=date.fromisoformat(data["date"]),
        )


@dataclass(frozen=True)
class LateSection:
    actions: list[LateItem]

    @property
    def count(self) -> int:
        return len(self.actions)


class LateActionsSection(Section):
    id = "late"
    position = 65  # after the planned actions, before the round (70)
    title = pgettext_lazy("report section", "Late actions")
    page_template = "monitoring/report/late.html"
    print_template = "monitoring/report/late_print.html"

    def compute(self, source: SectionInput) -> LateSection:
        return LateSection(
            actions=[
                LateItem(
                    action_id=late.action_id,
                    code=late.code,
                    title=late.title,
                    period=late.period,
                    reason=late.lateness.reason,
                    day=late.lateness.day,
                )
                for late in source.late_actions
            ]
        )

    def to_storage(self, data: LateSection | None) -> dict[str, Any]:
        return {STORAGE_KEY: [a.to_storage() for a in data.actions] if data else None}

    def from_storage(self, stored: Mapping[str, Any]) -> LateSection | None:
        actions = stored.get(STORAGE_KEY)
        if actions is None:
            return None  # frozen before the section existed
        return LateSection(actions=[LateItem.from_storage(a) for a in actions])

    def to_json(self, data: LateSection | None) -> dict[str, Any]:
        # null in editions frozen before late actions were reported
        if data is None:
            return {"late_count": None, "late_actions": None}
        return {
            "late_count": data.count,
            "late_actions": [
                {
                    "code": a.code,
                    "title": a.title,
                    "period": a.period,
                    "reason": a.reason,
                    "date": a.day.isoformat(),
                }
                for a in data.actions
            ],
        }

    def write_sheets(self, book: Workbook, data: LateSection | None, report: "Report") -> None:
        if data is None:
            return
        columns = [
            Column(_("Code"), 10, lambda a: a.code),
            Column(_("Action"), 60, lambda a: a.title, wrap=True),
            Column(_("Period"), 28, lambda a: a.period, wrap=True),
            Column(_("Why late"), 40, lambda a: a.text, wrap=True),
            Column(_("Date passed"), 14, lambda a: a.day),
        ]
        list_sheet(book, _("Late"), columns, data.actions)

    def write_docx(
        self, document: "WordDocument", data: LateSection | None, report: "Report"
    ) -> None:
        document.heading(f"{_('Late actions')} ({data.count})" if data else _("Late actions"))
        if data is None:
            document.paragraph(_("This monitor was finalised before late actions were counted."))
            return
        document.paragraph(rule_text(report))
        if not data.actions:
            document.paragraph(_("No action was late on this date."))
            return
        document.items(
            [Run(a.code, bold=True), f" {a.title}\n{a.text} · {a.period}"] for a in data.actions
        )

    def key_figures(self, data: LateSection | None) -> list[KeyFigure]:
        return [] if data is None else [KeyFigure(_("Late"), str(data.count))]

    def context(self, data: LateSection | None, report: "Report", link: Any) -> dict[str, Any]:
        return {"late_rule": rule_text(report)}


def rule_text(report: "Report") -> str:
    """What "late" means, on the report's date, for the reader of every format."""
    return _(
        "Late on %(date)s: not started although the start date had passed, or neither "
        "completed nor cancelled although the due date had passed."
    ) % {"date": day_text(report.monitor_date, "DATE_FORMAT")}
