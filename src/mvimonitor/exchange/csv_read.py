"""Reading a CSV file into rows of text, as Excel or LibreOffice would show it.

A CSV file says nothing of its encoding or delimiter, so both are recognised from the
content: UTF-8 (with or without byte order mark), UTF-16 with a byte order mark (Excel's
"Unicode text"), else Windows-1252 (what Excel in Dutch writes as "CSV"); the delimiter
is `;` (Excel in Dutch), `,` or a tab. Every cell is text, an empty cell None; nothing
is evaluated, so "=1+1" is read as those three characters. See docs/adr/0006-plan-import.md.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import PurePath

from django.utils.translation import gettext as _

from mvimonitor.exchange.problems import SpreadsheetError

DELIMITERS = ";,\t"
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
#: The beginning of the file the delimiter is recognised from.
SAMPLE_CHARS = 64 * 1024
SAMPLE_RECORDS = 50
#: csv.Sniffer's patterns can take quadratic time, so it only sees the first lines.
SNIFF_CHARS = 8 * 1024
#: Control characters no text file holds (tab, line feed and carriage return aside).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_name(filename: str) -> str:
    """The one sheet of a CSV file: named after the file, as Excel names it."""
    return PurePath(filename.replace("\\", "/")).stem.strip() or "CSV"


def looks_like_csv(data: bytes, *, filename: str) -> bool:
    """Whether the file is text to read as CSV: its name says so, or its first line
    holds a delimiter and nothing in its beginning is binary. A file named .csv whose
    characters cannot be read is refused with its own message."""
    named = filename.lower().endswith(CSV_SUFFIXES)
    try:
        text = decode(data)
    except SpreadsheetError:
        if named:
            raise
        return False
    if "\x00" in text:
        return False
    if named:
        return True
    first_line = text[:SAMPLE_CHARS].split("\n", 1)[0]
    return any(d in first_line for d in DELIMITERS) and not _BINARY.search(text[:SAMPLE_CHARS])


def decode(data: bytes) -> str:
    """The text of the file. Strict UTF-8 first: Windows-1252 decodes almost any bytes,
    so it can only be the last guess."""
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "The characters of this CSV file cannot be read. Save it as “CSV UTF-8” "
                "in Excel or LibreOffice and try again."
            )
        ) from error


def csv_rows(data: bytes, *, columns: int) -> Iterator[tuple[str | None, ...]]:
    """The records of the file, one per row as a spreadsheet program shows them (a
    quoted line break stays in its cell); a record of more than `columns` cells, or a
    cell longer than the csv module takes, is refused."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if len(record) > columns:
                raise _too_many_columns(number, columns)
            yield tuple(cell if cell else None for cell in record)
    except csv.Error as error:
        raise SpreadsheetError(
            _(
                "Row %(row)s of the CSV file cannot be read: a cell is far too long. Check "
                'that every quote (") that opens a cell also closes it.'
            )
            % {"row": number + 1}
        ) from error


def _too_many_columns(number: int, columns: int) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "Row %(row)s of the CSV file has more than %(limit)s columns. Check that the "
            'file is separated by semicolons or commas, and that every quote (") closes.'
        )
        % {"row": number, "limit": columns}
    )


def delimiter(text: str) -> str:
    """The delimiter csv.Sniffer finds, when it reads the header into two or more
    cells and every sampled row into as many; else the one that does that best."""
    fits = {d: _fit(text, d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=DELIMITERS).delimiter
    except csv.Error:  # "Could not determine delimiter": one column, or no pattern
        sniffed = ""
    if sniffed in fits and fits[sniffed][:2] == (True, 1.0):
        return sniffed
    # max() keeps the first of equals: a semicolon, as Excel in Dutch writes.
    return max(DELIMITERS, key=lambda d: fits[d])


def _fit(text: str, delimiter: str) -> tuple[bool, float, int]:
    """How well `delimiter` reads the first records: whether it splits the header into
    more than one cell, the share of non-blank records as wide as the header, and the
    header's width."""
    records = _sample(text, delimiter)
    if not records:
        return False, 0.0, 0
    width = len(records[0])
    filled = [r for r in records if any(r)] or records
    share = sum(len(r) == width for r in filled) / len(filled)
    return width > 1, share, width


def _sample(text: str, delimiter: str) -> list[list[str]]:
    sample = text[:SAMPLE_CHARS]
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        records.extend(islice(reader, SAMPLE_RECORDS + 1))
    except csv.Error:  # a cell too long for the csv module: judge what came before
        return records
    if len(records) > SAMPLE_RECORDS:
        return records[:SAMPLE_RECORDS]
    if len(sample) < len(text) and len(records) > 1:
        return records[:-1]  # cut off where the sample ends
    return records
