"""Server-rendered SVG charts of a report: the actions per status per period (stacked
bars) and the trend of completed actions over the monitors.

Every piece of text goes through format_html, so a period called `<script>` stays text.
No `style=` attributes (the CSP forbids them): colours and fonts are SVG presentation
attributes. Status colours and order come from plans.workflow, the one source of truth.
"""

from collections.abc import Callable, Sequence
from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mvimonitor.monitoring.rendering.tables import status_label
from mvimonitor.monitoring.report import PeriodFigures, Report, TrendPoint
from mvimonitor.plans.workflow import STATUS_ORDER, STATUS_STYLE, Status
from mvimonitor.utils.svg import (
    MUTED,
    TEXT,
    WIDTH,
    join_parts,
    shorten,
    svg_document,
    svg_text,
)

#: (period id, status code) -> the URL of the list of exactly those actions.
LinkFor = Callable[[int, str], str]

ON_BAR = "#ffffff"  # at least 5:1 on every status colour
TOTAL = STATUS_STYLE[Status.NOT_STARTED].colour
COMPLETED = STATUS_STYLE[Status.COMPLETED].colour

ROW = 50  # period name, bar and gap
BAR_HEIGHT = 22
BAR_ROOM = 16 + 56  # the margins, and room on the right for the period's total
CHAR = 7.6  # the width of an average character at 13 px
DIGIT = 7.8  # width of a digit at 12 px, to decide whether a count fits in its segment


def _counts_text(period: PeriodFigures) -> str:
    parts = [
        f"{period.counts[s.value]} {status_label(s.value)}"
        for s in STATUS_ORDER
        if period.counts.get(s.value, 0)
    ]
    return ", ".join(parts) if parts else _("no actions")


def status_chart_description(report: Report) -> str:
    """The chart's text alternative: every figure it shows, in words."""
    return "; ".join(
        _("%(period)s: %(counts)s") % {"period": p.name, "counts": _counts_text(p)}
        for p in report.periods
    )


def _segment(
    period: PeriodFigures, code: str, x: float, y: float, width: float, link: LinkFor | None
) -> SafeString:
    count = period.counts[code]
    shape = format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="1"/>',
        round(x, 2),
        y,
        round(width, 2),
        BAR_HEIGHT,
        STATUS_STYLE[Status(code)].colour,
    )
    if width >= len(str(count)) * DIGIT + 8:
        label = svg_text(x + width / 2, y + 16, count, fill=ON_BAR, text_anchor="middle")
        shape = join_parts([shape, label])
    if link is None:
        return shape
    name = _("%(period)s: %(count)s %(status)s, show these actions") % {
        "period": period.name,
        "count": count,
        "status": status_label(code),
    }
    return format_html(
        '<a href="{}" class="status-chart__link" aria-label="{}">{}</a>',
        link(period.period_id, code),
        name,
        shape,
    )


def _label_chars(width: int) -> int:
    """What fits on one line at 13 px; the full name is in the description."""
    return int((width - 16) / CHAR)


def _bar(
    period: PeriodFigures, top: float, scale: float, link: LinkFor | None, width: int
) -> SafeString:
    parts = [svg_text(8, top + 14, shorten(period.name, _label_chars(width)))]
    x, y = 8.0, top + 20
    for status in STATUS_ORDER:
        count = period.counts.get(status.value, 0)
        if count:
            segment = max(count * scale, 2.0)
            parts.append(_segment(period, status.value, x, y, segment, link))
            x += segment
    total = period.total if period.total else _("no actions")
    parts.append(svg_text(x + 6, y + 16, total, fill=MUTED if not period.total else TEXT))
    return format_html('<g class="status-chart__period">{}</g>', join_parts(parts))


def _legend(
    entries: Sequence[tuple[str, str]], top: float, *, line: bool = False, width: int = WIDTH
) -> tuple[SafeString, float]:
    """Swatches with their labels, wrapped over lines; returns the SVG and its height."""
    parts: list[SafeString] = []
    x, y = 8.0, top
    for colour, label in entries:
        room = 30 + len(label) * CHAR
        if x + room > width and x > 8:
            x, y = 8.0, y + 22
        swatch = (
            '<rect x="{}" y="{}" width="16" height="4" fill="{}"/>'
            if line
            else '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
        )
        parts.append(format_html(swatch, x, y + (5 if line else 0), colour))
        parts.append(svg_text(x + 20, y + 12, label))
        x += room + 16
    return format_html('<g class="chart-legend">{}</g>', join_parts(parts)), y + 22 - top


def status_chart_svg(
    report: Report,
    *,
    link: LinkFor | None = None,
    id_prefix: str = "status-chart",
    width: int = WIDTH,
) -> SafeString:
    """Stacked horizontal bars of the actions per status, one bar per period, `width`
    wide (NARROW_WIDTH: the variant for a phone).

    With `link`, every segment is a link to the list of exactly those actions."""
    largest = max((p.total for p in report.periods), default=0)
    scale = (width - BAR_ROOM) / largest if largest else 0.0
    bars = [_bar(p, 8 + i * ROW, scale, link, width) for i, p in enumerate(report.periods)]
    legend_top = 8 + len(report.periods) * ROW
    legend, legend_height = _legend(
        [(STATUS_STYLE[s].colour, status_label(s.value)) for s in STATUS_ORDER],
        legend_top,
        width=width,
    )
    title = _("Number of actions per status per period")
    description = status_chart_description(report) or _("The plan has no periods yet.")
    height = legend_top + legend_height + 4
    body = join_parts([*bars, legend])
    return svg_document(id_prefix, title, description, height, body, link is not None, width)


