"""The report as a Word document (Dutch, A4), for coordinators who finish the council's
report in Word: the organisation's logo, the variant and the title on top, then every
section of `report.parts()` (the variant's sections) in that order, each writing its own
part (`Section.write_docx`, through `utils.word`) with the monitor's commentary under it:
real heading styles (Word's navigation pane and a table of contents find them), Word
tables with a header row that repeats on every page, and the charts as pictures whose
text alternative gives every figure in words. The page header names the organisation,
the plan and the monitor date; a draft's header says "CONCEPT" on every page. Only
renders a Report: no queries."""

import base64
import io

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.utils.word import WordDocument

LANGUAGE = "nl"
WORD_LANGUAGE = "nl-NL"
LOGO_HEIGHT_CM = 2.0  # as in the PDF
LOGO_MAX_WIDTH_CM = 8.0


def document_title(report: Report, *, keep_date_whole: bool = False) -> str:
    """The title, worded as in the PDF and the Excel file ("MVI-actieplan 2017-2020:
    monitor van 20 september 2017", in the active language); `keep_date_whole`: the
    date's spaces do not break (on the first page, where a long plan name wraps the
    title)."""
    date = date_format(report.monitor_date)
    if keep_date_whole:
        date = date.replace(" ", "\N{NO-BREAK SPACE}")
    return _("%(plan)s: monitor of %(date)s") % {"plan": report.plan, "date": date}


def draft_mark(report: Report) -> str:
    """The mark of a draft's report ("CONCEPT"), or "" for a final one."""
    return _("DRAFT") if report.status == "draft" else ""


def _logo_size(image: bytes) -> float:
    """The logo's width in cm: 2 cm high, unless that makes it wider than 8 cm."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        width, height = picture.size
    return min(LOGO_HEIGHT_CM * width / height, LOGO_MAX_WIDTH_CM)


def _logo(document: WordDocument, report: Report, logo: str) -> None:
    """`logo`: the `data:` URI organisations.selectors gives (PNG or JPEG), or ""."""
    if not logo:
        return
    image = base64.b64decode(logo.partition(",")[2])
    name = _("Logo %(organisation)s") % {"organisation": report.organisation}
    document.picture(image, title=name, description=name, width_cm=_logo_size(image))


def _variant(report: Report) -> str:
    """ "Raadsversie" or "Volledige versie"."""
    return capfirst(str(ReportVariant(report.variant).label))


def _properties_title(report: Report) -> str:
    """The title a file manager shows: with the variant, and marked for a draft."""
    title = _("%(title)s (%(variant)s)") % {
        "title": document_title(report),
        "variant": ReportVariant(report.variant).label,
    }
    return _("%(title)s (DRAFT)") % {"title": title} if draft_mark(report) else title


def _front(document: WordDocument, report: Report, logo: str) -> None:
    mark = draft_mark(report)
    document.properties(
        title=_properties_title(report),
        subject=_("Monitor of the action plan %(plan)s on %(date)s")
        % {"plan": report.plan, "date": date_format(report.monitor_date)},
        author=report.organisation,
        when=timezone.now(),
    )
    document.page_header(
        f"{report.organisation} · {report.plan}",
        _("Monitor of %(date)s") % {"date": date_format(report.monitor_date)},
        mark=mark,
    )
    document.page_numbers(_("page %(page)s of %(pages)s"))
    _logo(document, report, logo)
    document.paragraph(f"{report.organisation} · {_variant(report)}")
    document.title(document_title(report, keep_date_whole=True))
    if mark:
        document.paragraph(
            _(
                "Draft: the figures are those of %(date)s as recorded today and can still "
                "change until the monitor is finalised."
            )
            % {"date": date_format(report.monitor_date)}
        )


def report_docx(report: Report, logo: str = "") -> bytes:
    """The report as a .docx file; `logo`: the organisation's logo as a `data:` URI, or
    ""."""
    with translation.override(LANGUAGE):
        document = WordDocument(language=WORD_LANGUAGE)
        _front(document, report, logo)
        for part in report.parts():
            part.section.write_docx(document, part.data, report)
            if report.commentary.get(part.id):
                document.labelled_text(_("Commentary"), report.commentary[part.id])
            document.follows = part.id
        return document.save()
