"""A lease on a record: which worker works on it, and until when it is known to be
alive (docs/adr/0021-fast-import-and-job-lease.md).

A worker claims a record (a job), renews the lease while it works and releases it when
it is done. A lease that ran out means its worker died (a killed process, a restart, a
lost machine): a sweep may then expire it, writing what the record should say instead
("failed"). Every step is one conditional UPDATE, so that two workers never hold one
lease, and a worker that renewed in time keeps it even if a sweep read it as expired a
moment before. Each returns whether it changed the row.

A lease that ran out still belongs to its holder until someone expires or claims it:
renewing and releasing ask only who holds it. So a worker that could not renew in time
(on SQLite no other connection can write while the worker's own write transaction is
open, and the renewal waits for it) finishes normally when nobody took over; and
releasing inside that transaction tells it whether somebody did.

Renewal must not wait on the work itself: `Heartbeat` renews from a thread of its own,
with a database connection of its own. The clock is `django.utils.timezone.now` unless
a caller passes `now` (tests move it with time-machine).

Generic on purpose: the import jobs use it, and a task worker (issue 19) can lease its
task rows the same way, from a model that derives from `LeasedModel`.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from django.db import DatabaseError, connections, models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class LeasedModel(models.Model):
    """What a leased record holds: who holds its lease, and until when. An empty
    holder: nobody works on it."""

    lease_holder = models.CharField(_("worked on by"), max_length=120, blank=True, default="")
    lease_expires_at = models.DateTimeField(
        _("worked on until"), null=True, blank=True, db_index=True
    )

    class Meta:
        abstract = True


@dataclass(frozen=True)
class LeaseTerms:
    """How long a lease lasts unless renewed, and how often its worker renews it."""

    duration: timedelta
    renew_every: timedelta

    def __post_init__(self) -> None:
        if not timedelta(0) < self.renew_every < self.duration:
            raise ValueError("A lease is renewed more often than it lasts.")


def lease_holder_name() -> str:
    """A name for one worker: unique, and saying where it runs (host and process)."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


def lease_claim(
    records: QuerySet[Any],
    pk: Any,
    *,
    holder: str,
    duration: timedelta,
    now: datetime | None = None,
) -> bool:
    """Take the lease of record `pk` among `records` (those that may be worked on at
    all) when nobody holds it or its holder's lease ran out."""
    now = now or timezone.now()
    free = Q(lease_holder="") | Q(lease_expires_at__lt=now)
    claimed = records.filter(free, pk=pk).update(
        lease_holder=holder, lease_expires_at=now + duration
    )
    return claimed == 1


def lease_renew(
    records: QuerySet[Any],
    pk: Any,
    *,
    holder: str,
    duration: timedelta,
    now: datetime | None = None,
) -> bool:
    """Move the lease's end to `duration` from now, if `holder` still holds it."""
    now = now or timezone.now()
    renewed = records.filter(pk=pk, lease_holder=holder).update(lease_expires_at=now + duration)
    return renewed == 1


def lease_release(records: QuerySet[Any], pk: Any, *, holder: str, **changes: Any) -> bool:
    """Give the lease up, writing `changes` (the work's outcome) in the same UPDATE, if
    `holder` still holds it. False: somebody expired or took it, and `changes` were not
    written."""
    released = records.filter(pk=pk, lease_holder=holder).update(
        lease_holder="", lease_expires_at=None, **changes
    )
    return released == 1


def leases_expired(records: QuerySet[Any], *, now: datetime | None = None) -> QuerySet[Any]:
    """The records whose lease ran out: their worker stopped renewing."""
    now = now or timezone.now()
    return records.exclude(lease_holder="").filter(lease_expires_at__lt=now)


def lease_expire(
    records: QuerySet[Any],
    pk: Any,
    *,
    holder: str,
    now: datetime | None = None,
    **changes: Any,
) -> bool:
    """End a lease that ran out, writing `changes` (what the record says instead) in the
    same UPDATE: only while `holder` holds it and it is still out of time, so that a
    worker that renewed or finished meanwhile keeps its work."""
    now = now or timezone.now()
    expired = records.filter(pk=pk, lease_holder=holder, lease_expires_at__lt=now).update(
        lease_holder="", lease_expires_at=None, **changes
    )
    return expired == 1


class Heartbeat:
    """Renews a lease every `terms.renew_every` from a thread of its own, until the
    block ends. `lost` is set once a renewal finds the lease held by nobody or by
    another: the worker should stop (its release will fail anyway).

    The thread has its own database connection, closed when it stops, so that a
    renewal never waits on the worker's connection. A renewal that fails (on SQLite:
    the database stayed locked by a write transaction, the worker's own included) is
    logged and tried again at the next beat; the lease must outlast such waits."""

    def __init__(self, records: QuerySet[Any], pk: Any, *, holder: str, terms: LeaseTerms) -> None:
        self.records, self.pk, self.holder, self.terms = records, pk, holder, terms
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease-{holder}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stop.wait(self.terms.renew_every.total_seconds()):
                if not self._renew():
                    self.lost.set()
                    return
        finally:
            connections.close_all()  # this thread's connections only

    def _renew(self) -> bool:
        try:
            return lease_renew(
                self.records, self.pk, holder=self.holder, duration=self.terms.duration
            )
        except DatabaseError:
            logger.warning("Lease of %s not renewed this time", self.holder, exc_info=True)
            return True
