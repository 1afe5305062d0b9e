"""The register read once: the phase computed in memory from a tender's history agrees
with the SQL of procurement (phase_on_expression) on every date, also with two changes
on one day, and the targets' and themes' figures are the same from facts passed in as
from their own read."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mvimonitor.procurement.models import Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.selectors.tenders import tender_phases_on
from mvimonitor.targets import services
from mvimonitor.targets.kpis import register_facts
from mvimonitor.targets.models import KpiKind
from mvimonitor.targets.selectors import mvi_share_per_theme, target_values_on
from tests.targets.helpers import contract, tender, theme


def test_the_phase_in_memory_is_the_phase_of_the_sql_on_every_date(world):
    tender(world.helmond, registered_on=date(2017, 5, 1))
    tender(
        world.helmond,
        registered_on=date(2017, 5, 1),
        phases=[(date(2017, 6, 1), Phase.PUBLICATION), (date(2017, 9, 1), Phase.AWARD)],
    )
    same_day = tender(world.helmond, registered_on=date(2017, 5, 1))
    # Two changes effective on one day: the one recorded last wins, whatever its id.
    later = timezone.now()
    for phase, recorded_at in (
        (Phase.WITHDRAWN, later),
        (Phase.PUBLICATION, later - timedelta(hours=1)),
    ):
        TenderPhaseChange.objects.create(
            tender=same_day,
            from_phase=Phase.PREPARATION,
            to_phase=phase,
            effective_on=date(2017, 7, 1),
            recorded_at=recorded_at,
        )
    # A tender whose history starts after its registration: preparation before it.
    late = Tender.objects.create(
        organisation=world.helmond, reference="LATE", title="Laat", registered_on=date(2017, 5, 1)
    )
    TenderPhaseChange.objects.create(
        tender=late, from_phase=None, to_phase=Phase.PUBLICATION, effective_on=date(2017, 8, 1)
    )
    days = [date(2017, 5, 1) + timedelta(days=n) for n in range(0, 200, 7)]
    days += [date(2017, 6, 1), date(2017, 7, 1), date(2017, 8, 1), date(2017, 9, 1)]

    facts = register_facts(organisation_id=world.helmond.pk, dates=days)

    for day in days:
        in_sql = tender_phases_on(organisation=world.helmond, on=day)
        assert {t.id: t.phase_on(day) for t in facts} == in_sql
    assert {t.id: t.phase_on(date(2017, 7, 1)) for t in facts}[same_day.pk] == Phase.WITHDRAWN


def target(plan, **changes):
    fields = {
        "title": "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018",
        "kpi_kind": KpiKind.MVI_COUNT,
        "start_year": 2018,
        "target_value": Decimal(5),
        "starts_on": date(2017, 10, 1),
        "deadline": date(2017, 12, 31),
        **changes,
    }
    return services.target_create(plan=plan, **fields)


def test_targets_and_themes_give_the_same_figures_from_facts_passed_in(
    world, django_assert_num_queries
):
    klimaat = theme("klimaat")
    first = tender(world.helmond, themes=[klimaat], value="100", starts=date(2018, 1, 1))
    tender(world.helmond, value="300", phases=[(date(2017, 9, 1), Phase.PUBLICATION)])
    contract(first, awarded_on=date(2017, 10, 1), value="250")
    target(world.plan, starts_on=date(2017, 9, 1), theme=klimaat)
    target(world.plan, kpi_kind=KpiKind.VALUE_SHARE, target_value=Decimal(60))
    on = date(2017, 11, 1)
    facts = register_facts(organisation_id=world.helmond.pk, dates=[on])

    with django_assert_num_queries(1):
        targets = target_values_on(plan=world.plan, on=on, facts=facts)
    with django_assert_num_queries(1):
        shares = mvi_share_per_theme(organisation=world.helmond, on=on, facts=facts)

    assert targets == target_values_on(plan=world.plan, on=on)
    assert shares == mvi_share_per_theme(organisation=world.helmond, on=on)
    # Only the first starts in 2018: one tender with MVI, and all the value (its award).
    assert sorted(t.value for t in targets) == [Decimal(1), Decimal("100.0")]
