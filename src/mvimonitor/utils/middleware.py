from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose otherwise.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to the many Dutch civil servants whose browser is set to English. Here only
    an explicit choice counts: the language switch (cookie) or the user's own setting.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # override, not activate: the thread's language is put back afterwards, so a
        # request's choice never leaks into what the same thread does next.
        with translation.override(self._chosen_language(request)):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
        response.headers.setdefault("Vary", "Cookie")
        return response

    @staticmethod
    def _chosen_language(request: HttpRequest) -> str:
        supported = {code for code, _name in settings.LANGUAGES}
        choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if choice in supported:
            return choice
        user = getattr(request, "user", None)
        user_language = getattr(user, "language", None) if user is not None else None
        if user_language in supported:
            return user_language
        return settings.LANGUAGE_CODE
