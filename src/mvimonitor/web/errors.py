"""The error pages: 400, 403, 404, 500 and a refused form (CSRF), in the site's layout
and the user's language, each saying in plain words what happened and offering a way
back (issue 15, item 4; ADR 0032).

conf.urls names these as Django's handlers and settings.CSRF_FAILURE_VIEW the last one;
every PermissionDenied and Http404 a view raises ends here. The busy page (web.busy) and
the login lockout's page (accounts.lockout) are answers of their own and stay so.

400, 403 and 404 are pages like any other (base.html: the menu, the language switch),
in the language the locale middleware chose. That page reads the database (the menu
counts open items); should drawing it fail, the same message is drawn in the bare
layout, so that the status stays what it is (a 404 never turns into a 500). The 500 page
is always drawn bare: it answers errors whose cause may be the database or the context
processors themselves, so it reads nothing and needs no context processor.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

#: The bare layout: the site's look without the menu; no context processor, nothing read.
BARE_LAYOUT = "errors/bare.html"


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "errors/404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with a missing or outdated security token (the page was open across
    a login, a logout or a day): 403, as Django answers it, with the way to go on."""
    return _page(request, "errors/csrf.html", status=403, no_cookie=reason == REASON_NO_CSRF_COOKIE)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, called by web.busy.server_error (Django's handler500) for every
    error that is not a busy database."""
    return _bare(request, "errors/500.html", status=500)


def _page(request: HttpRequest, template: str, *, status: int, **extra: Any) -> HttpResponse:
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    context = {**_context(request, **extra), "layout": "base.html", "logged_in": logged_in}
    try:
        body = loader.render_to_string(template, context, request)
    except Exception:
        # The error page must not become an error itself: the message without the menu.
        logger.exception("Error page %s drawn without the site's menu", template)
        return _bare(request, template, status=status, **extra)
    return HttpResponse(body, status=status)


def _bare(request: HttpRequest, template: str, *, status: int, **extra: Any) -> HttpResponse:
    """`template` in the bare layout: rendered without the request, so that no context
    processor runs and nothing reads the database (not even the user: the templates
    check `bare`)."""
    context = {**_context(request, **extra), "layout": BARE_LAYOUT, "bare": True}
    return HttpResponse(loader.render_to_string(template, context), status=status)


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"previous_page": previous_page(request), "this_page": _this_page(request), **extra}


def previous_page(request: HttpRequest) -> str | None:
    """The page the user came from (Referer), if it is on this site and not this page;
    None for another site's address, which must not become a link here."""
    referer = request.headers.get("Referer", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        # A 400 for an unknown host: no address of this site can be trusted.
        return None
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return None
    if referer == request.build_absolute_uri():
        return None
    return referer


def _this_page(request: HttpRequest) -> str:
    """The path of the request (to load a page again), never another site's."""
    return request.get_full_path() if request.method == "GET" else request.path
