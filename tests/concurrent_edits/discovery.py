"""Finding every form of the project and every URL whose view accepts POST, without a
list kept by hand: the forms are the subclasses of Django's BaseForm defined in a module
of `mvimonitor` (every module imported first), the URLs are the URLconf's patterns whose
view does not refuse POST (require_GET, require_safe, require_http_methods, or a
class-based view without a `post` method)."""

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django import forms
from django.urls import URLPattern, URLResolver

import mvimonitor

#: Modules not imported to find forms: migrations, and the servers' entry points.
_SKIPPED = (".migrations", ".wsgi", ".asgi")


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(mvimonitor.__path__, "mvimonitor."):
        if not any(part in module.name for part in _SKIPPED):
            importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def form_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def project_forms() -> set[str]:
    """Every form class defined in the project, as module.Class."""
    _import_every_module()
    return {
        form_name(cls)
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("mvimonitor.")
    }


def _allowed_methods(view: Callable[..., Any]) -> set[str] | None:
    """The methods a view accepts, from its method decorators and, for a class-based
    view, the handlers its class has; None when nothing restricts them."""
    allowed: set[str] | None = None
    function: Any = view
    while function is not None:
        code, closure = getattr(function, "__code__", None), getattr(function, "__closure__", None)
        if code is not None and closure:
            cells = dict(zip(code.co_freevars, closure, strict=True))
            if "request_method_list" in cells:  # django.views.decorators.http
                methods = set(cells["request_method_list"].cell_contents)
                allowed = methods if allowed is None else allowed & methods
        function = getattr(function, "__wrapped__", None)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        methods = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
        allowed = methods if allowed is None else allowed & methods
    return allowed


def _patterns(patterns: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: its forms are listed as exempt
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _patterns(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}", pattern.callback


def post_urls(patterns: Iterable[Any]) -> set[str]:
    """The names of the URLs whose view accepts POST."""
    return {
        name
        for name, view in _patterns(patterns)
        if (methods := _allowed_methods(view)) is None or "POST" in methods
    }
