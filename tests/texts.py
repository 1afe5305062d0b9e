"""Hypothesis strategies for the texts a user may type or paste into a text field:
random unicode (no lone surrogates, which no browser or file can send), pieces of the
hostile corpus (formula prefixes, also behind a tab or a carriage return; line breaks as
a browser sends them, CR LF; control characters, which the forms refuse; right-to-left
marks; emoji; apostrophes) and texts of about a field's maximum, up to it or just over.
"""

from hypothesis import strategies as st

from tests.hostile import FORMULAS

#: Pieces that have caught spreadsheets, forms and readers out.
PIECES = (
    *FORMULAS,
    "'",
    "''=1",
    "\r\n",
    "\r",
    "\x0b",
    "\x85",
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

characters = st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\t\n")
pieces = st.one_of(st.text(characters, max_size=12), st.sampled_from(PIECES))
#: Short texts made of random characters and the pieces above.
texts = st.lists(pieces, max_size=6).map("".join)


def _repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def about(maximum: int, *, spread: int = 3) -> st.SearchStrategy[str]:
    """Texts of `maximum - spread` to `maximum` characters: a short text repeated (so
    that long texts cost little to generate)."""
    length = st.integers(max(1, maximum - spread), maximum)
    return st.builds(_repeated, texts.filter(bool), length)


def beyond(maximum: int, *, spread: int = 3) -> st.SearchStrategy[str]:
    """Texts of `maximum + 1` to `maximum + spread` characters."""
    return st.builds(_repeated, texts.filter(bool), st.integers(maximum + 1, maximum + spread))


def up_to(maximum: int) -> st.SearchStrategy[str]:
    """Short texts, and texts of about `maximum` characters."""
    return st.one_of(texts, about(maximum))


def filled(maximum: int) -> st.SearchStrategy[str]:
    """Like `up_to`, but never empty or white space only (a required field)."""
    return up_to(maximum).filter(str.strip)
