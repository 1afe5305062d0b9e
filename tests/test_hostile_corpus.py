"""The hostile corpus (tests/hostile.py) typed into every text field through the real
forms and views (tests/corpus_typing.py), and imported through the real upload pages,
comes out as the same, inert text in every file the app writes: the report's PDF (the
text pdftotext extracts; no link of its own), Excel file (text cells, never a formula),
Word document (plain text runs, never a field or a link) and JSON (the same strings);
the plan's export and the tender register's .xlsx and .ods (text cells; read back, the
text as typed); and the iCalendar feed. Pages are
checked in Chromium (tests/e2e/test_hostile_pages.py), e-mail in
tests/test_email_injection.py. The app writes no CSV.

The corpus entries with control characters are left out here: the forms and imports
refuse them (issue 12, item 8); what stored text holding them gives in each output is
tested in tests/*/test_control_characters.py.

One plan per entry, with every record of a plan, typed once for the module (about
20 forms per entry) in a transaction rolled back at the end.
"""

import io
import json
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from defusedxml import ElementTree
from django.db import transaction
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from openpyxl import Workbook, load_workbook

from mvimonitor.calendar_feed.services import feed_token_get_or_create
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    SectionCommentary,
)
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.models import Action, ActionPlan
from mvimonitor.procurement.models import Contract, Tender
from mvimonitor.review.models import Comment
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.targets.models import Target
from mvimonitor.utils.spreadsheet import restore
from tests.corpus_typing import MONITOR_DAY, TEXTAREA_MAX, Typed, type_everywhere
from tests.exchange.conftest import web_import
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.hostile import PRINTABLE
from tests.monitoring.docx_reading import header_texts, opened, texts, xml_parts

#: The day the texts are typed: the monitor of 20 September 2017 is being prepared.
TODAY = datetime(2017, 9, 12, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
IDS = [f"{n}-{text[:12]!r}" for n, text in enumerate(PRINTABLE)]


def entries() -> list:
    """Every printable entry by its index."""
    return [pytest.param(n, id=IDS[n]) for n in range(len(PRINTABLE))]


@dataclass
class Corpus:
    organisation: Organisation
    coordinator: object
    typed: list[Typed]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker) -> Iterator[Corpus]:
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        time_machine.travel(TODAY, tick=False),
    ):
        organisation = OrganisationFactory(name="Gemeente Helmond", slug="helmond")
        coordinator = UserFactory(email="coordinator@helmond.example.nl")
        MembershipFactory(user=coordinator, organisation=organisation, role=Role.COORDINATOR)
        client = Client()
        client.force_login(coordinator)
        typed = [
            type_everywhere(
                client, organisation=organisation, coordinator=coordinator, number=n, text=text
            )
            for n, text in enumerate(PRINTABLE)
        ]
        yield Corpus(organisation, coordinator, typed)
        transaction.set_rollback(True)


@pytest.fixture
def coordinator_client(corpus, db, client):
    client.force_login(corpus.coordinator)
    return client


def as_stored(text: str, limit: int | None = None) -> str:
    """What a form stores of `text` typed into a field of at most `limit` characters:
    cut as the browser cuts it (or as a textarea is typed into, `TEXTAREA_MAX`), and
    trimmed, as Django's text fields trim."""
    return text[: min(limit or TEXTAREA_MAX, TEXTAREA_MAX)].strip()


def as_shown(text: str) -> str:
    """`text` as pdftotext reads it from the page: in the order it is shown (a
    right-to-left override shows its run reversed), without the characters that are
    not drawn (the override's marks, joiners, variation selectors)."""
    text = re.sub("\u202e([^\u202c]*)\u202c", lambda m: m.group(1)[::-1], text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and c != "\ufe0f")


def compact(text: str) -> str:
    """Text without white space: a long word wraps where the column ends."""
    return "".join(text.split())


