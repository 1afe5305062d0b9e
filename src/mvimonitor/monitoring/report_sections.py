"""The report sections monitoring owns: drawn from the plan's actions (through
plans.selectors) and from monitoring's own records. Their data is the report's core
(report.Report), computed once by selectors.report_for_date, so they compute nothing
themselves; they render it. Registered in MonitoringConfig.ready() (ADR 0018)."""

from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from openpyxl import Workbook

from mvimonitor.monitoring.late_section import LateActionsSection
from mvimonitor.monitoring.sections import Section, register
from mvimonitor.utils.sheets import Column, list_sheet, yes_no

if TYPE_CHECKING:
    from mvimonitor.monitoring.report import CommunicationItem, Report
    from mvimonitor.utils.word import WordDocument


def _templates(section_id: str) -> dict[str, str]:
    return {
        "page_template": f"monitoring/report/{section_id}.html",
        "print_template": f"monitoring/report/{section_id}_print.html",
    }


class CoreSection(Section):
    """A section of the report's core: its templates are named after its id."""

    def __init__(
        self, section_id: str, position: int, title: "str | Promise", joins: str = ""
    ) -> None:
        self.id = section_id
        self.position = position
        self.title = title
        self.joins = joins
        templates = _templates(section_id)
        self.page_template = templates["page_template"]
        self.print_template = templates["print_template"]

    def write_docx(self, document: "WordDocument", data: Any, report: "Report") -> None:
        # Imported here: the Word writer is only needed when a document is written.
        from mvimonitor.monitoring.rendering.docx_core import write_core_section

        write_core_section(self.id, document, report)


class StatusTableSection(CoreSection):
    def write_sheets(self, book: Workbook, data: Any, report: "Report") -> None:
        # Imported here: the Excel writer is only needed when a workbook is written.
        from mvimonitor.monitoring.rendering.xlsx import status_sheet

        status_sheet(book, report)


def _action_columns(*, planned: bool, stale_shown: bool) -> list[Column]:
    from mvimonitor.monitoring.rendering.tables import status_label

    columns = [
        Column(_("Code"), 10, lambda a: a.code),
        Column(_("Action"), 60, lambda a: a.title, wrap=True),
        Column(_("Period"), 28, lambda a: a.period, wrap=True),
        Column(_("Status"), 14, lambda a: status_label(a.status)),
    ]
    # Last, so the earlier columns keep their places: empty in editions frozen before,
    # and left out of a version without the section that marks them (the council's).
    stale = [Column(_("Not updated"), 12, lambda a: None if a.stale is None else yes_no(a.stale))]
    if not stale_shown:
        stale = []
    if planned:
        return [
            *columns,
            Column(_("New action"), 12, lambda a: yes_no(a.is_new)),
            Column(_("Start"), 12, lambda a: a.start_date),
            Column(_("Due"), 12, lambda a: a.due_date),
            *stale,
        ]
    return [*columns, Column(_("Result"), 60, lambda a: a.result, wrap=True), *stale]


class RealisedSection(CoreSection):
    def write_sheets(self, book: Workbook, data: Any, report: "Report") -> None:
        columns = _action_columns(planned=False, stale_shown=report.shows_mark("stale"))
        list_sheet(book, _("Realised"), columns, report.realised)


class PlannedSection(CoreSection):
    def write_sheets(self, book: Workbook, data: Any, report: "Report") -> None:
        columns = _action_columns(planned=True, stale_shown=report.shows_mark("stale"))
        list_sheet(book, _("Planned"), columns, report.planned)


class AttentionPointsSection(CoreSection):
    def write_sheets(self, book: Workbook, data: Any, report: "Report") -> None:
        from mvimonitor.monitoring.rendering.tables import kind_label

        columns = [
            Column(_("Kind"), 14, lambda p: kind_label(p.kind)),
            Column(_("Text"), 80, lambda p: p.text, wrap=True),
            Column(_("Date"), 12, lambda p: p.date),
        ]
        list_sheet(book, _("Attention points"), columns, report.attention_points)


class CommunicationSection(CoreSection):
    def write_sheets(self, book: Workbook, data: Any, report: "Report") -> None:
        moments: list[tuple[str, CommunicationItem]] = [
            *((_("realised"), m) for m in report.communication_realised),
            *((_("planned"), m) for m in report.communication_planned),
        ]
        columns = [
            Column(_("State"), 14, lambda m: m[0]),
            Column(_("Date"), 12, lambda m: m[1].date),
            Column(_("Text"), 70, lambda m: m[1].text, wrap=True),
            Column(_("Channel"), 24, lambda m: m[1].channel),
        ]
        list_sheet(book, _("Communication"), columns, moments)


def register_core_sections() -> None:
    """The sections of the report's core, at their places in the report (the other apps'
    sections take the places between: rounds 70 and 80, targets 90), and the late
    actions, drawn from the core's read (65)."""
    for section in (
        CoreSection("summary", 10, pgettext_lazy("report section", "Summary")),
        CoreSection("status_chart", 20, pgettext_lazy("report section", "Status chart")),
        StatusTableSection(
            "status_table",
            30,
            pgettext_lazy("report section", "Status table"),
            joins="status_chart",
        ),
        CoreSection("trend", 40, pgettext_lazy("report section", "Trend")),
        RealisedSection("realised", 50, pgettext_lazy("report section", "Realised actions")),
        PlannedSection("planned", 60, pgettext_lazy("report section", "Planned actions")),
        LateActionsSection(),
        AttentionPointsSection(
            "attention_points", 100, pgettext_lazy("report section", "Attention points")
        ),
        CommunicationSection(
            "communication", 110, pgettext_lazy("report section", "Communication moments")
        ),
        CoreSection("next_monitor", 120, pgettext_lazy("report section", "Next monitor")),
    ):
        register(section)
