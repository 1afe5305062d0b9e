"""Making text safe to put in a spreadsheet cell, and reading it back.

A cell whose text starts with `=`, `+`, `-` or `@` is run as a formula by Excel and
LibreOffice ("CSV/formula injection"): an action title typed by one user could then
fetch data or start programs on the computer of whoever opens the export. Such text is
written with a leading apostrophe, so it is shown as text and never evaluated.
`restore` undoes exactly that on import, so an export read back is the original text.
Control characters (which XML cannot hold and readers choke on) are dropped
(`utils.text.strip_control`).
"""

from mvimonitor.utils.text import strip_control

#: Characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
QUOTE = "'"


def _looks_like_formula(text: str) -> bool:
    # Apostrophes already in front are looked past, so text that itself starts with
    # "'=" gets one more quote and comes back unchanged (see `restore`).
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """`text` as it may be written into a cell: no control characters and never a
    formula."""
    text = strip_control(text)
    return QUOTE + text if _looks_like_formula(text) else text


def restore(text: str) -> str:
    """The text that `neutralise` turned into `text`: one leading apostrophe less when
    what follows would be a formula; any other text is returned as it is."""
    if text.startswith(QUOTE) and _looks_like_formula(text):
        return text[1:]
    return text
