"""Reading a Word document back as its readers do: python-docx for its structure (heading
styles, tables, pictures and their text alternatives, headers and footers) and
LibreOffice headless for its text, as a user's office suite opens it."""

import io
import shutil
import subprocess
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def opened(content: bytes) -> Document:
    return docx.Document(io.BytesIO(content))


def blocks(document: Document) -> list[Paragraph | Table]:
    """The body's paragraphs and tables in document order."""
    return list(document.iter_inner_content())


def headings(document: Document) -> list[tuple[str, str]]:
    """(style name, text) of every title and heading, in order."""
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")
    ]


def level_one(document: Document) -> list[str]:
    return [text for style, text in headings(document) if style == "Heading 1"]


def has_picture(block: Paragraph | Table) -> bool:
    return isinstance(block, Paragraph) and bool(block._p.findall(f".//{WP}docPr"))


def table_rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def repeats_its_header_row(table: Table) -> bool:
    first = table.rows[0]._tr
    return first.find(f"{W}trPr/{W}tblHeader") is not None


def texts(document: Document) -> list[str]:
    """Every paragraph's text, in tables too (each cell's), in document order."""
    found = []
    for block in blocks(document):
        if isinstance(block, Table):
            found += [cell for row in table_rows(block) for cell in row]
        else:
            found.append(block.text)
    return found


def header_texts(document: Document) -> list[str]:
    return [p.text for section in document.sections for p in section.header.paragraphs]


@dataclass(frozen=True)
class Picture:
    title: str
    description: str


def pictures(document: Document) -> list[Picture]:
    """The inline pictures of the body, in order, with their name and text alternative."""
    body = document.element.body
    return [
        Picture(properties.get("title", ""), properties.get("descr", ""))
        for properties in body.iter(f"{WP}docPr")
    ]


def xml_parts(content: bytes) -> dict[str, str]:
    """The document's XML parts and their relationships by name (body, headers, footers)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith((".xml", ".rels"))
        }


def libreoffice_text(content: bytes, tmp_path: Path) -> str:
    """The document's text as LibreOffice Writer saves it as plain text (headless, with a
    throwaway profile)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice (soffice) is needed: `make test` installs libreoffice-writer-nogui"
        )
    source = tmp_path / "report.docx"
    source.write_bytes(content)
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / "report.txt").read_text(encoding="utf-8-sig")
