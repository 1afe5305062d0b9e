"""When the demo's history happened: every record the loader writes of a past day is
dated on that day (its `recorded_at`, `frozen_at`, `closed_at`, "member since", and its
entries in the audit trail through audit.context.acting_at), so the demo shows 2017
where 2017 is meant (docs/adr/0034-demo-dates-and-council-version.md). "Today" is not
faked: what a page computes for today still uses the real date.

The hours only order what happens on one day: history recorded in the morning, answers
and comments later, a monitor finalised at the end of its day (after every change that
takes effect on it, so its page lists none as recorded since)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.utils import timezone

from mvimonitor.audit.context import acting_at

#: A plan adopted, an action added, a status or phase change, a member joining.
RECORDED = 9
ANSWERED = 10
COMMENTED = 14
FINALISED = 16


def moment(day: date, hour: int = RECORDED) -> datetime:
    """`day` at `hour` o'clock (the installation's time zone), or now if that moment has
    not come yet (only when tests set "today" back: nothing is dated in the future)."""
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


@contextmanager
def recorded_on(day: date, hour: int = RECORDED) -> Iterator[datetime]:
    """The audit trail of the block dated at `moment(day, hour)`, which it yields."""
    at = moment(day, hour)
    with acting_at(at):
        yield at
