"""The calendar feed (public, opened by its secret token) and the page where a user
finds and renews the link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.calendar_feed import services
from mvimonitor.calendar_feed.ical import feed_calendar
from mvimonitor.calendar_feed.selectors import feed_events, user_by_feed_token
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public: calendar clients cannot log in, so the token is the key. A wrong or
    renewed token answers 404, saying nothing about whether it ever existed."""
    user = user_by_feed_token(token=token)
    if user is None:
        raise Http404
    host, _port = split_domain_port(request.get_host())
    with translation.override(user.language):
        body = feed_calendar(
            events=feed_events(user=user, today=today()),
            name=_("MVI Monitor"),
            description=_("Dates of the MVI action plans of %(name)s")
            % {"name": user.display_name},
            host=host or "mvi-monitor",
            base_url=f"{request.scheme}://{request.get_host()}",
            stamp=timezone.now(),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mvi-monitor.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    """The subscribe link with instructions; POST makes a new link."""
    user: User = request.user  # type: ignore[assignment]  # login_required
    if request.method == "POST":
        services.feed_token_renew(user=user)
        messages.success(
            request,
            _(
                "A new link has been made. The old link no longer works: subscribe again "
                "with the new one."
            ),
        )
        return redirect("calendar_feed:settings")
    feed_token = services.feed_token_get_or_create(user=user)
    url = request.build_absolute_uri(
        reverse("calendar_feed:feed", kwargs={"token": feed_token.token})
    )
    context = {
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "created_at": feed_token.created_at,
    }
    return render(request, "calendar_feed/settings.html", context)
