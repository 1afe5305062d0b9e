"""Hypothesis strategies for the texts a user may type or paste into a text field:
random unicode (no lone surrogates, which no browser or file can send), pieces of the
hostile corpus (formula prefixes, also behind a tab or carriage return; right-to-left
marks; emoji; apostrophes) and texts of about a field's maximum, just under and over it.
Control characters other than tab and line breaks are left out: the forms and imports
refuse them (issue 12, item 8; tests/test_control_characters.py).
"""

from hypothesis import strategies as st

from tests.hostile import FORMULAS

#: Pieces that have caught spreadsheets, forms and readers out.
PIECES = (
    *FORMULAS,
    "'",
    "''=1",
    "\r\n",
    "\n",
    "\t",
    "  ",
    "\u202e",
    "\u200f",
    "\u00a0",
    "🌍",
    "👩\u200d👩\u200d👧",
    "; ",
    "Groen",
)

characters = st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\t\n\r")
pieces = st.one_of(st.text(characters, max_size=12), st.sampled_from(PIECES))
#: Short texts made of random characters and the pieces above.
texts = st.lists(pieces, max_size=6).map("".join)


def about(maximum: int, *, spread: int = 3) -> st.SearchStrategy[str]:
    """Texts of `maximum - spread` to `maximum + spread` characters: a short text
    repeated (so that long texts cost little to generate)."""
    unit = texts.filter(bool)
    length = st.integers(max(1, maximum - spread), maximum + spread)
    return st.tuples(unit, length).map(lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])


def up_to(maximum: int) -> st.SearchStrategy[str]:
    """Short texts, and texts of about `maximum` characters."""
    return st.one_of(texts, about(maximum))
