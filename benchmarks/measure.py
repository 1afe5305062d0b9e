"""Timing and counting: the median wall time of N runs (after one warm-up run) and the
number of SQL queries of one run, for requests through Django's test client (the whole
server side: middleware, session, view, template) and for plain functions."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection

from mvimonitor.plans.models import Action, ActionPlan, StatusChange
from mvimonitor.plans.selectors import status_counts_per_period
from mvimonitor.plans.workflow import Status


@dataclass(frozen=True)
class Measurement:
    median_ms: float
    best_ms: float  # the fastest run: what the code costs when nothing else competes
    queries: int


class QueryCounter:
    """Counts the statements executed. Not CaptureQueriesContext: a request resets the
    connection's query log when it starts (django.db.reset_queries)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def measure(work: Callable[[], object], *, runs: int) -> Measurement:
    work()  # warm-up: imports, template loading, the first connection
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return Measurement(statistics.median(times) * 1000, min(times) * 1000, counter.count)


def raw_status_counts(*, plan: ActionPlan, on: date) -> dict[tuple[int, str], int]:
    """Per (period id, status) the number of actions on `on`, in ONE hand-written query:
    the floor under which no report of the same figures can go."""
    action, change = Action._meta.db_table, StatusChange._meta.db_table
    sql = f"""
        SELECT a.period_id, COALESCE((
                   SELECT sc.to_status FROM {change} sc
                   WHERE sc.action_id = a.id AND sc.effective_on <= %(on)s
                   ORDER BY sc.effective_on DESC, sc.recorded_at DESC, sc.id DESC
                   LIMIT 1
               ), %(not_started)s) AS status, COUNT(*)
        FROM {action} a
        WHERE a.plan_id = %(plan)s AND a.added_on <= %(on)s
          AND (a.withdrawn_on IS NULL OR a.withdrawn_on > %(on)s)
        GROUP BY 1, 2
    """  # noqa: S608 (table names from the models; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"on": on, "plan": plan.pk, "not_started": Status.NOT_STARTED.value})
        return {(period, status): count for period, status, count in cursor.fetchall()}


def raw_counts_agree(*, plan: ActionPlan, on: date) -> bool:
    """The raw query counts what the product's selector counts."""
    selector = {
        (period.period_id, status.value): count
        for period in status_counts_per_period(plan=plan, on=on)
        for status, count in period.counts.items()
        if count
    }
    return raw_status_counts(plan=plan, on=on) == selector
