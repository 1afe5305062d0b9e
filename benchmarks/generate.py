"""A large plan for the benchmark: thousands of actions with status histories over about
three years, attention points, communication moments, and a finalised monitor every four
weeks. Rows are bulk-inserted (the services would take minutes); every history is a path
the workflow allows, so the figures are those a real plan of this size would show.

Each monitor's frozen report is the real `report_for_date` on its date, computed in date
order so that each one's previous monitor is the one before it. Its PDF is not rendered
(the benchmark renders PDFs itself; a stored PDF is only ever served as bytes)."""

import dataclasses
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from benchmarks.generate_tenders import Register, bench_register_create
from mvimonitor.accounts.models import User
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
)
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action, ActionPlan, StatusChange
from mvimonitor.plans.selectors import plan_periods
from mvimonitor.plans.workflow import TRANSITIONS, Status

ADOPTED = date(2021, 3, 1)
FIRST_MONITOR = date(2021, 4, 1)
MONITOR_EVERY = timedelta(weeks=4)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PERIODS = (  # name, share of the actions, continuous?
    ("Wat doen we al goed?", 0.40, False),
    ("Aan de slag in 2021", 0.25, False),
    ("Aan de slag in 2022-2024", 0.20, False),
    ("Actie doorlopend", 0.15, True),
)
VERBS = (
    "Onderzoeken",
    "Uitvoeren",
    "Opnemen van",
    "Verankeren van",
    "Evalueren van",
    "Aanbesteden van",
    "Monitoren van",
    "Uitbreiden van",
    "Toetsen van",
    "Delen van kennis over",
)
SUBJECTS = (
    "circulaire eisen",
    "social return",
    "de CO2-prestatieladder",
    "internationale sociale voorwaarden",
    "biobased materialen",
    "elektrisch vervoer",
    "duurzame catering",
    "MKB-vriendelijke percelen",
    "innovatiegerichte inkoop",
    "energieneutrale gebouwen",
    "inclusief opdrachtgeven",
    "hergebruik van meubilair",
    "emissievrije bouwlogistiek",
    "ketentransparantie",
    "groene ICT",
)
CONTEXTS = (
    "groenonderhoud",
    "facilitaire diensten",
    "GWW-werken",
    "ICT-hardware",
    "schoonmaak",
    "zorg en welzijn",
    "leerlingenvervoer",
    "bedrijfskleding",
    "openbare verlichting",
    "nieuwbouw scholen",
    "inhuur personeel",
    "afvalinzameling",
    "drukwerk",
    "energie-inkoop",
)


@dataclass(frozen=True)
class BenchPlan:
    plan: ActionPlan
    coordinator: User
    monitor_dates: list[date]  # the finalised monitors, oldest first
    draft_date: date  # a draft monitor after the last finalised one
    register: Register  # how many tenders, contracts and targets


def bench_plan_create(
    *,
    actions: int,
    monitors: int,
    tenders: int = 500,
    contracts: int = 300,
    targets: int = 20,
    seed: int = 2021,
) -> BenchPlan:
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, no secrets)
    organisation = Organisation.objects.create(
        name="Gemeente Benchstad", slug="benchstad", kind=Organisation.Kind.MUNICIPALITY
    )
    coordinator = User.objects.create_user("coordinator@benchstad.example", full_name="Coördinator")
    Membership.objects.create(user=coordinator, organisation=organisation, role=Role.COORDINATOR)
    monitor_dates = [FIRST_MONITOR + MONITOR_EVERY * n for n in range(monitors)]
    draft_date = monitor_dates[-1] + MONITOR_EVERY if monitor_dates else FIRST_MONITOR
    plan = plan_services.plan_create(
        organisation=organisation,
        name="MVI-actieplan Benchstad 2021-2024",
        slug="benchstad-mvi",
        adopted_on=ADOPTED,
        starts_on=date(2021, 1, 1),
        ends_on=max(date(2024, 12, 31), draft_date),
        period_names=[name for name, _, _ in PERIODS],
    )
    _actions_create(rng, plan, actions, history_until=draft_date)
    _plan_items_create(rng, plan, until=draft_date)
    register = bench_register_create(
        rng,
        plan,
        tenders=tenders,
        contracts=contracts,
        targets=targets,
        since=ADOPTED - timedelta(days=60),
        until=draft_date,
    )
    for day, next_day in zip(monitor_dates, [*monitor_dates[1:], draft_date], strict=True):
        _finalised_monitor_create(plan, day, next_day, coordinator)
    Monitor.objects.create(plan=plan, date=draft_date, summary="Concept.")
    return BenchPlan(plan, coordinator, monitor_dates, draft_date, register)


def _titles(rng: random.Random, count: int) -> list[str]:
    """Distinct, plausible titles; numbered once the combinations run out."""
    combinations = [f"{v} {s} bij {c}" for v in VERBS for s in SUBJECTS for c in CONTEXTS]
    rng.shuffle(combinations)
    return [
        combinations[n % len(combinations)]
        + (f" ({n // len(combinations) + 1})" if n >= len(combinations) else "")
        for n in range(count)
    ]


