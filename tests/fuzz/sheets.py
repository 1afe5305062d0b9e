"""Hypothesis strategies for whole workbooks an importer is given: mostly *nearly valid*
ones (the importer's own headers, in any order and spelling, rows of plausible values,
then a few cells replaced by anything, merged cells, blank rows, extra or hidden sheets,
a cell far away), so that the fuzzing reaches validation and saving and not only the
reader; now and then a damaged file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from mvimonitor.exchange.columns import Column
from tests.fuzz.cells import any_cells, damaged, short_texts
from tests.fuzz.ods_package import write_ods
from tests.fuzz.workbooks import Formula, SheetSpec, WorkbookSpec
from tests.fuzz.xlsx_package import write_xlsx

FORMATS = ("xlsx", "ods")
#: Rows, columns: the far corner of a sheet in Excel, and a few places before it.
FAR_ROWS = (1_048_576, 100_000, 5_000)
FAR_COLUMNS = (16_384, 1_000, 201, 30)


@dataclass(frozen=True)
class ColumnModel:
    """A column of an importer, and what a valid cell of it looks like."""

    field: StrEnum
    names: tuple[str, ...]  # the header and its aliases
    values: st.SearchStrategy[Any]
    required: bool
    unique: bool = False  # the reference of a row: drawn different in every row


def sometimes(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value of `strategy` one time in three, else an empty cell."""
    return st.integers(0, 2).flatmap(lambda n: strategy if n == 0 else st.none())


def header_names(columns: Sequence[Column[Any]], *fields: StrEnum) -> tuple[str, ...]:
    """Every spelling of the headers of `fields`."""
    return tuple(n for c in columns if c.field in fields for n in (c.header, *c.aliases))


def column_models(
    columns: Sequence[Column[Any]],
    required: Sequence[StrEnum],
    values: dict[Any, st.SearchStrategy[Any]],
    *,
    reference: StrEnum,
) -> list[ColumnModel]:
    return [
        ColumnModel(
            c.field,
            (c.header, *c.aliases),
            values[c.field],
            c.field in required,
            c.field == reference,
        )
        for c in columns
    ]


@dataclass(repr=False)
class Drawn:
    """A file to import and what the test knows of it."""

    fmt: str
    data: bytes
    intact: bool  # False: what the importer reads is not the generated sheet
    damaged: bool = False  # broken on purpose after it was written
    #: Per data row (sheet row number), the cell of each column the header names first.
    records: dict[int, dict[Any, Any]] = field(default_factory=dict)

    def __repr__(self) -> str:  # what hypothesis prints of a failing example
        records = {
            n: {str(f): _short(v) for f, v in cells.items()} for n, cells in self.records.items()
        }
        return f"Drawn({self.fmt}, intact={self.intact}, {len(self.data)} bytes, {records})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 80:
        return f"{value[:40]!r}...({len(value)} characters)"
    return value


def _header_text(name: str, case: str, gap: int) -> str:
    text = name.upper() if case == "upper" else name.lower() if case == "lower" else name
    if gap and len(text) > 1:
        text = text[:gap] + " " + text[gap:]
    return text


@st.composite
def headers(draw: st.DrawFn, models: list[ColumnModel]) -> list[tuple[ColumnModel | None, Any]]:
    """The header row: the required columns (one missing one time in fifteen), some
    others, in any order and spelling; unknown, empty or odd headers, and one time in
    fifteen a header twice."""
    required = [m for m in models if m.required]
    missing = {draw(st.sampled_from(required))} if draw(st.integers(0, 14)) == 0 else set()
    optional = draw(st.sets(st.sampled_from([m for m in models if not m.required])))
    chosen = [m for m in models if (m.required and m not in missing) or m in optional]
    row: list[tuple[ColumnModel | None, Any]] = []
    for model in draw(st.permutations(chosen)):
        name = draw(st.sampled_from(model.names))
        case = draw(st.sampled_from(["", "upper", "lower"]))
        gap = draw(st.integers(0, len(name) - 1)) if draw(st.booleans()) else 0
        row.append((model, _header_text(name, case, gap)))
    for _ in range(draw(st.integers(0, 2))):
        odd = draw(st.one_of(st.sampled_from(["Opmerking", "", " "]), short_texts, any_cells))
        row.insert(draw(st.integers(0, len(row))), (None, odd))
    if row and draw(st.integers(0, 14)) == 0:
        twice = draw(st.sampled_from([m for m, _h in row if m] or [None]))
        if twice is not None:
            row.append((twice, twice.names[0]))
    return row


@st.composite
def nearly_valid_sheets(
    draw: st.DrawFn, models: list[ColumnModel], *, max_rows: int
) -> tuple[SheetSpec, dict[int, dict[Any, Any]]]:
    """The first sheet, and what it says (its records), if that is known."""
    header = draw(headers(models))
    many = draw(st.integers(0, 9)) == 0  # up to the limit, now and then past it
    count = max_rows + draw(st.integers(-4, 1)) if many else draw(st.integers(0, 6))
    columns = [_column(draw, model, count) for model, _h in header]
    grid: list[list[Any]] = [[text for _m, text in header]]
    for n in range(count):
        if draw(st.integers(0, 15)) == 0:
            grid.append([])  # a blank row between the data
        grid.append([column[n] for column in columns])
    width = max(len(header), 1)
    header_changed = _mutate(draw, grid, width)
    _as_formulas(draw, grid, width)
    top = draw(st.integers(0, 39)) == 0  # a blank row above the header
    if top:
        grid.insert(0, [])
    sheet = SheetSpec.of_rows(draw(st.sampled_from(["Blad1", "Acties", "Sheet 1"])), grid)
    _merge_and_stray(draw, sheet, len(grid), width)
    if header_changed:  # it may name another column: nothing is known of the rows
        return sheet, {}
    return sheet, _records(grid, header, top)


