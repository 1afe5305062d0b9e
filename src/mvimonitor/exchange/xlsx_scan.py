"""Finding the formulas without a calculated value in a sheet of an .xlsx file.

A workbook written by a program (and not saved by Excel or LibreOffice since) can hold
formulas whose result was never calculated: the cell has its formula (`<f>`) and no
value (`<v>`), and a reader that takes the stored values sees an empty cell. The import
must refuse such a cell rather than read it as empty, so this streaming pass lists them
(a file whose sheet holds no formula at all is not parsed)."""

import io
import posixpath
import re
import zipfile
from typing import IO

from defusedxml.ElementTree import iterparse, parse
from openpyxl.utils.cell import coordinate_to_tuple

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def _targets(archive: zipfile.ZipFile, rels_path: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (type, target)."""
    with archive.open(rels_path) as rels:
        root = parse(rels).getroot()
    return {
        rel.get("Id", ""): (rel.get("Type", ""), rel.get("Target", ""))
        for rel in root.iter(f"{RELATIONSHIPS}Relationship")
    }


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def sheet_path(archive: zipfile.ZipFile, name: str | None = None) -> str:
    """The archive path of the worksheet called `name` (None: the first worksheet, as
    a reader lists them: chart sheets are no worksheets)."""
    workbook = next(
        _resolve("", target)
        for kind, target in _targets(archive, "_rels/.rels").values()
        if kind == OFFICE_DOCUMENT
    )
    folder, part_name = posixpath.split(workbook)
    with archive.open(workbook) as part:
        sheets = list(parse(part).getroot().iter(f"{MAIN}sheet"))
    targets = _targets(archive, posixpath.join(folder, "_rels", f"{part_name}.rels"))
    return next(
        _resolve(workbook, target)
        for sheet in sheets
        for kind, target in [targets.get(sheet.get(R_ID, ""), ("", ""))]
        if kind.endswith("/worksheet") and name in (None, sheet.get("name"))
    )


def first_sheet_path(archive: zipfile.ZipFile) -> str:
    return sheet_path(archive)


def _cells_without_value(sheet: IO[bytes]) -> set[tuple[int, int]]:
    """Rows and cells may leave out their position ("r"): then it is the one after the
    previous, as readers count it."""
    found: set[tuple[int, int]] = set()
    row = column = 0
    for event, element in iterparse(sheet, events=("start", "end")):
        if event == "start":
            if element.tag == f"{MAIN}row":
                row = int(element.get("r") or row + 1)
                column = 0
            continue
        if element.tag == f"{MAIN}c":
            reference = element.get("r")
            row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
            value = element.find(f"{MAIN}v")
            if element.find(f"{MAIN}f") is not None and (value is None or value.text is None):
                found.add((row, column))
            element.clear()
        elif element.tag == f"{MAIN}row":
            element.clear()
    return found


#: A formula element, with or without a namespace prefix.
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formulas_without_value(data: bytes, *, sheet: str | None = None) -> set[tuple[int, int]]:
    """(row, column) of every cell of the worksheet called `sheet` (None: the first),
    counted from 1, that holds a formula without a calculated value."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        path = sheet_path(archive, sheet)
        with archive.open(path) as part:
            if not _FORMULA.search(part.read()):
                return set()
        with archive.open(path) as part:
            return _cells_without_value(part)
