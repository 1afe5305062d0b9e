"""The sample section "open_actions": how many actions are open on the report's date,
computed from what the report already read, frozen with the edition, and shown on the
page, in the PDF, in Excel, in Word and in the JSON."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from mvimonitor.monitoring.sections import KeyFigure, Section, SectionInput
from mvimonitor.utils.word import WordDocument

TITLE = "Sample: open actions"


@dataclass(frozen=True)
class OpenActions:
    count: int


class OpenActionsSection(Section):
    id = "open_actions"
    app = "tests.sample_section"
    position = 115  # after communication, before the next monitor
    title = TITLE
    page_template = "sample_section/page.html"
    print_template = "sample_section/print.html"

    def compute(self, source: SectionInput) -> OpenActions:
        return OpenActions(count=len(source.open_action_ids))

    def to_storage(self, data: OpenActions | None) -> dict[str, Any]:
        return {"sample_open_actions": data.count if data else None}

    def from_storage(self, stored: Mapping[str, Any]) -> OpenActions | None:
        count = stored.get("sample_open_actions")
        return None if count is None else OpenActions(count=count)

    def to_json(self, data: OpenActions | None) -> dict[str, Any]:
        return {"sample_open_actions": data.count if data else None}

    def write_sheets(self, book: Workbook, data: OpenActions | None, report: Any) -> None:
        sheet = book.create_sheet("Sample")
        sheet.append([TITLE, data.count if data else None])

    def write_docx(self, document: WordDocument, data: OpenActions | None, report: Any) -> None:
        document.heading(TITLE)
        document.paragraph(f"{data.count if data else 0} open actions on this date.")

    def key_figures(self, data: OpenActions | None) -> list[KeyFigure]:
        return [KeyFigure(TITLE, str(data.count))] if data else []
