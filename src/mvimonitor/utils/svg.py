"""Building blocks of the server-rendered SVG charts (the report's status and trend charts,
the tenders section's MVI share chart): the canvas width, colours with enough contrast,
text and the <svg> element with its accessible name and description.

Every piece of outside text is escaped, so a name like `<script>` stays text. No `style=`
attributes (the CSP forbids them): colours and fonts are SVG presentation attributes."""

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
# The narrow variant of a chart, drawn for a phone, so its 13 px text is shown at 12 px or
# more instead of shrinking to 7: 288 px inside the page's margins on the narrowest
# screen WCAG reflows to (320 px), 343 px on a 375 px phone (ADR 0033).
NARROW_WIDTH = 300
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
TEXT = "#1a1a1a"  # 17:1 on white
MUTED = "#595959"  # 7:1 on white


def join_parts(parts: Sequence[SafeString]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 -- every part comes from format_html


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_text(x: float, y: float, text: object, *, fill: str = TEXT, **extra: str) -> SafeString:
    # Built without format_html (a chart has hundreds of these): the attributes are this
    # module's own constants and numbers, and the one piece of outside text is escaped.
    attributes = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
    return mark_safe(  # noqa: S308 -- see above
        f'<text x="{round(x, 1)}" y="{round(y, 1)}" fill="{escape(fill)}" font-family="{FONT}"'
        f' font-size="13"{attributes}>{escape(text)}</text>'
    )


def svg_document(
    id_prefix: str,
    title: str,
    description: str,
    height: float,
    body: SafeString,
    linked: bool,
    width: int = WIDTH,
) -> SafeString:
    # role="img" makes its content presentational, so a chart with links is a group
    # whose links keep their own names.
    role = "group" if linked else "img"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart {prefix}{narrow}" role="{role}" '
        'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">'
        '<title id="{prefix}-title">{title}</title><desc id="{prefix}-desc">{desc}</desc>'
        "{body}</svg>",
        prefix=id_prefix,
        role=role,
        narrow=" chart--narrow" if width < WIDTH else "",
        width=width,
        height=round(height),
        title=title,
        desc=description,
        body=body,
    )
