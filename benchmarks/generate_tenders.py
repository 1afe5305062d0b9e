"""The generated plan's tender register for the benchmark: hundreds of tenders with phase
histories over the plan's years (preparation, publication, award, contract, completed;
now and then withdrawn), MVI themes applied in about two thirds of them, suppliers and
contracts for tenders that reached the contract phase, and targets of every KPI kind.
Bulk-inserted like the actions (generate.py), before the monitors are finalised, so
every frozen report holds its section "Tenders and targets"."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from mvimonitor.plans.models import ActionPlan, Theme
from mvimonitor.procurement.models import (
    AppliedTheme,
    Contract,
    Supplier,
    Tender,
    TenderPhaseChange,
)
from mvimonitor.procurement.phases import Phase
from mvimonitor.targets.models import Instrument, KpiKind, Target

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PATH = (Phase.PUBLICATION, Phase.AWARD, Phase.CONTRACT, Phase.COMPLETED)
SUBJECTS = (
    "Groenonderhoud",
    "Schoonmaak",
    "Leerlingenvervoer",
    "ICT-werkplekken",
    "Bedrijfskleding",
    "Openbare verlichting",
    "Catering",
    "Afvalinzameling",
    "Energie",
    "Drukwerk",
    "Inhuur personeel",
    "Wegonderhoud",
)
CPV = ("77310000-6", "90910000-9", "60130000-8", "30213000-5", "18110000-3", "55520000-1")
INSTRUMENTS = ("as_suitability", "as_selection", "as_requirement", "as_award", "as_contract_clause")


@dataclass(frozen=True)
class Register:
    tenders: int
    contracts: int
    targets: int


def bench_register_create(
    rng: random.Random,
    plan: ActionPlan,
    *,
    tenders: int,
    contracts: int,
    targets: int,
    since: date,
    until: date,
) -> Register:
    organisation = plan.organisation
    span = (until - since).days
    created = Tender.objects.bulk_create(
        (_tender(rng, plan, n, since + timedelta(rng.randint(0, span))) for n in range(tenders)),
        batch_size=500,
    )
    histories = [_history(rng, tender, until) for tender in created]
    TenderPhaseChange.objects.bulk_create(
        (
            TenderPhaseChange(
                tender=tender,
                from_phase=steps[i - 1][1] if i else None,
                to_phase=phase,
                effective_on=day,
                recorded_at=datetime.combine(day, time(12), AMSTERDAM),
            )
            for tender, steps in zip(created, histories, strict=True)
            for i, (day, phase) in enumerate(steps)
        ),
        batch_size=1000,
    )
    for tender, steps in zip(created, histories, strict=True):
        tender.phase = steps[-1][1]
    Tender.objects.bulk_update(created, ["phase"], batch_size=500)
    _themes_apply(rng, created)
    awarded = [
        (tender, day)
        for tender, steps in zip(created, histories, strict=True)
        for day, phase in steps
        if phase == Phase.CONTRACT
    ]
    made = _contracts_create(rng, organisation.pk, awarded, contracts)
    Target.objects.bulk_create(_targets(rng, plan, targets, since, until))
    return Register(len(created), made, targets)


def _tender(rng: random.Random, plan: ActionPlan, n: int, registered: date) -> Tender:
    publication = registered + timedelta(rng.randint(30, 200))
    return Tender(
        organisation=plan.organisation,
        reference=f"BENCH-{n:05d}",
        title=f"{rng.choice(SUBJECTS)} {registered.year}-{registered.year + 3} ({n})",
        cpv_codes=[rng.choice(CPV)],
        estimated_value=Decimal(rng.randint(50, 5000) * 1000) if rng.random() < 0.9 else None,
        procedure=rng.choice([c for c, _ in Tender.Procedure.choices]),
        department=rng.choice(("Inkoop", "Facilitaire Zaken", "Openbare Ruimte", "ICT")),
        planned_publication_on=publication,
        planned_start_on=publication + timedelta(rng.randint(60, 240)),
        registered_on=registered,
    )


def _history(rng: random.Random, tender: Tender, until: date) -> list[tuple[date, Phase]]:
    """Preparation from registration, then along the pipeline at its planned dates (give
    or take), up to `until`; one in twenty is withdrawn on the way."""
    steps = [(tender.registered_on, Phase.PREPARATION)]
    day = tender.planned_publication_on or tender.registered_on
    for phase in PATH:
        day = max(day + timedelta(rng.randint(-10, 70)), steps[-1][0])
        if day > until:
            break
        if rng.random() < 0.05:
            steps.append((day, Phase.WITHDRAWN))
            break
        steps.append((day, phase))
        day += timedelta(rng.randint(30, 400) if phase == Phase.CONTRACT else 0)
    return steps


def _themes_apply(rng: random.Random, tenders: list[Tender]) -> None:
    themes = list(Theme.objects.filter(organisation=None, is_legacy=False))
    rows = []
    for tender in tenders:
        if rng.random() < 0.35:
            continue
        for theme in rng.sample(themes, rng.randint(1, 3)):
            used = rng.sample(INSTRUMENTS, rng.randint(1, 2))
            rows.append(
                AppliedTheme(
                    tender=tender,
                    theme=theme,
                    ambition_level=rng.randint(1, 3),
                    **dict.fromkeys(used, True),
                )
            )
    AppliedTheme.objects.bulk_create(rows, batch_size=1000)


def _contracts_create(
    rng: random.Random, organisation_id: int, awarded: list[tuple[Tender, date]], count: int
) -> int:
    suppliers = Supplier.objects.bulk_create(
        Supplier(
            organisation_id=organisation_id,
            name=f"Leverancier {n:03d} B.V.",
            kvk_number=f"{60000000 + n * 7919:08d}",
            city=rng.choice(("Eindhoven", "Helmond", "Tilburg", "Den Bosch", "Utrecht")),
        )
        for n in range(80)
    )
    chosen = awarded[:count]
    rows = []
    for n in range(count):
        tender, day = chosen[n % len(chosen)] if chosen else (None, date(2022, 1, 1))
        rows.append(
            Contract(
                organisation_id=organisation_id,
                tender=tender if n < len(chosen) else None,
                reference=f"BENCH-C-{n:05d}",
                title=(tender.title if tender else "Opdracht") + f" perceel {n}",
                supplier=rng.choice(suppliers),
                awarded_value=Decimal(rng.randint(20, 4000) * 1000),
                awarded_on=day,
                starts_on=day + timedelta(30),
                ends_on=day + timedelta(30 + rng.randint(365, 1460)),
            )
        )
    Contract.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _targets(
    rng: random.Random, plan: ActionPlan, count: int, since: date, until: date
) -> list[Target]:
    kinds = list(KpiKind)
    rows = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        starts = since + timedelta(rng.randint(0, (until - since).days // 2))
        percent = kind in (KpiKind.MVI_SHARE, KpiKind.VALUE_SHARE, KpiKind.INSTRUMENT_SHARE)
        rows.append(
            Target(
                plan=plan,
                title=f"Doel {n + 1}: {kind.label}",
                kpi_kind=kind,
                start_year=starts.year + 1 if n % 2 else None,
                instrument=rng.choice(list(Instrument)) if "instrument" in kind else "",
                target_value=Decimal(rng.randint(40, 90) if percent else rng.randint(5, 60)),
                starts_on=starts,
                deadline=starts + timedelta(rng.randint(180, 900)),
            )
        )
    return rows
