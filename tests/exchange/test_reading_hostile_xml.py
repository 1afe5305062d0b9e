"""Spreadsheets whose XML declares entities (issue 12, item 10): an external entity
(XXE) that would read a file of the server, and "billion laughs" that would expand a few
bytes into gigabytes. Both are refused as damaged files, unread, by the reader and by
the formula scan; nothing of the server's files reaches the import."""

import io
import zipfile
from pathlib import Path

import pytest

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import read_sheet
from tests.exchange.conftest import xlsx
from tests.exchange.test_xlsx_scan import with_sheet

FILES = Path(__file__).parent / "files"

XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b"]>\n"
)


def with_doctype(xml: bytes, doctype: bytes, entity: bytes) -> bytes:
    """`xml` with `doctype` before its root and `entity` used in its first text."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    changed = doctype + body.replace(b"<t>Titel</t>", b"<t>" + entity + b"</t>", 1)
    assert entity in changed
    return changed


def xlsx_with(doctype: bytes, entity: bytes) -> bytes:
    # openpyxl writes texts inline, so the entity is in the sheet itself; the formula
    # makes the formula scan read the sheet too.
    data = xlsx([["Code", "Titel", "=1+1"]])
    return with_sheet(data, lambda xml: with_doctype(xml, doctype, entity))


def ods_with(doctype: bytes, entity: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO((FILES / "plan.ods").read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "content.xml":
                body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
                content = doctype + body.replace(b"<text:p>", b"<text:p>" + entity, 1)
                assert entity in content
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(xlsx_with(XXE, b"&secret;"), id="xlsx-external-entity"),
        pytest.param(xlsx_with(LAUGHS, b"&lol9;"), id="xlsx-billion-laughs"),
        pytest.param(ods_with(XXE, b"&secret;"), id="ods-external-entity"),
        pytest.param(ods_with(LAUGHS, b"&lol9;"), id="ods-billion-laughs"),
    ],
)
def test_a_spreadsheet_declaring_entities_is_refused_unread(data):
    with pytest.raises(SpreadsheetError) as refused:
        read_sheet(data)
    assert "root:" not in str(refused.value)