def plan_records(plan: ActionPlan) -> dict[str, tuple[object, str]]:
    """The plan's records that hold typed text, by name, with the field that holds it."""
    action = Action.objects.get(plan=plan)
    point = AttentionPoint.objects.get(plan=plan)
    moment = CommunicationMoment.objects.get(plan=plan)
    target = Target.objects.get(plan=plan)
    comments = Comment.objects.filter(plan=plan).order_by("pk")
    return {
        "plan": (plan, "name"),
        "plan description": (plan, "description"),
        "period": (plan.periods.get(), "name"),
        "action code": (action, "code"),
        "action title": (action, "title"),
        "action description": (action, "description"),
        "action department": (action, "department"),
        "action result": (action, "result"),
        "owner": (action.owner, "full_name"),
        "status note": (action.status_changes.order_by("pk").last(), "note"),
        "monitor summary": (Monitor.objects.get(plan=plan), "summary"),
        "commentary": (SectionCommentary.objects.get(monitor__plan=plan), "text"),
        "attention point": (point, "text"),
        "communication": (moment, "text"),
        "channel": (moment, "channel"),
        "target title": (target, "title"),
        "target note": (target, "note"),
        "round message": (UpdateRound.objects.get(monitor__plan=plan), "message"),
        "round note": (RoundItem.objects.get(action=action), "note"),
        **{f"comment {n}": (comment, "body") for n, comment in enumerate(comments)},
    }


def plan_texts(plan: ActionPlan) -> dict[str, str]:
    """The texts typed into the plan's records, as stored."""
    return {name: getattr(record, field) for name, (record, field) in plan_records(plan).items()}


@pytest.mark.parametrize("index", range(len(PRINTABLE)), ids=IDS)
def test_every_text_is_stored_as_typed(corpus, db, index):
    typed = corpus.typed[index]

    records = plan_records(typed.plan)

    assert len(records) == 21
    for name, (record, field) in records.items():
        limit = record._meta.get_field(field).max_length
        assert getattr(record, field) == as_stored(typed.text, limit), name


# The monitor's report


@pytest.fixture(scope="module")
def reports(corpus, django_db_blocker, tmp_path_factory) -> dict[int, dict[str, bytes | str]]:
    """Each plan's monitor report as PDF (with its extracted text), Excel, Word and JSON,
    downloaded as a coordinator does."""
    client = Client()
    client.force_login(corpus.coordinator)
    directory = tmp_path_factory.mktemp("reports")
    files: dict[int, dict[str, bytes | str]] = {}
    with django_db_blocker.unblock(), time_machine.travel(TODAY, tick=False):
        for index, typed in enumerate(corpus.typed):
            files[index] = {
                fmt: download(client, typed.plan, fmt) for fmt in ("pdf", "xlsx", "docx", "json")
            }
            pdf = directory / f"{index}.pdf"
            pdf.write_bytes(files[index]["pdf"])
            files[index]["text"] = pdf_text(pdf)
            files[index]["body"] = pdf_text(pdf, *PAGE_BODY)
    return files


#: The part of an A4 page inside its margins (report-print.css: 22 mm top, 20 mm bottom),
#: in points: a long word that runs over a page break is read without the running header
#: and page number between its halves.
PAGE_BODY = ("-y", "63", "-W", "596", "-H", "722")