# -- the trend --------------------------------------------------------------------------

PLOT_LEFT, PLOT_TOP, PLOT_HEIGHT, PLOT_RIGHT = 56, 24, 160, 24
INSET = 28  # between the axis labels and the first and last point
DATE_LABEL = 88  # a short date at 13 px ("20-12-2017") and a gap
POINT_LABEL_ROOM = 35  # the count above a point


def trend_chart_description(points: Sequence[TrendPoint]) -> str:
    template = _("%(date)s: %(completed)s of %(total)s actions completed")
    return "; ".join(
        template % {"date": date_format(p.date), "completed": p.completed, "total": p.total}
        for p in points
    )


def _nice_maximum(value: int) -> int:
    """`value` rounded up to half its order of magnitude (124 -> 150), for round
    gridlines."""
    unit = max(1, 10 ** (len(str(value)) - 1) // 2)
    return -(-value // unit) * unit


def _position(index: int, count: int, value: int, top: int, plot_width: int) -> tuple[float, float]:
    span = plot_width - 2 * INSET
    x = PLOT_LEFT + INSET + (span * index / (count - 1) if count > 1 else span / 2)
    return round(x, 1), round(PLOT_TOP + PLOT_HEIGHT * (1 - value / top), 1)


def _grid(top: int, plot_width: int) -> SafeString:
    parts = []
    for value in (0, top // 2, top) if top > 1 else (0, top):
        _, y = _position(0, 1, value, top, plot_width)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#bdbdbd" stroke-width="1"/>',
                PLOT_LEFT,
                y,
                PLOT_LEFT + plot_width,
                y,
            )
        )
        parts.append(svg_text(PLOT_LEFT - 8, y + 4, value, fill=MUTED, text_anchor="end"))
    return join_parts(parts)


def _series(points: Sequence[tuple[float, float]], colour: str, dashed: bool) -> SafeString:
    coordinates = " ".join(f"{x},{y}" for x, y in points)
    dash = format_html(' stroke-dasharray="{}"', "6 4") if dashed else ""
    line = format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
        coordinates,
        colour,
        dash,
    )
    # Numbers and a colour of plans.workflow only.
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{colour}"/>' for x, y in points)
    return mark_safe(line + dots)  # noqa: S308 -- see above


def _chosen_dates(xs: Sequence[float]) -> list[int]:
    """The first and the last date, and those between that keep clear of the label before
    them; the outer labels are aligned inwards, so they stay inside the picture."""
    count = len(xs)

    def extent(i: int) -> tuple[float, float]:
        if count > 1 and i == 0:
            return xs[i], xs[i] + DATE_LABEL
        if count > 1 and i == count - 1:
            return xs[i] - DATE_LABEL, xs[i]
        return xs[i] - DATE_LABEL / 2, xs[i] + DATE_LABEL / 2

    chosen = [0]
    for i in range(1, count):
        while i == count - 1 and len(chosen) > 1 and extent(chosen[-1])[1] > extent(i)[0]:
            chosen.pop()  # the last date is named rather than an inner one
        if extent(chosen[-1])[1] <= extent(i)[0]:
            chosen.append(i)
    return chosen


def _date_labels(dates: Sequence[date], plot_width: int) -> SafeString:
    count = len(dates)
    xs = [_position(i, count, 0, 1, plot_width)[0] for i in range(count)]
    y = PLOT_TOP + PLOT_HEIGHT + 20
    anchors = {0: "start", count - 1: "end"} if count > 1 else {}
    return join_parts(
        [
            svg_text(
                xs[i],
                y,
                date_format(dates[i], "SHORT_DATE_FORMAT"),
                fill=MUTED,
                text_anchor=anchors.get(i, "middle"),
            )
            for i in _chosen_dates(xs)
        ]
    )


def trend_chart_svg(
    points: Sequence[TrendPoint], *, id_prefix: str = "trend-chart", width: int = WIDTH
) -> SafeString:
    """Completed actions (and all actions in the plan) at each monitor, as lines, `width`
    wide (NARROW_WIDTH: the variant for a phone, with fewer labels)."""
    plot_width = width - PLOT_LEFT - PLOT_RIGHT
    top = _nice_maximum(max((max(p.total, p.completed) for p in points), default=0) or 1)
    count = len(points)
    completed = [_position(i, count, p.completed, top, plot_width) for i, p in enumerate(points)]
    totals = [_position(i, count, p.total, top, plot_width) for i, p in enumerate(points)]
    parts = [_grid(top, plot_width)]
    if points:
        parts += [_series(totals, TOTAL, True), _series(completed, COMPLETED, False)]
        parts.append(_date_labels([p.date for p in points], plot_width))
    if count <= plot_width // POINT_LABEL_ROOM:
        parts += [
            svg_text(x, y - 8, p.completed, text_anchor="middle")
            for (x, y), p in zip(completed, points, strict=True)
        ]
    legend_top = PLOT_TOP + PLOT_HEIGHT + 36
    legend, legend_height = _legend(
        [(COMPLETED, _("completed actions")), (TOTAL, _("actions in the plan"))],
        legend_top,
        line=True,
        width=width,
    )
    title = _("Completed actions per monitor")
    description = trend_chart_description(points) or _("There are no monitors yet.")
    height = legend_top + legend_height + 4
    body = join_parts([*parts, legend])
    return svg_document(id_prefix, title, description, height, body, False, width)
