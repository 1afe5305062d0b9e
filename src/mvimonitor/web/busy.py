"""A request that cannot get the database in time (issue 12, item 2; ADR 0020).

SQLite has one write lock for the whole database: while a large import saves, every
other writer waits. A web request waits at most SQLITE_REQUEST_WAIT_SECONDS; background
work (the import itself, the commands) waits the connection's longer timeout, because
nobody is looking at a spinner there. A request that runs out of time never ends in a
500: it gets the busy page (503 with Retry-After), which says so in plain words, shows
what the user typed and sends it again with one button. Nothing is half saved: every
save is one transaction, which the lock error rolls back.

PostgreSQL locks rows, and waits for them without limit unless a lock_timeout is set;
running out of one is the same case and gets the same page.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from mvimonitor.web import errors

logger = logging.getLogger(__name__)

#: Seconds after which sending again is likely to work (the Retry-After header).
RETRY_AFTER_SECONDS = 10
#: SQLite's primary result codes for a busy or locked database; extended codes
#: (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE, ...) carry them in their low byte.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
#: PostgreSQL's lock_not_available: a lock_timeout ran out.
_PG_LOCK_NOT_AVAILABLE = "55P03"
#: Fields whose values are never written into a page, not even as hidden inputs.
_SECRET_MARKS = ("password", "secret")
_CSRF_FIELD = "csrfmiddlewaretoken"
#: How far back the chain of errors is followed (an error raised while handling another).
_CHAIN_DEPTH = 5
#: Where htmx puts the message: an empty block at the top of every page (base.html).
NOTICE_TARGET = "#busy-notice"


def is_lock_error(error: BaseException) -> bool:
    """Whether `error`, or an error it was raised from or while handling (Django's
    database error wraps the driver's; the session middleware turns a failed save into
    SessionInterrupted), says that the database, or a row of it, stayed locked for
    longer than the request could wait."""
    candidate: BaseException | None = error
    for _ in range(_CHAIN_DEPTH):
        if candidate is None:
            return False
        if _says_locked(candidate):
            return True
        candidate = candidate.__cause__ or candidate.__context__
    return False


def _says_locked(candidate: BaseException) -> bool:
    code = getattr(candidate, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    sqlstate = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
    return bool(sqlstate == _PG_LOCK_NOT_AVAILABLE)


@contextmanager
def sqlite_request_wait() -> Iterator[None]:
    """On SQLite, the queries run inside the block wait at most
    SQLITE_REQUEST_WAIT_SECONDS for the write lock; afterwards the connection's own
    timeout is back, for whatever else the connection serves. Set on the driver's
    connection when the first query runs, so no connection is opened for nothing and no
    query is added to what the tests count."""
    if connection.vendor != "sqlite":
        yield
        return
    shortened: Any = None  # the driver connection whose wait is shortened

    def shorten(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        nonlocal shortened
        driver = context["connection"].connection
        if driver is not shortened:
            driver.execute(f"PRAGMA busy_timeout = {_ms(settings.SQLITE_REQUEST_WAIT_SECONDS)}")
            shortened = driver
        return execute(sql, params, many, context)

    with connection.execute_wrapper(shorten):
        try:
            yield
        finally:
            if shortened is not None and connection.connection is shortened:
                timeout = connection.settings_dict["OPTIONS"].get("timeout", 5)
                shortened.execute(f"PRAGMA busy_timeout = {_ms(timeout)}")


def _ms(seconds: float) -> int:
    return int(seconds * 1000)


class DatabaseBusyMiddleware:
    """Bounds a request's wait for the database, and answers a lock error raised by the
    view with the busy page. Placed before the session middleware, so that the session's
    own save waits no longer than the view; that save has its own answer
    (BusyAwareSessionMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with sqlite_request_wait():
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_lock_error(exception):
            return None
        return busy_response(request, exception, saved_nothing=True)


class BusyAwareSessionMiddleware(SessionMiddleware):
    """Django's session middleware, but a session that cannot be saved after the view
    because the database is locked (its end moved on, a login) gets the busy page
    instead of Django's 400 "session interrupted". Whether the view saved something is
    not known there, so that page offers no button that could save it twice."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except SessionInterrupted as error:
            if not is_lock_error(error):
                raise
            return busy_response(request, error, saved_nothing=False)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler (conf.urls), the last net: a lock error that neither a view nor
    the session's save raised (a middleware reading the user while even reading is
    locked) gets the busy page too, without a button to send again. Anything else gets
    Django's own 500 page."""
    error = sys.exc_info()[1]
    if error is not None and is_lock_error(error):
        return busy_response(request, error, saved_nothing=False)
    return errors.server_error(request)


def busy_response(
    request: HttpRequest, error: BaseException, *, saved_nothing: bool
) -> HttpResponse:
    """The busy page (503). For a form sent (POST): what was typed, and when nothing of
    it was saved, a form that sends it again. htmx gets it in the page's notice block."""
    logger.warning("Database busy, answered 503: %s %s (%s)", request.method, request.path, error)
    session = getattr(request, "session", None)
    if session is not None:
        # Saving the session now would wait for the same lock a second time.
        session.modified = False
    htmx = request.headers.get("HX-Request") == "true"
    context = _context(request, saved_nothing=saved_nothing, heading_level=2 if htmx else 1)
    response = _render(request, "busy/_notice.html" if htmx else "busy/page.html", context)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if htmx and request.method == "POST":
        response["HX-Retarget"] = NOTICE_TARGET
        response["HX-Reswap"] = "innerHTML show:top"
    elif htmx:
        # A page part that htmx fetches (a progress poll): nothing to show, the next
        # poll tries again.
        response["HX-Reswap"] = "none"
    return response


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    try:
        return render(request, template, context, status=503)
    except Exception as error:
        # The page around the message reads the database (the menu); if even reading
        # is locked, the message alone, which reads nothing.
        if not is_lock_error(error):
            raise
        return render(request, "busy/bare.html", context, status=503)


def _context(request: HttpRequest, *, saved_nothing: bool, heading_level: int) -> dict[str, Any]:
    here = _same_site(request.get_full_path(), request) or "/"
    context: dict[str, Any] = {
        "heading_level": heading_level,
        "sub_level": heading_level + 1,
        "kind": "page",
        "here": here,
    }
    if request.method != "POST":
        return context
    fields, secrets, files = _sent(request)
    context.update(
        kind="resend" if saved_nothing else "unknown",
        hidden=fields,
        shown=_labelled(request, fields),
        secrets=secrets,
        files=files,
        back=_same_site(request.headers.get("Referer", ""), request)
        or reverse("organisations:home"),
    )
    return context


def _sent(request: HttpRequest) -> tuple[list[tuple[str, str]], list[str], list[tuple[str, str]]]:
    """What the form sent: its fields (name, value) without the CSRF token and the
    secrets, the names of the secrets, and the files (field, the files' names)."""
    try:
        post, uploads = request.POST, request.FILES
    except (RawPostDataException, MultiPartParserError):
        return [], [], []
    fields: list[tuple[str, str]] = []
    secrets: list[str] = []
    for name, values in post.lists():
        if name == _CSRF_FIELD:
            continue
        if any(mark in name.lower() for mark in _SECRET_MARKS):
            secrets.append(name)
            continue
        fields += [(name, value) for value in values]
    files = [
        (name, ", ".join(upload.name or "" for upload in chosen))
        for name, chosen in uploads.lists()
    ]
    return fields, secrets, files


def _labelled(request: HttpRequest, fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the user typed, each value under its field's label, as the form showed it.
    Values the user did not type (hidden fields such as a record's version, choices that
    only the view's form knows) are left out of the list, but sent again all the same.
    The forms are those the view's module uses; nothing is read from the database."""
    fields_by_name = _declared_fields(request)
    shown: list[tuple[str, str]] = []
    for name, value in fields:
        field = fields_by_name.get(name)
        if field is None or field.widget.is_hidden or not value.strip():
            continue
        if isinstance(field, forms.BooleanField):
            value = gettext("yes")
        elif isinstance(field, forms.ChoiceField):
            value = dict(_static_choices(field)).get(value, "")
            if not value:
                continue
        shown.append((str(field.label or name), value))
    return shown


def _declared_fields(request: HttpRequest) -> dict[str, forms.Field]:
    """The fields declared by the forms of the module that holds the request's view."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return {}
    module = sys.modules.get(getattr(view, "__module__", ""), None)
    fields: dict[str, forms.Field] = {}
    for value in vars(module).values() if module else ():
        if isinstance(value, type) and issubclass(value, forms.BaseForm):
            for name, field in getattr(value, "base_fields", {}).items():
                fields.setdefault(name, field)
    return fields


def _static_choices(field: forms.ChoiceField) -> list[tuple[str, str]]:
    """A choice field's choices when its class fixes them; a model choice field (its
    choices a query) or choices the form sets for each record give none."""
    if isinstance(field, forms.ModelChoiceField):
        return []
    choices: Iterable[tuple[Any, Any]] = cast(Iterable[tuple[Any, Any]], field.choices)
    return [(str(key), str(label)) for key, label in choices if not isinstance(label, list | tuple)]


def _same_site(url: str, request: HttpRequest) -> str | None:
    """`url` if it stays on this site (a path, or this host's address), else None."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else None