def pdf_text(pdf: Path, *crop: str) -> str:
    return subprocess.run(
        ["pdftotext", *crop, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def download(client: Client, plan: ActionPlan, fmt: str) -> bytes:
    url = reverse(
        "monitoring:download",
        kwargs={
            "org_slug": plan.organisation.slug,
            "plan_slug": plan.slug,
            "day": MONITOR_DAY,
            "fmt": fmt,
        },
    )
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content


REPORTED = (
    "plan",
    "action title",
    "action result",
    "monitor summary",
    "commentary",
    "attention point",
    "communication",
    "channel",
    "round message",
    "target title",
)


@pytest.mark.parametrize("index", entries())
def test_the_report_pdf_holds_the_text_and_no_link_of_its_own(corpus, reports, db, index):
    texts = plan_texts(corpus.typed[index].plan)
    extracted = compact(reports[index]["body"])
    reader = pypdf.PdfReader(io.BytesIO(reports[index]["pdf"]))
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    ]

    for field in REPORTED:
        assert compact(as_shown(texts[field])) in extracted, field
    assert [uri for uri in links if uri and ("evil" in uri or "javascript" in uri)] == []


def workbook_texts(xlsx: bytes) -> list[str]:
    """Every text cell of every sheet, read back as the import reads it; no cell may be
    a formula."""
    book = load_workbook(io.BytesIO(xlsx))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    return [restore(c.value) for c in cells if isinstance(c.value, str)]


@pytest.mark.parametrize("index", entries())
def test_the_report_workbook_holds_the_text_as_text_cells(corpus, reports, db, index):
    texts = plan_texts(corpus.typed[index].plan)
    cells = workbook_texts(reports[index]["xlsx"])

    for field in ("plan", "action title", "action result", "monitor summary", "attention point"):
        assert texts[field] in cells, field
    assert texts["commentary"] in cells


def word_texts(content: bytes) -> list[str]:
    """Every paragraph and table cell of the Word document, its page header and title;
    the document holds no field (which Word would run) and no link but as text."""
    parts = xml_parts(content)
    text_parts = [
        name for name in parts if re.match(r"word/(document|header\d*|footer\d*)\.xml", name)
    ]
    assert [n for n in text_parts if "<w:instrText" in parts[n] or "<w:hyperlink" in parts[n]] == []
    assert "<w:fldSimple" not in parts["word/document.xml"]  # the footer's page numbers only
    assert "External" not in parts["word/_rels/document.xml.rels"]  # no link to the outside
    document = opened(content)
    return [document.core_properties.title, *header_texts(document), *texts(document)]


@pytest.mark.parametrize("index", entries())
def test_the_report_word_document_holds_the_text_as_text(corpus, reports, db, index):
    typed = plan_texts(corpus.typed[index].plan)
    shown = "\n".join(word_texts(reports[index]["docx"]))

    for field in REPORTED:
        assert typed[field] in shown, field


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("index", range(len(PRINTABLE)), ids=IDS)
def test_the_report_json_gives_back_the_same_strings(corpus, reports, db, index):
    texts = plan_texts(corpus.typed[index].plan)
    found = set(strings(json.loads(reports[index]["json"])))

    for field in ("plan", "action title", "action result", "monitor summary", "attention point"):
        assert texts[field] in found, field
    assert texts["commentary"] in found


# Exports of the plan and the register


@pytest.mark.parametrize("index", entries())
def test_the_plan_export_holds_the_text_as_text_cells(corpus, coordinator_client, index):
    plan = corpus.typed[index].plan
    url = reverse("exchange:export", kwargs={"org_slug": "helmond", "plan_slug": plan.slug})
    texts = plan_texts(plan)

    cells = workbook_texts(coordinator_client.get(url).content)

    for field in ("action title", "action description", "action department", "action result"):
        assert texts[field] in cells, field


def ods_texts(ods: bytes) -> list[str]:
    """Every text cell of the first sheet, read back as the import reads it; every cell
    holding text is a string cell, and none is a formula."""
    with zipfile.ZipFile(io.BytesIO(ods)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    texts = []
    for cell in root.iter(f"{ODS_TABLE}table-cell"):
        assert cell.get(f"{ODS_TABLE}formula") is None
        paragraphs = cell.findall(f"{ODS_TEXT}p")
        if paragraphs and cell.get(f"{ODS_OFFICE}value-type") == "string":
            texts.append(restore("\n".join("".join(p.itertext()) for p in paragraphs)))
        elif paragraphs:
            assert cell.get(f"{ODS_OFFICE}value-type") in ("float", "date"), cell.attrib
    return texts


@pytest.fixture(scope="module")
def register_files(corpus, django_db_blocker) -> dict[tuple[str, str], list[str]]:
    """The text cells of the tender and contract exports, .xlsx and .ods."""
    client = Client()
    client.force_login(corpus.coordinator)
    files = {}
    with django_db_blocker.unblock():
        for kind in ("tender", "contract"):
            for fmt in ("xlsx", "ods"):
                url = reverse(
                    f"procurement:{kind}_export", kwargs={"org_slug": "helmond", "fmt": fmt}
                )
                content = client.get(url).content
                files[kind, fmt] = workbook_texts(content) if fmt == "xlsx" else ods_texts(content)
    return files


REGISTER_FIELDS = {
    "tender": ("reference", "title", "description", "buyer_name", "department"),
    "contract": ("reference", "title", "lot"),
}


@pytest.mark.parametrize(
    ("index", "kind", "fmt"),
    [
        pytest.param(
            n,
            kind,
            fmt,
            id=f"{IDS[n]}-{kind}-{fmt}",
        )
        for n in range(len(PRINTABLE))
        for kind in ("tender", "contract")
        for fmt in ("xlsx", "ods")
    ],
)
def test_the_register_exports_hold_the_text_as_text_cells(
    corpus, register_files, db, index, kind, fmt
):
    model = Tender if kind == "tender" else Contract
    record = model.objects.get(reference=f"{PRINTABLE[index].strip()[:50]} {index}")
    cells = register_files[kind, fmt]

    for field in REGISTER_FIELDS[kind]:
        assert getattr(record, field) in cells, field


# The calendar feed


def test_the_calendar_feed_holds_every_text(corpus, db, client):
    token = feed_token_get_or_create(user=corpus.coordinator).token
    body = client.get(reverse("calendar_feed:feed", kwargs={"token": token})).content
    descriptions = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(body).walk("VEVENT")]

    for typed in corpus.typed:
        texts = plan_texts(typed.plan)
        for field in ("attention point", "communication"):
            assert any(texts[field] in d for d in descriptions), (typed.text[:20], field)


# Imports


def workbook(headers: list[str], rows: list[list[str]]) -> bytes:
    """An .xlsx as a user's own file holds text: every text a string cell, also when
    it starts with "=" (openpyxl would otherwise write it as a formula)."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_every_entry_imported_into_a_plan_is_stored_and_exported_as_it_was(
    corpus, coordinator_client
):
    plan = corpus.typed[0].plan
    kwargs = {"org_slug": "helmond", "plan_slug": plan.slug}
    period = plan.periods.get().name
    texts = [text[:LONG_TEXT_MAX_LENGTH] for text in PRINTABLE]  # no long text holds more
    rows = [
        [f"I{n}", text[:300], text, period, "niet gestart", text[:150], text]
        for n, text in enumerate(texts)
    ]
    headers = ["Code", "Titel", "Omschrijving", "Periode", "Status", "Afdeling", "Resultaat"]
    response = web_import(coordinator_client, workbook(headers, rows), plan_slug=plan.slug)
    assert response.status_code == 302
    imported = Action.objects.filter(plan=plan, code__startswith="I").order_by("pk")

    # Names are trimmed; long texts are kept as the file has them, line breaks as line
    # feeds (so "\t=1+1" keeps its tab: a text cell in every export, never a formula).
    assert [(a.title, a.description, a.department, a.result) for a in imported] == [
        (text[:300].strip(), lines(text), text[:150].strip(), lines(text)) for text in texts
    ]
    exported = coordinator_client.get(reverse("exchange:export", kwargs=kwargs)).content
    cells = workbook_texts(exported)
    for action in imported:
        assert {action.title, action.description, action.result} <= set(cells)
