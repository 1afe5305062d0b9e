"""For the tests of a busy database (issue 12, item 2): another connection holding the
write lock, as a large import does, what an editor types, and the "busy" page read as a
browser reads it."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import connection, connections
from django.urls import reverse

from mvimonitor.plans.models import Action
from tests.hostile import MARKUP

#: Marks of a test of SQLite's one write lock: it skips itself on PostgreSQL, which locks
#: rows, not the database (.ci/run runs the suite on both).
SQLITE_ONLY = [
    pytest.mark.sqlite,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="SQLite only: holds SQLite's one write lock for the whole database; "
        "PostgreSQL locks rows (tests/web/test_database_busy_postgresql.py)",
    ),
]


@contextmanager
def write_lock_held() -> Iterator[None]:
    """Another connection holds SQLite's write lock (BEGIN IMMEDIATE) until the block
    ends, as an import saving its rows does. Readers go on (WAL); writers wait."""
    holder = connections.create_connection("default")
    try:
        with holder.cursor() as cursor:
            cursor.execute("BEGIN IMMEDIATE")
        yield
    finally:
        with holder.cursor() as cursor:
            cursor.execute("ROLLBACK")
        holder.close()


@contextmanager
def row_locked(table: str, pk: int) -> Iterator[None]:
    """PostgreSQL: another connection holds a row lock (SELECT ... FOR UPDATE) on one
    row until the block ends."""
    holder = connections.create_connection("default")
    try:
        with holder.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [pk])  # noqa: S608
        yield
    finally:
        with holder.cursor() as cursor:
            cursor.execute("ROLLBACK")
        holder.close()


def edit_url(action: Action) -> str:
    return reverse(
        "plans:action_edit",
        kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", "pk": action.pk},
    )


def status_url(action: Action) -> str:
    return reverse(
        "plans:action_status",
        kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi", "pk": action.pk},
    )


def typed_edit(action: Action) -> dict[str, str]:
    """What an editor types in the action's edit form: a new title, a description of
    two lines with markup in it, and a status change with a note."""
    return {
        "version": str(action.version),
        "code": action.code,
        "title": "Opleiding circulair inkopen voor alle inkopers",
        "description": "Eerste regel\nTweede regel met " + MARKUP[1],
        "period": str(action.period_id),
        "owner": "",
        "owner_name": "J. de Vries",
        "department": "Inkoop",
        "start_date": "",
        "due_date": "",
        "result": "",
        "added_kind": "initial",
        "added_on": "",
        "to_status": "running",
        "effective_on": "2017-09-20",
        "note": "Gestart na overleg " + MARKUP[0],
    }


@dataclass
class ResendForm:
    """The form of the busy page that sends what the user typed again."""

    action: str = ""
    enctype: str = ""
    hidden: dict[str, list[str]] = field(default_factory=dict)
    #: name -> type of the inputs the user fills in again (passwords, files).
    to_fill: dict[str, str] = field(default_factory=dict)
    button: str = ""


class _BusyPageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: ResendForm | None = None
        self._in_form = self._in_button = False
        self.csrf_tokens: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and values.get("id") == "busy-resend":
            self._in_form = True
            self.form = ResendForm(
                action=values.get("action", ""), enctype=values.get("enctype", "")
            )
        elif tag == "input" and self._in_form and self.form is not None:
            kind, name = values.get("type", "text"), values.get("name", "")
            if kind == "hidden":
                self.form.hidden.setdefault(name, []).append(values.get("value", ""))
            else:
                self.form.to_fill[name] = kind
        elif tag == "button" and self._in_form:
            self._in_button = True
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.csrf_tokens.append(values.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "button":
            self._in_button = False

    def handle_data(self, data: str) -> None:
        if self._in_button and self.form is not None:
            self.form.button += data.strip()


def resend_form(html: str) -> ResendForm | None:
    """The resend form of a busy page (None when the page has none)."""
    parser = _BusyPageParser()
    parser.feed(html)
    return parser.form


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    parser = _BusyPageParser()
    parser.feed(html)
    return parser.csrf_tokens[0]
