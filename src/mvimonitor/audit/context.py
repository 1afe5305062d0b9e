"""Who is acting: set once per request (middleware) or command, read by the audit trail."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    # When the acts happened, if not now: only the demo loader sets it, writing the demo's
    # 2017 history as of its own dates (docs/adr/0034-demo-dates-and-council-version.md).
    at: datetime | None = None


SYSTEM = Actor(user_id=None, label="system")
_current: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: Any = None, *, label: str = "", at: datetime | None = None) -> Iterator[Actor]:
    """Attribute every change made inside the block to `user` and/or `label`.

    Commands use `acting_as(label="command plan-import")`; the middleware does it for
    each request with the logged-in user. `at` dates the block's entries in the audit
    trail at that moment instead of now: for loading history that happened on earlier
    days (the demo), never for a request.
    """
    user_id = getattr(user, "pk", None) if user is not None else None
    actor = Actor(user_id=user_id, label=label or (str(user) if user_id else "system"), at=at)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


@contextmanager
def acting_at(at: datetime) -> Iterator[Actor]:
    """Keep who is acting, and date every entry of the block in the audit trail at `at`
    (see `Actor.at`): for loading history that happened on earlier days, as the demo
    does; never for a request."""
    token = _current.set(replace(_current.get(), at=at))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
