"""The saving stage of a large plan import (issue 12, item 2): a workbook of 10,000 rows
written into a fresh plan (every row a new action; a municipality's own list with other
headers and everyday statuses, read by the guided import with a baseline date, issue
14), then a second workbook with the same codes read back into it (a third of the
actions changed, a third with a new status, the rest as they are). Each run takes a
plan of its own, so every run does the same work; the time is that of the import's one
transaction, from the moment the rows are checked until it has committed: how long
other writers wait on SQLite. Each file is previewed first, as the wizard does."""

import io
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from openpyxl import Workbook

from benchmarks.measure import Measurement, QueryCounter
from mvimonitor.accounts.models import User
from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.guided import ImportSettings, import_preview
from mvimonitor.exchange.services import PlanImportResult, plan_import
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import ActionPlan, Theme
from mvimonitor.utils.dates import today

IMPORT_SAVE_TARGET_MS = 5000.0
ADOPTED = date(2022, 1, 1)
PERIODS = ("Wat doen we al goed?", "Aan de slag in 2022", "Aan de slag in 2023", "Doorlopend")
HEADERS = (
    "Code",
    "Titel",
    "Omschrijving",
    "Periode",
    "Thema's",
    "Status",
    "Status sinds",
    "Eigenaar",
    "Afdeling",
    "Startdatum",
    "Einddatum",
    "Doorlopend",
    "Resultaat",
    "Toegevoegd op",
)
#: The first workbook is a municipality's own list, read by the guided import (ADR
#: 0029): other headers (synonyms), everyday status words, its own period names mapped
#: onto the plan's, and no "Status sinds" or "Toegevoegd op": the statuses take the
#: baseline date, the adoption date.
GUIDED_HEADERS = (
    "Nr.",
    "Actie",
    "Omschrijving",
    "Categorie",
    "Thema",
    "Stand",
    "Trekker",
    "Team",
    "Begindatum",
    "Gereed",
    "Doorlopend",
    "Resultaat",
)
EVERYDAY = {
    "niet gestart": "open",
    "lopend": "loopt",
    "voltooid": "afgerond",
    "uitgesteld": "on hold",
    "vervallen": "geannuleerd",
}
OWN_PERIODS = ("Fase 0", "Fase 1", "Fase 2", "Doorlopend")
GUIDED = ImportSettings(
    periods=dict(zip((p.casefold() for p in OWN_PERIODS), PERIODS, strict=True)),
    baseline=ADOPTED,
)
STATUSES = ("niet gestart", "lopend", "voltooid", "uitgesteld", "vervallen")
# What a second import makes of each status: a step the workflow allows.
NEXT_STATUS = {
    "niet gestart": "lopend",
    "lopend": "voltooid",
    "uitgesteld": "lopend",
    "voltooid": None,
    "vervallen": None,
}


@dataclass(frozen=True)
class ImportTimes:
    """What one import took: its saving stage and the whole import, and the SQL
    queries made in each."""

    save_ms: float
    save_cpu_ms: float  # the process's CPU time: what other work on the machine inflates least
    save_queries: int
    total_ms: float
    total_queries: int
    result: PlanImportResult
    preview_ms: float = 0.0  # the preview before it (read, check, nothing saved)


def import_plan_create(*, number: int) -> tuple[ActionPlan, User]:
    organisation = Organisation.objects.create(
        name=f"Gemeente Importstad {number}", slug=f"importstad-{number}"
    )
    coordinator = User.objects.create_user(
        email=f"coordinator{number}@importstad.example", full_name=f"Co Ordinator {number}"
    )
    for index, user in enumerate(
        [coordinator]
        + [
            User.objects.create_user(
                email=f"lid{n}.{number}@importstad.example", full_name=f"Lid {n} {number}"
            )
            for n in range(5)
        ]
    ):
        role = Role.COORDINATOR if index == 0 else Role.EDITOR
        Membership.objects.create(user=user, organisation=organisation, role=role)
    plan = plan_services.plan_create(
        organisation=organisation,
        name="MVI-actieplan",
        slug="mvi",
        adopted_on=ADOPTED,
        starts_on=ADOPTED,
        ends_on=date(2026, 12, 31),
        period_names=PERIODS,
    )
    return plan, coordinator


