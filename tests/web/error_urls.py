"""The site's URLconf with one page that fails, to see the 500 page as a user would
(tests/web/test_error_pages.py). The handlers are the site's own."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from mvimonitor.conf.urls import handler400, handler403, handler404, handler500
from mvimonitor.conf.urls import urlpatterns as site_patterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [path("kapot/", broken), *site_patterns]
