"""The pipeline's timeline: one row per tender, a bar from its planned publication to its
planned contract start in the colour of its phase, a month and quarter axis, today
marked with a line and its date. Made to be read on a projector: large type, strong
colours, nothing that needs a mouse. Its legend is HTML beside it (the page's
procurement/pipeline.html), so that it wraps on a phone while the timeline scrolls
(ADR 0033).

A pure function from data to an SVG string, like monitoring.rendering.chart: every
piece of outside text is escaped, and there are no style attributes (the CSP forbids
them). Tenders without planned dates have no row; the page lists them separately.
"""

from collections.abc import Sequence
from datetime import date

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mvimonitor.procurement.phases import PHASE_COLOUR, Phase
from mvimonitor.procurement.selectors.pipeline import PipelineTender, quarter_label

WIDTH = 1000
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#595959"
GRID = "#d0d0d0"
STRIPE = "#f3f6f9"
QUARTER_GRID = "#8a8a8a"
TODAY = "#b00020"  # 6:1 on white
LABEL_WIDTH = 300  # the tender's reference and title
LEFT = LABEL_WIDTH + 8
RIGHT = 16
PLOT_WIDTH = WIDTH - LEFT - RIGHT
HEADER = 64  # today's label, the quarter and month labels
ROW = 30
BAR = 18
LABEL_CHARS = 34  # what fits in the label column at 14 px
# The variant for a phone (ADR 0033): drawn at its own size too, scrolling in its box, but
# with the reference alone in the label column, so the bars start in view.
NARROW_WIDTH = 640
NARROW_LABEL_WIDTH = 120
NARROW_LABEL_CHARS = 13
FONT_SIZE = 14


