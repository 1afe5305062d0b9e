"""The share of tenders with MVI per theme as an SVG chart (the report's section "Tenders
and targets", on the page and in the PDF): one horizontal bar per theme on a scale of 0
to 100%, its figures ("4 of 10 tenders, 40.0%") beside it. Built like rendering.chart:
presentation attributes only (the CSP forbids style=), every text escaped."""

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mvimonitor.monitoring.rendering.chart import MUTED, WIDTH, _join, _shorten, _svg, _text
from mvimonitor.monitoring.rendering.procurement import percent, share_description
from mvimonitor.monitoring.report_procurement import ThemeShareItem

BAR = "#2e7d32"  # 5:1 against white: a graphic needs 3:1
TRACK = "#e6e6e6"  # the 100% behind each bar, decoration only
ROW = 44
BAR_HEIGHT = 16
FIGURES = 170  # room on the right for "12 of 40 (30.0%)"
TRACK_WIDTH = WIDTH - 16 - FIGURES
LABEL_CHARS = 70


def _figures(share: ThemeShareItem) -> str:
    return _("%(count)s of %(total)s (%(share)s)") % {
        "count": share.with_mvi,
        "total": share.total,
        "share": percent(share.share),
    }


def _row(share: ThemeShareItem, top: float) -> SafeString:
    y = top + 20
    width = TRACK_WIDTH * float(share.share or 0) / 100
    parts = [
        _text(8, top + 14, _shorten(share.theme_name, LABEL_CHARS)),
        format_html(
            '<rect x="8" y="{}" width="{}" height="{}" fill="{}"/>',
            y,
            TRACK_WIDTH,
            BAR_HEIGHT,
            TRACK,
        ),
    ]
    if width:
        parts.append(
            format_html(
                '<rect x="8" y="{}" width="{}" height="{}" fill="{}"/>',
                y,
                round(max(width, 2.0), 2),
                BAR_HEIGHT,
                BAR,
            )
        )
    fill = MUTED if share.share is None else "#1a1a1a"
    parts.append(_text(8 + TRACK_WIDTH + 8, y + 13, _figures(share), fill=fill))
    return format_html('<g class="share-chart__theme">{}</g>', _join(parts))


def _axis(top: float) -> SafeString:
    """0%, 50% and 100% under the bars."""
    labels = [
        _text(8 + TRACK_WIDTH * value / 100, top + 14, f"{value}%", fill=MUTED, text_anchor=anchor)
        for value, anchor in ((0, "start"), (50, "middle"), (100, "end"))
    ]
    return _join(labels)


def mvi_share_chart_svg(
    shares: Sequence[ThemeShareItem], *, id_prefix: str = "mvi-share-chart"
) -> SafeString:
    """Per theme, the share of the tenders in the register that apply it."""
    rows = [_row(share, 4 + index * ROW) for index, share in enumerate(shares)]
    axis_top = 4 + len(shares) * ROW
    title = _("Share of tenders with MVI per theme")
    description = share_description(list(shares)) or _("There are no themes.")
    body = _join([*rows, _axis(axis_top)])
    return _svg(id_prefix, title, description, axis_top + 22, body, False)
