"""Who is acting: set once per request (middleware) or command, read by the audit trail."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str


SYSTEM = Actor(user_id=None, label="system")
_current: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: Any = None, *, label: str = "") -> Iterator[Actor]:
    """Attribute every change made inside the block to `user` and/or `label`.

    Commands use `acting_as(label="command plan-import")`; the middleware does it for
    each request with the logged-in user.
    """
    user_id = getattr(user, "pk", None) if user is not None else None
    actor = Actor(user_id=user_id, label=label or (str(user) if user_id else "system"))
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
