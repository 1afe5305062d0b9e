"""The properties every importer keeps, whatever file it is given: it returns problems
or a result and never raises; with problems, nothing in the database changed (not one
row of any table, the audit trail included); without, the database holds what the file
says: every row's record is there, every stored value fits its column, and importing
the same file again finds nothing to change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import event

from mvimonitor.kernel.imports import ImportResult
from tests.fuzz.database import differences, snapshot, unfit_values
from tests.fuzz.sheets import Drawn
from tests.fuzz.workbooks import NOT_XML, Formula

#: run(data, filename): one import of the file, as its service is called.
Run = Callable[[bytes, str], ImportResult]
#: found(reference): the record a row's reference names, or None.
Find = Callable[[str], Any]


def assert_all_or_nothing(
    run: Run,
    drawn: Drawn,
    *,
    reference: Any,
    title: Any,
    find: Find,
    defaulted: tuple[str, ...] = (),
) -> ImportResult:
    """`defaulted`: the headers (every spelling) of the columns whose empty cell gives a
    new record a default but is refused for a record that exists (its date of adding,
    say): importing a file that created records again may meet those refusals, and
    only those."""
    filename = f"bestand.{drawn.fmt}"
    before = snapshot()
    result = run(drawn.data, filename)
    after = snapshot()
    event(_outcome(drawn, result))
    if result.problems:
        assert after == before, differences(before, after)
        counts = (result.created, result.updated, result.history_changes, result.unchanged)
        assert counts == (0, 0, 0, 0)
        assert all(str(problem) for problem in result.problems)  # each says what is wrong
        return result
    assert not unfit_values(before, after)
    for number, cells in drawn.records.items():
        # A formula whose result was never calculated is refused, not read as empty.
        assert not any(_uncalculated(cell) for cell in cells.values()), (number, cells)
        _assert_saved(cells, reference=reference, title=title, find=find)
    again = run(drawn.data, filename)
    allowed = {_header_key(name) for name in defaulted}
    assert all(_header_key(p.column or "") in allowed for p in again.problems), [
        str(p) for p in again.problems
    ]
    assert (again.created, again.updated, again.history_changes) == (0, 0, 0), again.summary()
    assert snapshot() == after, differences(after, snapshot())
    return result


def _outcome(drawn: Drawn, result: ImportResult) -> str:
    """How far the import went, for the statistics of a run (--hypothesis-show-statistics)."""
    kind = "damaged file" if drawn.damaged else f"{drawn.fmt} file"
    if result.ok:
        return f"{kind}: saved ({'some' if result.rows else 'no'} rows)"
    if all(problem.row is None for problem in result.problems):
        return f"{kind}: refused as a whole"
    if all(problem.row == 1 for problem in result.problems if problem.row):
        return f"{kind}: refused for its headers"
    return f"{kind}: refused for its rows"


def _assert_saved(cells: dict[Any, Any], *, reference: Any, title: Any, find: Find) -> None:
    """The record of a row that names it in plain text is there, with the row's title
    (compared without regard to white space, which the formats keep differently)."""
    key = cells.get(reference)
    if not _plain(key):
        return
    record = find(key.strip())
    assert record is not None, f"nothing saved for {key!r}"
    text = cells.get(title)
    if _plain(text):
        assert _words(record.title) == _words(text), (record.title, text)


def _header_key(text: str) -> str:
    """Headers are the same without regard to case and spaces (docs/adr/0006)."""
    return "".join(text.split()).casefold()


def _uncalculated(cell: Any) -> bool:
    return isinstance(cell, Formula) and cell.cached is None


def _plain(cell: Any) -> bool:
    """Text that every format gives back as it is written."""
    return (
        isinstance(cell, str)
        and bool(cell.strip())
        and not cell.startswith("'")
        and "\r" not in cell
        and not NOT_XML.search(cell)
    )


def _words(text: str) -> str:
    return " ".join(text.split())