def _actions_create(rng: random.Random, plan: ActionPlan, count: int, history_until: date) -> None:
    periods = plan_periods(plan=plan)
    titles = _titles(rng, count)
    actions, histories = [], []
    for n, title in enumerate(titles):
        position = _pick_period(rng)
        continuous = PERIODS[position][2]
        schedule = _schedule(rng, continuous=continuous, ends_on=plan.ends_on)
        steps = _history(rng, schedule, history_until)
        actions.append(
            Action(
                plan=plan,
                period=periods[position],
                code=f"{position + 1}.{n:04d}",
                title=title,
                department=rng.choice(("Inkoop", "Facilitaire Zaken", "Openbare Ruimte", "ICT")),
                start_date=schedule.start,
                due_date=schedule.due,
                is_continuous=continuous,
                result="Afgerond volgens plan." if steps[-1][1] == Status.COMPLETED else "",
                status=steps[-1][1],
                added_on=schedule.added_on,
                withdrawn_on=_withdrawn_on(rng, schedule.added_on, history_until),
            )
        )
        histories.append(steps)
    created = Action.objects.bulk_create(actions, batch_size=500)
    StatusChange.objects.bulk_create(
        (
            StatusChange(
                action=action,
                from_status=steps[i - 1][1] if i else None,
                to_status=status,
                effective_on=day,
                recorded_at=datetime.combine(day, time(12), AMSTERDAM),
            )
            for action, steps in zip(created, histories, strict=True)
            for i, (day, status) in enumerate(steps)
        ),
        batch_size=1000,
    )


def _pick_period(rng: random.Random) -> int:
    draw, cumulative = rng.random(), 0.0
    for position, (_, share, _) in enumerate(PERIODS):
        cumulative += share
        if draw < cumulative:
            return position
    return len(PERIODS) - 1


def _withdrawn_on(rng: random.Random, added_on: date, until: date) -> date | None:
    if rng.random() >= 0.02:
        return None
    return added_on + timedelta(rng.randint(1, max(1, (until - added_on).days)))


@dataclass(frozen=True)
class Schedule:
    added_on: date
    start: date
    due: date | None  # None: a continuous action


def _schedule(rng: random.Random, *, continuous: bool, ends_on: date) -> Schedule:
    """When an action enters the plan, starts and is due: spread over the plan's years,
    so that every monitor has actions starting, running and falling due."""
    added_on = ADOPTED if rng.random() < 0.85 else ADOPTED + timedelta(rng.randint(30, 1100))
    start = min(added_on + timedelta(rng.randint(0, 1000)), ends_on - timedelta(days=30))
    due = None if continuous else min(start + timedelta(rng.randint(30, 365)), ends_on)
    return Schedule(added_on, max(start, added_on), due)


def _history(rng: random.Random, plan: Schedule, until: date) -> list[tuple[date, Status]]:
    """Status changes up to `until` that follow the schedule: not started until about
    the start date, running (sometimes postponed for a while), then completed around the
    due date, or now and then cancelled. A continuous action keeps running."""
    steps: list[tuple[date, Status]] = [(plan.added_on, Status.NOT_STARTED)]

    def step(day: date, status: Status) -> bool:
        day = max(day, steps[-1][0])
        if day > until:
            return False
        assert status in TRANSITIONS[steps[-1][1]]  # noqa: S101 (a bench bug, not input)
        steps.append((day, status))
        return True

    started = plan.start + timedelta(rng.randint(-10, 40))
    if rng.random() < 0.04:
        step(started, Status.CANCELLED)
        return steps
    if not step(started, Status.RUNNING) or plan.due is None:
        return steps
    if rng.random() < 0.15:
        halted = started + timedelta(rng.randint(10, max(10, (plan.due - plan.start).days)))
        if not step(halted, Status.POSTPONED):
            return steps
        if not step(halted + timedelta(rng.randint(30, 150)), Status.RUNNING):
            return steps
    step(plan.due + timedelta(rng.randint(-30, 60)), Status.COMPLETED)
    return steps


def _plan_items_create(rng: random.Random, plan: ActionPlan, until: date) -> None:
    span = (until - ADOPTED).days
    points = []
    for n in range(60):
        raised = ADOPTED + timedelta(rng.randint(0, span))
        closed = raised + timedelta(rng.randint(20, 400))
        points.append(
            AttentionPoint(
                plan=plan,
                kind=rng.choice(list(AttentionPoint.Kind)),
                text=f"Aandachtspunt {n + 1}: {rng.choice(SUBJECTS)} bij {rng.choice(CONTEXTS)}",
                raised_on=raised,
                closed_on=closed if closed <= until and rng.random() < 0.8 else None,
            )
        )
    AttentionPoint.objects.bulk_create(points)
    CommunicationMoment.objects.bulk_create(
        CommunicationMoment(
            plan=plan,
            date=(day := ADOPTED + timedelta(rng.randint(0, span + 120))),
            text=f"Nieuwsbericht over {rng.choice(SUBJECTS)}",
            channel=rng.choice(("Intranet", "Raadsinformatiebrief", "Pers", "Nieuwsbrief")),
            state=CommunicationMoment.State.REALISED
            if day <= until
            else CommunicationMoment.State.PLANNED,
        )
        for _ in range(80)
    )


def _finalised_monitor_create(plan: ActionPlan, day: date, next_day: date, by: User) -> None:
    monitor = Monitor.objects.create(
        plan=plan,
        date=day,
        state=Monitor.State.FINAL,
        summary=f"Monitor van {day:%d-%m-%Y}.",
        next_monitor_on=next_day,
    )
    report = dataclasses.replace(
        report_for_date(plan=plan, on=day, monitor=monitor), status=Monitor.State.FINAL.value
    )
    MonitorEdition.objects.create(
        monitor=monitor,
        number=1,
        frozen_by=by,
        report=report.to_storage(),
        pdf=b"",
        completed_count=report.totals()[Status.COMPLETED.value],
        action_count=report.total,
    )
