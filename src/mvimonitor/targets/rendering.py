"""A target's chart: its value on its start, the first of every month and its deadline,
against the straight line from the start value to the target. A pure function from the
series to an SVG string; every piece of outside text is escaped (format_html / escape)
and there are no style attributes (the CSP forbids them)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mvimonitor.targets.selectors import SeriesPoint
from mvimonitor.utils.numbers import rounded

WIDTH = 640
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#595959"
VALUE = "#154273"  # the primary blue, 10:1 on white
LINE = "#b45309"  # 5:1 on white
TODAY = "#1a1a1a"
LEFT, TOP, PLOT_HEIGHT, RIGHT = 56, 24, 180, 24
MIN_LABEL_GAP = 90  # px between the centres of two date labels


def format_value(value: Decimal | None, unit: str) -> str:
    """A KPI value for people: "3" or "62.5%"; "cannot be computed" for None."""
    if value is None:
        return _("cannot be computed")
    if unit == "percent":
        return f"{rounded(value, 1)}%"
    return f"{rounded(value)}"


def _text(x: float, y: float, text: object, *, fill: str = TEXT, anchor: str = "start") -> str:
    return (
        f'<text x="{round(x, 1)}" y="{round(y, 1)}" fill="{fill}" font-family="{FONT}" '
        f'font-size="13" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _nice_top(value: Decimal) -> Decimal:
    """A round maximum for the vertical axis: 5 -> 5, 7 -> 10, 62 -> 70."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    return -(-value // magnitude) * magnitude


class _Scale:
    def __init__(self, first: date, last: date, top: Decimal, width: int) -> None:
        self.first, self.days, self.top = first, max((last - first).days, 1), top
        self.plot_width = width - LEFT - RIGHT

    def x(self, day: date) -> float:
        return round(LEFT + self.plot_width * (day - self.first).days / self.days, 1)

    def y(self, value: Decimal) -> float:
        return round(TOP + PLOT_HEIGHT * (1 - float(value / self.top)), 1)


def _grid(scale: _Scale, unit: str) -> list[str]:
    parts = []
    for value in (Decimal(0), scale.top / 2, scale.top):
        y = scale.y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + scale.plot_width}" y2="{y}" '
            'stroke="#bdbdbd" stroke-width="1"/>'
        )
        label = f"{value.normalize():f}{'%' if unit == 'percent' else ''}"
        parts.append(_text(LEFT - 8, y + 4, label, fill=MUTED, anchor="end"))
    return parts


def _date_labels(scale: _Scale, days: Sequence[date]) -> list[str]:
    """The first and last date and those in between that keep clear of their
    neighbours (a label is about 80 px wide)."""
    chosen = [0]
    for i in range(1, len(days) - 1):
        if scale.x(days[i]) - scale.x(days[chosen[-1]]) >= MIN_LABEL_GAP:
            chosen.append(i)
    last = len(days) - 1
    if last > 0:
        while len(chosen) > 1 and scale.x(days[last]) - scale.x(days[chosen[-1]]) < MIN_LABEL_GAP:
            chosen.pop()
        if scale.x(days[last]) - scale.x(days[chosen[-1]]) >= MIN_LABEL_GAP:
            chosen.append(last)
    y = TOP + PLOT_HEIGHT + 20
    anchors = {0: "start", last: "end"}
    return [
        _text(
            scale.x(days[i]),
            y,
            date_format(days[i], "SHORT_DATE_FORMAT"),
            fill=MUTED,
            anchor=anchors.get(i, "middle"),
        )
        for i in chosen
    ]


def _today(scale: _Scale, today: date, first: date, last: date) -> list[str]:
    if not first <= today <= last:
        return []
    x = scale.x(today)
    return [
        f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{TOP + PLOT_HEIGHT}" stroke="{TODAY}" '
        'stroke-width="1.5" stroke-dasharray="2 3"/>',
        _text(x, TOP - 10, _("today"), anchor="middle"),
    ]


def _legend(top: float) -> list[str]:
    entries = [(VALUE, "", _("value")), (LINE, ' stroke-dasharray="6 4"', _("line to the target"))]
    parts, x = [], 8.0
    for colour, dash, label in entries:
        parts.append(
            f'<line x1="{x}" y1="{top + 7}" x2="{x + 24}" y2="{top + 7}" stroke="{colour}" '
            f'stroke-width="3"{dash}/>'
        )
        parts.append(_text(x + 30, top + 12, label))
        x += 40 + len(label) * 7.6 + 16
    return parts


def target_chart_description(points: Sequence[SeriesPoint], unit: str) -> str:
    known = [p for p in points if p.value is not None]
    return "; ".join(
        _("%(date)s: %(value)s (line: %(line)s)")
        % {
            "date": date_format(p.on),
            "value": format_value(p.value, unit),
            "line": format_value(p.line, unit) if unit == "percent" else f"{rounded(p.line, 1)}",
        }
        for p in known
    )


def target_chart_svg(
    points: Sequence[SeriesPoint],
    *,
    title: str,
    target: Decimal,
    unit: str,
    today: date,
    id_prefix: str = "target-chart",
    width: int = WIDTH,
) -> SafeString:
    """The value over time (solid, with dots) and the straight line (dashed), today
    marked when it lies between the start and the deadline; `width` wide (NARROW_WIDTH:
    the variant for a phone)."""
    if not points:
        return mark_safe("")
    first, last = points[0].on, points[-1].on
    values = [p.value for p in points if p.value is not None]
    scale = _Scale(first, last, _nice_top(max([target, *values])), width)
    line = f"{scale.x(first)},{scale.y(points[0].line)} {scale.x(last)},{scale.y(target)}"
    known = [(scale.x(p.on), scale.y(p.value)) for p in points if p.value is not None]
    parts = _grid(scale, unit)
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2.5" '
        'stroke-dasharray="6 4"/>'
    )
    if known:
        coordinates = " ".join(f"{x},{y}" for x, y in known)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{VALUE}" stroke-width="3"/>'
        )
        parts += [f'<circle cx="{x}" cy="{y}" r="4" fill="{VALUE}"/>' for x, y in known]
    parts += _today(scale, today, first, last)
    parts += _date_labels(scale, [p.on for p in points])
    legend_top = TOP + PLOT_HEIGHT + 34
    parts += _legend(legend_top)
    description = target_chart_description(points, unit) or _("There are no values yet.")
    body = mark_safe("".join(parts))  # noqa: S308 -- numbers, constants and escaped text
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart target-chart{narrow}" role="img" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
        '<title id="{prefix}-title">{title}</title><desc id="{prefix}-desc">{desc}</desc>'
        "{body}</svg>",
        prefix=id_prefix,
        narrow=" chart--narrow" if width < WIDTH else "",
        width=width,
        height=legend_top + 24,
        title=title,
        desc=description,
        body=body,
    )
