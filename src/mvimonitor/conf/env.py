"""Reading configuration from environment variables.

Every variable the application reads goes through `config()`, with a help text; the
configuration reference in docs/configuration.md lists them all (a test keeps it true).
"""

import os
from typing import overload

from django.core.exceptions import ImproperlyConfigured

#: name -> (default, help text), filled as settings are read; used by the docs test.
REGISTRY: dict[str, tuple[object, str]] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


@overload
def config(name: str, default: bool, *, help_text: str) -> bool: ...
@overload
def config(name: str, default: int, *, help_text: str) -> int: ...
@overload
def config(name: str, default: str, *, help_text: str) -> str: ...
@overload
def config(name: str, default: list[str], *, help_text: str) -> list[str]: ...


def config(
    name: str, default: bool | int | str | list[str], *, help_text: str
) -> bool | int | str | list[str]:
    """Return the environment variable `name`, parsed to the type of `default`."""
    REGISTRY[name] = (default, help_text)
    raw = os.environ.get(name)
    if raw is None:
        return default
    if isinstance(default, bool):
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if isinstance(default, list):
        return [item.strip() for item in raw.split(",") if item.strip()]
    return raw