def _mutate(draw: st.DrawFn, grid: list[list[Any]], width: int) -> bool:
    """In one sheet in three, up to four cells replaced by anything, in the header row
    too in one such sheet in five; whether the header row was among them."""
    if draw(st.integers(0, 2)) != 0:
        return False
    first = 0 if len(grid) == 1 or draw(st.integers(0, 4)) == 0 else 1
    cell = st.tuples(st.integers(first, len(grid) - 1), st.integers(0, width), any_cells)
    mutations = draw(st.lists(cell, min_size=1, max_size=4))
    for r, c, value in mutations:
        row = grid[r]
        row.extend([None] * (c + 1 - len(row)))
        row[c] = value
    return any(r == 0 for r, _c, _v in mutations)


def _as_formulas(draw: st.DrawFn, grid: list[list[Any]], width: int) -> None:
    """In one sheet in four, up to two values made a formula's result: calculated (as
    Excel saves it) or not (as a program may write it)."""
    if len(grid) < 2 or draw(st.integers(0, 3)) != 0:
        return
    place = st.tuples(st.integers(1, len(grid) - 1), st.integers(0, width - 1), st.booleans())
    for r, c, calculated in draw(st.lists(place, max_size=2)):
        row = grid[r]
        if c < len(row) and row[c] is not None and not isinstance(row[c], Formula):
            row[c] = Formula(f"A{r}", row[c] if calculated else None)


def _merge_and_stray(draw: st.DrawFn, sheet: SheetSpec, height: int, width: int) -> None:
    """Now and then merged cells over the data, and a cell far away."""
    for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
        r1, c1 = draw(st.integers(1, height + 1)), draw(st.integers(1, width + 1))
        sheet.merged.append((r1, c1, r1 + draw(st.integers(0, 2)), c1 + draw(st.integers(0, 2))))
    if draw(st.integers(0, 29)) == 0:
        far = (draw(st.sampled_from(FAR_ROWS)), draw(st.sampled_from(FAR_COLUMNS)))
        sheet.cells[far] = draw(any_cells)


def _column(draw: st.DrawFn, model: ColumnModel | None, count: int) -> list[Any]:
    """The cells of one column below the header; references differ, but now and then
    one is repeated."""
    if model is None:
        return [None] * count
    cells = [draw(model.values) for _ in range(count)]
    if not model.unique:
        return cells
    seen: set[str] = set()
    for n, cell in enumerate(cells):
        while str(cell).strip().casefold() in seen:
            cells[n] = cell = f"{cell}-{n}"  # a new reference
        seen.add(str(cell).strip().casefold())
    if count > 1 and draw(st.integers(0, 9)) == 0:
        cells[draw(st.integers(1, count - 1))] = cells[0]
    return cells


def _records(
    grid: list[list[Any]], header: list[tuple[Any, Any]], top: bool
) -> dict[int, dict[Any, Any]]:
    """What the first sheet says, row by row, for the columns its header names (the
    first one of a repeated header); blank rows left out."""
    first: dict[Any, int] = {}
    for position, (model, _text) in enumerate(header):
        if model is not None:
            first.setdefault(model.field, position)
    records = {}
    offset = 2 if top else 1
    for number, row in enumerate(grid[1 + top :], start=offset + 1):
        cells = {f: row[p] if p < len(row) else None for f, p in first.items()}
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in row):
            records[number] = cells
    return records


@st.composite
def workbooks(draw: st.DrawFn, models: list[ColumnModel], *, max_rows: int) -> Drawn:
    """Mostly a nearly valid workbook, .xlsx or .ods; one in six damaged on purpose."""
    fmt = draw(st.sampled_from(FORMATS))
    sheet, records = draw(nearly_valid_sheets(models, max_rows=max_rows))
    sheets = [sheet]
    if draw(st.integers(0, 5)) == 0:
        extra = SheetSpec.of_rows("Toelichting", [["Lees mij"], [draw(any_cells)]])
        extra.hidden = draw(st.booleans())
        sheets.insert(draw(st.integers(0, 1)), extra)
    book = WorkbookSpec(
        sheets=sheets,
        shared_strings=draw(st.booleans()),
        positions=draw(st.integers(0, 5)) != 0,
        stale_dimension=draw(st.integers(0, 5)) == 0,
        trailing_repeats=draw(st.integers(0, 5)) == 0,
    )
    data = write_xlsx(book) if fmt == "xlsx" else write_ods(book)
    if draw(st.integers(0, 5)) == 0:
        return Drawn(fmt, draw(damaged(data)), intact=False, damaged=True)
    if sheets[0] is not sheet:
        return Drawn(fmt, data, intact=False)
    return Drawn(fmt, data, intact=True, records=records)