def _text(
    x: float, y: float, text: object, *, fill: str = TEXT, anchor: str = "start", size: int = 14
) -> str:
    return (
        f'<text x="{round(x, 1)}" y="{round(y, 1)}" fill="{fill}" font-family="{FONT}" '
        f'font-size="{size}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _next_quarter(day: date) -> date:
    first = _quarter_start(day)
    return _next_month(_next_month(_next_month(first)))


def timeline_range(tenders: Sequence[PipelineTender], today: date) -> tuple[date, date]:
    """From the start of the quarter of the earliest date (today included) to the end of
    the quarter of the latest: whole quarters, today always in view."""
    days = [today]
    for t in tenders:
        days += [d for d in (t.planned_publication_on, t.planned_start_on) if d is not None]
    return _quarter_start(min(days)), _next_quarter(max(days))


class _Scale:
    def __init__(self, first: date, last: date, width: int = WIDTH) -> None:
        self.first, self.days = first, max((last - first).days, 1)
        self.width, self.narrow = width, width < WIDTH
        self.left = (NARROW_LABEL_WIDTH if self.narrow else LABEL_WIDTH) + 8
        self.plot_width = width - self.left - RIGHT

    def x(self, day: date) -> float:
        return round(self.left + self.plot_width * (day - self.first).days / self.days, 1)


def _axis(scale: _Scale, first: date, last: date, height: float) -> list[str]:
    """Month lines (thin) and quarter lines with their labels. Months are named when
    they are wide enough; when quarters are too narrow for "K1 2018" (a long span, e.g.
    today lies years after the tenders) only years are named, and month lines left out."""
    parts = []
    bottom = HEADER + height
    month_width = scale.plot_width * 31 / scale.days
    quarters_named = month_width * 3 >= 70
    day = first
    while day < last:
        x = scale.x(day)
        is_quarter = day.month % 3 == 1
        if is_quarter or month_width >= 8:
            colour, width = (QUARTER_GRID, 1.5) if is_quarter else (GRID, 1)
            parts.append(
                f'<line x1="{x}" y1="{HEADER - 8 if is_quarter else HEADER}" x2="{x}" '
                f'y2="{bottom}" stroke="{colour}" stroke-width="{width}"/>'
            )
        if is_quarter and quarters_named:
            quarter = (day.year, (day.month - 1) // 3 + 1)
            parts.append(_text(x + 4, HEADER - 26, quarter_label(quarter), size=FONT_SIZE))
        elif day.month == 1 and not quarters_named:
            parts.append(_text(x + 4, HEADER - 26, day.year, size=FONT_SIZE))
        if month_width >= 30:
            name = date_format(day, "M")
            parts.append(
                _text(x + month_width / 2, HEADER - 8, name, fill=MUTED, anchor="middle", size=12)
            )
        day = _next_month(day)
    parts.append(
        f'<line x1="{scale.left}" y1="{bottom}" x2="{scale.left + scale.plot_width}" y2="{bottom}" '
        f'stroke="{QUARTER_GRID}" stroke-width="1"/>'
    )
    return parts


def _row(scale: _Scale, tender: PipelineTender, top: float, index: int) -> list[str]:
    if scale.narrow:  # the title is in the description and in the tables under it
        label = _shorten(tender.reference, NARROW_LABEL_CHARS)
    else:
        label = _shorten(f"{tender.reference} {tender.title}", LABEL_CHARS)
    parts = []
    if index % 2:  # every other row shaded, so a row is easy to follow across the screen
        parts.append(
            f'<rect x="0" y="{top}" width="{scale.width}" height="{ROW}" fill="{STRIPE}"/>'
        )
    parts.append(_text(8, top + 20, label))
    colour = PHASE_COLOUR[tender.phase]
    start, end = tender.planned_publication_on, tender.planned_start_on
    y = top + (ROW - BAR) / 2
    if start is not None and end is not None:
        x1, x2 = scale.x(start), scale.x(end)
        parts.append(
            f'<rect class="timeline__bar" x="{x1}" y="{y}" width="{max(x2 - x1, 4)}" '
            f'height="{BAR}" rx="3" fill="{colour}"/>'
        )
    else:
        # One date only: a diamond on it.
        x = scale.x(start or end)  # type: ignore[arg-type]  # has_dates: one is set
        cy, r = y + BAR / 2, BAR / 2
        parts.append(
            f'<polygon class="timeline__point" points="{x},{cy - r} {x + r},{cy} {x},{cy + r} '
            f'{x - r},{cy}" fill="{colour}"/>'
        )
    return parts


def _today(scale: _Scale, today: date, height: float) -> list[str]:
    x = scale.x(today)
    label = _("today, %(date)s") % {"date": date_format(today, "SHORT_DATE_FORMAT")}
    anchor = "end" if x > scale.left + scale.plot_width - 120 else "start"
    return [
        f'<line class="timeline__today" x1="{x}" y1="{HEADER - 50}" x2="{x}" '
        f'y2="{HEADER + height}" stroke="{TODAY}" stroke-width="3"/>',
        _text(x + (-6 if anchor == "end" else 6), HEADER - 42, label, fill=TODAY, anchor=anchor),
    ]


def _day(day: date | None) -> str:
    return date_format(day) if day else _("not planned")


def timeline_description(tenders: Sequence[PipelineTender], today: date) -> str:
    """The chart's text alternative: each tender with its phase and dates."""
    lines = [_("Today is %(date)s.") % {"date": date_format(today)}]
    template = _("%(tender)s, %(phase)s: publication %(publication)s, contract start %(start)s.")
    for t in tenders:
        lines.append(
            template
            % {
                "tender": f"{t.reference} {t.title}",
                "phase": Phase(t.phase).label,
                "publication": _day(t.planned_publication_on),
                "start": _day(t.planned_start_on),
            }
        )
    return " ".join(lines)


def timeline_svg(
    tenders: Sequence[PipelineTender],
    *,
    today: date,
    id_prefix: str = "pipeline-timeline",
    width: int = WIDTH,
) -> SafeString:
    """The timeline of the tenders that have at least one planned date, in the given
    order, with today marked; `width` wide (NARROW_WIDTH: the variant for a phone, its
    rows named by reference only)."""
    rows = [t for t in tenders if t.has_dates]
    first, last = timeline_range(rows, today)
    scale = _Scale(first, last, width)
    height = len(rows) * ROW
    parts: list[str] = []
    for i, tender in enumerate(rows):
        parts += _row(scale, tender, HEADER + i * ROW, i)
    parts = _axis(scale, first, last, height) + parts
    parts += _today(scale, today, height)
    body = mark_safe("".join(parts))  # noqa: S308 -- numbers, constants and escaped text
    total = HEADER + height + 8
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" role="img" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
        '<title id="{prefix}-title">{title}</title><desc id="{prefix}-desc">{desc}</desc>'
        "{body}</svg>",
        prefix=id_prefix,
        kind="timeline-narrow chart--narrow" if scale.narrow else "timeline",
        width=width,
        height=round(total),
        title=_("Timeline of the tenders: planned publication to planned contract start"),
        desc=timeline_description(rows, today),
        body=body,
    )
