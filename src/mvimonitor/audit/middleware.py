from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from mvimonitor.audit.context import acting_as


class AuditActorMiddleware:
    """Attributes every change made while handling a request to the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        # The label names the user too: it stays readable after the user is deleted.
        who = f"{user.email} " if user is not None else ""
        with acting_as(user, label=f"{who}web {request.method} {request.path}"[:200]):
            return self.get_response(request)
