"""How long a login lasts: until the browser closes, and no longer than
SESSION_COOKIE_AGE (MVI_SESSION_IDLE_HOURS) without use.

Django fixes a session's end when it saves the session. Saving on every request
(SESSION_SAVE_EVERY_REQUEST) would write to the database on every page, so a session in
use is saved again at most every REFRESH_SECONDS; the idle time is kept to within that."""

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

#: How often a session in use has its end moved on, in seconds.
REFRESH_SECONDS = 300
#: The session key holding when that last happened (seconds since the epoch).
REFRESHED = "_mvi_refreshed"


class SessionIdleMiddleware:
    """Moves a logged-in session's end on while it is used."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(REFRESHED, 0) >= REFRESH_SECONDS:
                session[REFRESHED] = now  # saved by the session middleware, with a new end
        return self.get_response(request)


def mark_refreshed(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """On login (user_logged_in): the new session counts as just refreshed, so the
    next pages write nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED] = int(time.time())
