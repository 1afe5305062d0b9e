"""Hypothesis strategies for one cell of any kind, and for files that are not a
workbook any more (truncated, bytes changed, members lost or replaced)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from hypothesis import strategies as st

from tests.fuzz.workbooks import ErrorValue, Formula
from tests.hostile import HOSTILE

#: Any character a cell can be given, control characters included (the imports refuse
#: them, issue 12 item 8; surrogates cannot be encoded at all).
characters = st.characters(exclude_categories=["Cs"])
short_texts = st.text(characters, max_size=30)
#: Very long text: a short piece repeated, up to 100,000 characters.
long_texts = st.builds(
    lambda piece, times: (piece * times)[:100_000],
    st.text(characters, min_size=1, max_size=3),
    st.integers(1_000, 60_000),
)
hostile_texts = st.sampled_from(HOSTILE)
texts = st.one_of(short_texts, hostile_texts, long_texts)

numbers = st.one_of(
    st.integers(-1_000, 100_000),
    st.integers(),  # huge ones too
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.1, 0.005, 1e15, 1e28, 1e30, -1.5, 2.675, 1234567.891]),
)
moments = st.one_of(
    st.dates(min_value=date(1900, 3, 1)),  # before, Excel's calendar has its famous leap day
    st.datetimes(min_value=datetime(1900, 3, 1)),  # noqa: DTZ001 (cells hold no zone)
    st.times(),
    st.dates(),  # any year: refused or read, never a crash
)
errors = st.builds(ErrorValue, st.sampled_from(["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?"]))
_scalars = st.one_of(short_texts, numbers, st.booleans(), moments)
#: A formula, with a calculated value or (written by a program) without one.
formulas = st.builds(
    Formula,
    st.sampled_from(["1+1", "SUM(A1:A3)", 'A1&"x"', "TODAY()", 'HYPERLINK("https://x.example")']),
    st.one_of(st.none(), _scalars, errors),
)
any_cells = st.one_of(st.none(), texts, numbers, st.booleans(), moments, formulas, errors)


def date_cells(days: st.SearchStrategy[date]) -> st.SearchStrategy[object]:
    """A date as a date cell, a date-and-time cell or text (dd-mm-yyyy or yyyy-mm-dd)."""
    return st.one_of(
        days,
        days.map(lambda d: datetime(d.year, d.month, d.day, 9, 30)),  # noqa: DTZ001
        days.map(lambda d: d.strftime("%d-%m-%Y")),
        days.map(lambda d: d.isoformat()),
    )


def around(first: date, last: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=first, max_value=last)


def spelled(words: list[str]) -> st.SearchStrategy[str]:
    """One of `words` as a user may type it: any case, spaces around."""
    return st.tuples(
        st.sampled_from(words), st.sampled_from(["", "upper", "title"]), st.booleans()
    ).map(lambda t: _spell(*t))


def _spell(word: str, case: str, padded: bool) -> str:
    word = word.upper() if case == "upper" else word.title() if case == "title" else word
    return f" {word} " if padded else word


# Damaged files


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data`, a valid package, broken in one of the ways files break."""
    how = draw(st.sampled_from(["truncated", "bytes", "random", "member", "garbage"]))
    if how == "truncated":
        return data[: draw(st.integers(1, max(1, len(data) - 1)))]
    if how == "bytes":
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            changed[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(changed)
    if how == "random":
        prefix = draw(st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
        return prefix + draw(st.binary(max_size=600))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    victim = draw(st.sampled_from(names))
    if how == "member":
        return _rezip(data, lambda name, content: None if name == victim else content)
    garbage = draw(
        st.one_of(
            st.binary(max_size=200),
            st.sampled_from([b"", b"<x/>", b"<?xml version='1.0'?><a><b></a>", b"\xff\xfe<"]),
        )
    )
    return _rezip(data, lambda name, content: garbage if name == victim else content)


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = change(item.filename, source.read(item.filename))
            if content is not None:
                target.writestr(item, content)
    return out.getvalue()
