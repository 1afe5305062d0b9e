"""The report as an A4 PDF: Dutch, tagged for accessibility (PDF/UA-1, language nl),
the organisation and plan in the page header ("CONCEPT" too on a draft's every page),
"pagina X van Y" in the footer and the charts as vector graphics. WeasyPrint renders
templates/monitoring/report_print.html with static/css/report-print.css.

Control characters, which stored text may hold, are dropped from the HTML and from the
CSS strings of the page header (`utils.text.strip_control`): a PDF would show them as
empty boxes and carry them in its text (ADR 0019)."""

import re
from functools import lru_cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from mvimonitor.monitoring.rendering.context import report_context
from mvimonitor.monitoring.report import Report
from mvimonitor.utils.text import strip_control

TEMPLATE = "monitoring/report_print.html"
STYLESHEET = "css/report-print.css"
LANGUAGE = "nl"
PDF_VARIANT = "pdf/ua-1"


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string: everything but letters, digits and spaces is
    written as a hexadecimal escape, so user text cannot end the string or the rule.
    Control characters are dropped first: escaped, they would still reach the PDF."""
    escaped = "".join(
        c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in strip_control(text)
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308 -- escaped above


def page_numbers_css() -> SafeString:
    """CSS `content` for "page X of Y", in the word order of the translation."""
    parts = re.split(r"%\((page|pages)\)s", _("page %(page)s of %(pages)s"))
    content = [
        f"counter({part})" if index % 2 else css_string(part)
        for index, part in enumerate(parts)
        if index % 2 or part
    ]
    return mark_safe(" ".join(content))  # noqa: S308 -- counters and escaped strings


@lru_cache(maxsize=1)
def print_stylesheet() -> CSS:
    # Parsed once per process: the same file for every report.
    path = finders.find(STYLESHEET)
    if not isinstance(path, str):
        raise FileNotFoundError(STYLESHEET)
    return CSS(filename=path)


def _context(report: Report, logo: str) -> dict[str, Any]:
    monitor_date = date_format(report.monitor_date)
    return {
        **report_context(report, print_version=True),
        "title": _("%(plan)s: monitor of %(date)s") % {"plan": report.plan, "date": monitor_date},
        "header_css": css_string(f"{report.organisation} · {report.plan}"),
        "date_css": css_string(_("Monitor of %(date)s") % {"date": monitor_date}),
        "page_numbers_css": page_numbers_css(),
        # "CONCEPT" at the top of every page of a draft's PDF, between the header's two
        # texts: a frozen monitor's PDF has none.
        "draft_css": css_string(_("DRAFT")) if report.status == "draft" else "",
        "logo": logo,
    }


def report_html_for_print(report: Report, logo: str = "") -> str:
    """The HTML that becomes the PDF (Dutch), for checking the layout in a browser.
    `logo`: the organisation's logo as a `data:` URI, or ""."""
    with translation.override(LANGUAGE):
        return render_to_string(TEMPLATE, _context(report, logo))


def report_pdf(report: Report, logo: str = "") -> bytes:
    html = report_html_for_print(report, logo)
    document = HTML(string=strip_control(html), base_url=None)
    pdf = document.write_pdf(stylesheets=[print_stylesheet()], pdf_variant=PDF_VARIANT)
    if pdf is None:  # only when a target file is given
        raise RuntimeError("WeasyPrint wrote no PDF")
    return pdf