def _cells(rows: list[list[Any]], headers: tuple[str, ...] = HEADERS) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Acties")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_workbooks(*, rows: int, members: list[str], seed: int = 12) -> tuple[bytes, bytes]:
    """The first workbook (every row new; the municipality's own list, GUIDED_HEADERS)
    and the second (the same codes, changed; as the export writes them)."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, no secrets)
    themes = list(
        Theme.objects.filter(organisation=None, is_legacy=False).values_list("name", flat=True)
    )
    last = today()
    first, second = [], []
    for n in range(rows):
        # Every action was in the plan as adopted: the baseline is the adoption date.
        added = ADOPTED
        start = added + timedelta(days=rng.randrange(0, 100))
        continuous = rng.random() < 0.15
        due = None if continuous else start + timedelta(days=rng.randrange(30, 700))
        status = rng.choice(STATUSES)
        since = added
        owner = rng.choice([*members, "Afdeling Inkoop", ""])
        row = [
            f"I{n:05d}",
            f"Actie {n}: duurzaam inkopen van {rng.choice(['ICT', 'meubilair', 'catering'])}",
            "Een omschrijving van wat deze actie doet en waarom. " * rng.randrange(0, 4),
            PERIODS[n % len(PERIODS)],
            "; ".join(rng.sample(themes, rng.randrange(0, 3))),
            status,
            min(since, last),
            owner,
            rng.choice(["Inkoop", "Duurzaamheid", "Sociaal Domein", ""]),
            start,
            due,
            "ja" if continuous else "nee",
            rng.choice(["", "Opgenomen in twee aanbestedingen."]),
            added,
        ]
        first.append(_guided(row, n))
        changed = list(row)
        if n % 3 == 0:
            changed[1] = f"{row[1]} (herzien)"
            changed[12] = "Bijgewerkt resultaat."
        elif n % 3 == 1 and NEXT_STATUS[status]:
            changed[5] = NEXT_STATUS[status]
            changed[6] = None  # today
        if n % 5 == 0:
            changed[4] = "; ".join(rng.sample(themes, rng.randrange(0, 3)))
        second.append(changed)
    return _cells(first, GUIDED_HEADERS), _cells(second)


def _guided(row: list[Any], n: int) -> list[Any]:
    """The row (of HEADERS) as the municipality's own list has it (GUIDED_HEADERS)."""
    (code, title, description, _period, themes, status, _since, owner, department) = row[:9]
    start, due, continuous, result, _added = row[9:]
    return [
        code,
        title,
        description,
        OWN_PERIODS[n % len(OWN_PERIODS)],
        themes,
        EVERYDAY[status],
        owner,
        department,
        start,
        due,
        continuous,
        result,
    ]


def timed_import(
    *, plan: ActionPlan, data: bytes, by: User, choices: ImportSettings
) -> ImportTimes:
    """Preview `data`, then import it confirmed on the preview (as the wizard does),
    timing the preview, the saving stage and the whole import, and counting queries."""
    started = time.perf_counter()
    preview = import_preview(
        plan=plan, data=data, filename="plan.xlsx", settings=choices, by=by, is_coordinator=True
    )
    preview_ms = (time.perf_counter() - started) * 1000
    if preview.problems:
        raise SystemExit(f"The benchmark preview found problems: {preview.problems[:3]}")
    counter = QueryCounter()
    saving: list[tuple[float, float, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "saving" and not saving:
            saving.append((time.perf_counter(), time.process_time(), counter.count))

    started = time.perf_counter()
    with acting_as(by, label="benchmark import"), connection.execute_wrapper(counter):
        result = plan_import(
            plan=plan,
            data=data,
            filename="plan.xlsx",
            by=by,
            is_coordinator=True,
            progress=progress,
            settings=choices,
            expected_fingerprint=preview.fingerprint,
        )
    ended, cpu = time.perf_counter(), time.process_time()
    if not result.ok:
        raise SystemExit(f"The benchmark import failed: {result.problems[:3]}")
    return ImportTimes(
        save_ms=(ended - saving[0][0]) * 1000,
        save_cpu_ms=(cpu - saving[0][1]) * 1000,
        save_queries=counter.count - saving[0][2],
        total_ms=(ended - started) * 1000,
        total_queries=counter.count,
        result=result,
        preview_ms=preview_ms,
    )


@dataclass(frozen=True)
class ImportMeasurements:
    """The saving stage and the whole import, of the first import (every row a new
    action) and of the second (the same codes, changed)."""

    new_save: Measurement
    again_save: Measurement
    new_save_cpu: Measurement
    again_save_cpu: Measurement
    new_total: Measurement
    again_total: Measurement
    new_preview: Measurement
    again_summary: dict[str, int]


def import_measurements(
    *, rows: int, runs: int, report: Callable[[str], None] = print
) -> ImportMeasurements:
    """`runs` first imports of `rows` rows into a plan of their own and as many
    second imports into it."""
    new: list[ImportTimes] = []
    again: list[ImportTimes] = []
    for number in range(runs):
        plan, coordinator = import_plan_create(number=number)
        members = list(
            Membership.objects.filter(organisation=plan.organisation).values_list(
                "user__email", flat=True
            )
        )
        first, second = import_workbooks(rows=rows, members=members)
        new.append(timed_import(plan=plan, data=first, by=coordinator, choices=GUIDED))
        again.append(timed_import(plan=plan, data=second, by=coordinator, choices=ImportSettings()))
        report(
            f"  import run {number + 1} of {runs}: saving {new[-1].save_ms:,.0f} ms new, "
            f"{again[-1].save_ms:,.0f} ms again"
        )
    return ImportMeasurements(
        new_save=_measurement([t.save_ms for t in new], new[0].save_queries),
        again_save=_measurement([t.save_ms for t in again], again[0].save_queries),
        new_save_cpu=_measurement([t.save_cpu_ms for t in new], new[0].save_queries),
        again_save_cpu=_measurement([t.save_cpu_ms for t in again], again[0].save_queries),
        new_total=_measurement([t.total_ms for t in new], new[0].total_queries),
        again_total=_measurement([t.total_ms for t in again], again[0].total_queries),
        new_preview=_measurement([t.preview_ms for t in new], 0),
        again_summary=again[0].result.summary(),
    )


def _measurement(times: list[float], queries: int) -> Measurement:
    return Measurement(statistics.median(times), min(times), queries)
