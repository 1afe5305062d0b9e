"""The report's files: which renderer writes each format, and what rendering needs
beyond the report itself (the organisation's logo, which the PDF and the Word document
carry inside). The views, the `report` command and finalising ask here, never a
renderer; the renderers only render what they are given.

A final monitor's PDF is the one stored for the report's variant when it was frozen
(`edition`), byte for byte; an edition frozen before variants has no council PDF, which
is rendered from its frozen data (ADR 0025)."""

import json
from typing import TYPE_CHECKING

from mvimonitor.monitoring.models import MonitorEdition
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import frozen_pdf
from mvimonitor.organisations.selectors import organisation_logo

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


def report_pdf(*, report: Report, organisation: "Organisation") -> bytes:
    # Imported here: the PDF renderer loads WeasyPrint, which is slow to load.
    from mvimonitor.monitoring.rendering.pdf import report_pdf as render_pdf

    return render_pdf(report, logo=organisation_logo(organisation=organisation))


def report_file(
    *,
    report: Report,
    fmt: str,
    organisation: "Organisation",
    edition: MonitorEdition | None = None,
) -> bytes:
    """The report in `fmt` (a key of CONTENT_TYPES)."""
    if fmt == "json":
        return json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()
    if fmt == "pdf":
        stored = frozen_pdf(edition=edition, variant=report.variant) if edition else None
        if stored is not None:
            return stored
        return report_pdf(report=report, organisation=organisation)
    if fmt == "html":
        from mvimonitor.monitoring.rendering.html import report_html

        return report_html(report, logo=organisation_logo(organisation=organisation)).encode()
    if fmt == "xlsx":
        from mvimonitor.monitoring.rendering.xlsx import report_xlsx

        return report_xlsx(report)
    if fmt == "docx":
        from mvimonitor.monitoring.rendering.docx import report_docx

        return report_docx(report, logo=organisation_logo(organisation=organisation))
    raise ValueError(f"No renderer for {fmt!r}.")
