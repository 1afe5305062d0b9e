"""The login lockout, plugged into django-axes (settings: AXES_*; ADR 0019).

axes does the plumbing: its backend (AUTHENTICATION_BACKENDS) asks `LockoutHandler`
whether a login is locked before any password is checked, its signal receivers pass every
failed login to the handler, and its middleware turns a locked request's answer into
`lockout_response`. The rules are the project's: axes' settings know one failure limit
and one cool-off, and the issue asks for two tiers (five wrong passwords from one address
in fifteen minutes lock that address for fifteen minutes; twenty from anywhere lock the
account until it is lifted), so the handler counts them itself in axes' failure log and
keeps its locks as `LoginLock`s, which the audit trail records.

Why a lock is refused and what the login page says is the form's business
(forms.LockoutMessageMixin), read from `request.login_lock`.
"""

import ipaddress
import logging
from typing import Any

from axes.handlers.base import AxesHandler
from axes.helpers import get_client_username
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse

from mvimonitor.accounts import selectors, services
from mvimonitor.accounts.forms import lock_message
from mvimonitor.accounts.models import LoginLock

log = logging.getLogger(__name__)

#: HTTP 429 Too Many Requests: the login page, with the lock's message.
LOCKED_STATUS = 429


class LockoutHandler(AxesHandler):
    """axes' handler with the project's two rules; stores nothing of axes but its
    failure log (no access attempts, no access log)."""

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        lock = selectors.login_lock_in_force(
            login_name=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
        request.login_lock = lock
        return lock is not None

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        # A login refused by a lock checked no password: it neither counts nor lengthens
        # the lock (the backend marks it; AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
        if request is None or request.axes_locked_out:
            return
        lock = services.login_failure_record(
            login_name=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
            user_agent=request.axes_user_agent,
            path=request.axes_path_info,
        )
        if lock is None:
            return
        log.warning(
            "Login lock %s: %s after %d wrong passwords.",
            lock.pk,
            "one address" if lock.ip_address else "every address",
            lock.failures,
        )
        request.login_lock = lock
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=lock.login_name, ip_address=lock.ip_address
        )


def login_name(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the account a login attempt is for. The login forms pass
    `username`, other callers of authenticate() the user model's e-mail field; the case
    of the address is ignored, as logging in ignores it."""
    if credentials:
        typed = credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD)
    else:
        typed = request.POST.get("username")
    return LoginLock.name_of(typed)


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address. Behind PROXY_COUNT reverse proxies
    it is the address the outermost one saw, the PROXY_COUNT-th entry of
    X-Forwarded-For from the right (each proxy appends the address it was reached from;
    what stands left of that is the client's own say). Without proxies the header is
    ignored: anyone can send it."""
    remote: str | None = request.META.get("REMOTE_ADDR")
    count = settings.PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a locked login answers 429 with the page the login view
    rendered, whose form says why and until when (the same page whatever the address)."""
    if original_response is None:  # axes' view decorators, which the project does not use
        lock = getattr(request, "login_lock", None)
        return HttpResponse(
            lock_message(lock) if lock else "",
            status=LOCKED_STATUS,
            content_type="text/plain; charset=utf-8",
        )
    original_response.status_code = LOCKED_STATUS
    return original_response
