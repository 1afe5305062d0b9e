"""Every KPI kind on a small hand-made register whose answers are worked out by hand.

The register (Helmond), on 20 September 2017 (SEP) and 1 December 2017 (DEC):

    tender registered themes (how)                      value start      phases
    t1     2017-05-01 klimaat (requirement)              100 2018-03-01 publ. 08-01, award 10-15
    t2     2017-06-01 circulair (award), klimaat (clause) 300 2018-06-01 -
    t3     2017-06-01 -                                  600 2018-01-01 -
    t4     2017-10-01 social return (requirement)       none 2019-01-01 -
    t5     2017-05-01 klimaat (requirement)             1000 2018-02-01 withdrawn 11-01
"""

from datetime import date
from decimal import Decimal

import pytest

from mvimonitor.procurement.phases import Phase
from mvimonitor.targets.kpis import (
    CountedCache,
    KpiSpec,
    kpi_value,
    kpi_value_on,
    kpi_values_on,
    register_facts,
    share_of_tenders_applying,
    share_of_tenders_with_mvi,
    share_of_value_with_mvi,
    tenders_applying,
    tenders_with_mvi,
)
from mvimonitor.targets.models import Instrument, KpiKind
from tests.targets.helpers import contract, tender, theme

SEP, DEC = date(2017, 9, 20), date(2017, 12, 1)


@pytest.fixture
def register(world):
    org = world.helmond
    klimaat, circulair, social = theme("klimaat"), theme("circulair"), theme("social-return")
    return {
        "t1": tender(
            org,
            themes=[klimaat],
            value="100",
            starts=date(2018, 3, 1),
            phases=[(date(2017, 8, 1), Phase.PUBLICATION), (date(2017, 10, 15), Phase.AWARD)],
        ),
        "t2": tender(
            org,
            registered_on=date(2017, 6, 1),
            themes={circulair: ["award"], klimaat: ["contract_clause"]},
            value="300",
            starts=date(2018, 6, 1),
        ),
        "t3": tender(org, registered_on=date(2017, 6, 1), value="600", starts=date(2018, 1, 1)),
        "t4": tender(
            org, registered_on=date(2017, 10, 1), themes=[social], starts=date(2019, 1, 1)
        ),
        "t5": tender(
            org,
            themes=[klimaat],
            value="1000",
            starts=date(2018, 2, 1),
            phases=[(date(2017, 11, 1), Phase.WITHDRAWN)],
        ),
    }


def test_the_number_of_tenders_with_mvi_counts_those_registered_by_the_date(world, register):
    assert tenders_with_mvi(organisation=world.helmond, on=SEP) == 3  # t1, t2, t5
    assert tenders_with_mvi(organisation=world.helmond, on=DEC) == 3  # t1, t2, t4


def test_a_withdrawn_tender_counts_until_the_day_before_its_withdrawal(world, register):
    klimaat = theme("klimaat")
    before = tenders_with_mvi(organisation=world.helmond, on=date(2017, 10, 31), theme=klimaat)
    on_the_day = tenders_with_mvi(organisation=world.helmond, on=date(2017, 11, 1), theme=klimaat)
    assert (before, on_the_day) == (3, 2)


def test_a_tender_registered_after_the_date_is_in_no_figure(world, register):
    social = theme("social-return")
    assert tenders_with_mvi(organisation=world.helmond, on=date(2017, 9, 30), theme=social) == 0
    assert tenders_with_mvi(organisation=world.helmond, on=date(2017, 10, 1), theme=social) == 1


def test_the_number_filters_on_theme_and_start_year(world, register):
    org = world.helmond
    assert tenders_with_mvi(organisation=org, on=DEC, theme=theme("klimaat")) == 2  # t1, t2
    assert tenders_with_mvi(organisation=org, on=DEC, start_year=2018) == 2  # t1, t2
    assert tenders_with_mvi(organisation=org, on=DEC, start_year=2019) == 1  # t4
    assert tenders_with_mvi(organisation=org, on=DEC, theme=theme("klimaat"), start_year=2019) == 0


def test_the_phase_filter_takes_the_phase_on_the_date_from_the_history(world, register):
    org = world.helmond
    # t1 was in publication on 20 September and has been in award since 15 October.
    assert tenders_with_mvi(organisation=org, on=SEP, phase=Phase.AWARD) == 0
    assert tenders_with_mvi(organisation=org, on=date(2017, 10, 14), phase=Phase.AWARD) == 0
    assert tenders_with_mvi(organisation=org, on=date(2017, 10, 15), phase=Phase.AWARD) == 1
    # "publication" means publication or a later phase: t1 on both dates.
    assert tenders_with_mvi(organisation=org, on=SEP, phase=Phase.PUBLICATION) == 1
    assert tenders_with_mvi(organisation=org, on=DEC, phase=Phase.PUBLICATION) == 1
    assert tenders_with_mvi(organisation=org, on=date(2017, 7, 31), phase=Phase.PUBLICATION) == 0


def test_the_share_of_tenders_with_mvi_is_a_percentage_with_one_decimal(world, register):
    org = world.helmond
    assert share_of_tenders_with_mvi(organisation=org, on=SEP) == Decimal("75.0")  # 3 of 4
    assert share_of_tenders_with_mvi(organisation=org, on=DEC) == Decimal("75.0")  # 3 of 4
    assert share_of_tenders_with_mvi(organisation=org, on=DEC, start_year=2018) == Decimal(
        "66.7"
    )  # 2 of 3 (t1, t2 of t1, t2, t3)


def test_the_share_per_theme_divides_by_every_tender_that_counts(world, register):
    org = world.helmond
    klimaat, circulair = theme("klimaat"), theme("circulair")
    assert share_of_tenders_with_mvi(organisation=org, on=DEC, theme=klimaat) == Decimal("50.0")
    assert share_of_tenders_with_mvi(organisation=org, on=DEC, theme=circulair) == Decimal("25.0")
    assert share_of_tenders_with_mvi(organisation=org, on=SEP, theme=klimaat) == Decimal("75.0")


def test_the_share_of_value_uses_the_estimated_value_and_leaves_out_tenders_without(
    world, register
):
    org = world.helmond
    # SEP: 100 + 300 + 1000 of 100 + 300 + 600 + 1000 = 70%.
    assert share_of_value_with_mvi(organisation=org, on=SEP) == Decimal("70.0")
    # DEC: t5 withdrawn, t4 has no value: 100 + 300 of 1,000 = 40%.
    assert share_of_value_with_mvi(organisation=org, on=DEC) == Decimal("40.0")
    assert share_of_value_with_mvi(organisation=org, on=DEC, theme=theme("circulair")) == Decimal(
        "30.0"
    )


def test_the_share_of_value_uses_the_awarded_value_from_the_day_of_award(world, register):
    org = world.helmond
    contract(register["t2"], awarded_on=date(2017, 11, 15), value="250")
    contract(register["t2"], awarded_on=date(2017, 11, 15), value="250")
    contract(register["t3"], awarded_on=date(2017, 11, 15), value=None)  # no value: estimate
    # Before the award t2 still weighs its estimate of 300: 400 of 1,000.
    assert share_of_value_with_mvi(organisation=org, on=date(2017, 11, 14)) == Decimal("40.0")
    # From the award on, its two lots: 100 + 500 of 100 + 500 + 600 = 50%.
    assert share_of_value_with_mvi(organisation=org, on=date(2017, 11, 15)) == Decimal("50.0")


def test_the_number_and_share_applying_mvi_in_a_given_way(world, register):
    org = world.helmond
    award, clause = Instrument.AWARD, Instrument.CONTRACT_CLAUSE
    assert tenders_applying(organisation=org, on=DEC, instrument=award) == 1  # t2
    assert tenders_applying(organisation=org, on=DEC, instrument=Instrument.REQUIREMENT) == 2
    assert tenders_applying(organisation=org, on=SEP, instrument=Instrument.REQUIREMENT) == 2
    assert (
        tenders_applying(organisation=org, on=DEC, instrument=clause, theme=theme("klimaat")) == 1
    )
    assert (
        tenders_applying(organisation=org, on=DEC, instrument=clause, theme=theme("circulair")) == 0
    )
    assert share_of_tenders_applying(organisation=org, on=DEC, instrument=award) == Decimal("25.0")
    assert share_of_tenders_applying(
        organisation=org, on=DEC, instrument=Instrument.SELECTION
    ) == Decimal("0.0")


def test_shares_without_tenders_to_divide_by_cannot_be_computed(world, register):
    org = world.helmond
    assert share_of_tenders_with_mvi(organisation=org, on=date(2017, 4, 30)) is None
    assert share_of_tenders_with_mvi(organisation=org, on=DEC, start_year=2030) is None
    assert share_of_value_with_mvi(organisation=org, on=DEC, start_year=2019) is None  # t4
    assert tenders_with_mvi(organisation=org, on=date(2017, 4, 30)) == 0
    for instrument in Instrument:
        assert (
            share_of_tenders_applying(organisation=world.other, on=DEC, instrument=instrument)
            is None
        )


def test_another_organisations_tenders_are_in_no_figure(world, register):
    tender(world.other, themes=[theme("klimaat")], value="5000")
    assert tenders_with_mvi(organisation=world.other, on=DEC) == 1
    assert tenders_with_mvi(organisation=world.helmond, on=DEC) == 3
    assert share_of_value_with_mvi(organisation=world.helmond, on=DEC) == Decimal("40.0")


def test_the_values_on_many_dates_agree_with_each_date_alone(world, register):
    spec = KpiSpec(KpiKind.MVI_SHARE, theme_id=theme("klimaat").pk)
    days = [date(2017, 5, 1), SEP, date(2017, 10, 31), date(2017, 11, 1), DEC]
    together = kpi_values_on(organisation=world.helmond, spec=spec, dates=days)
    assert together == {
        day: kpi_value_on(organisation=world.helmond, spec=spec, on=day) for day in days
    }
    assert together[date(2017, 5, 1)] == Decimal("100.0")  # t1 and t5, both klimaat


def test_kpis_sharing_a_cache_give_what_each_gives_alone(world, register):
    """The cache of counted tenders is keyed by date and filters: KPIs with other
    filters computed on the same facts never take each other's tenders."""
    klimaat = theme("klimaat").pk
    specs = [
        KpiSpec(KpiKind.MVI_COUNT),
        KpiSpec(KpiKind.MVI_COUNT, theme_id=klimaat),
        KpiSpec(KpiKind.MVI_COUNT, start_year=2018),
        KpiSpec(KpiKind.MVI_COUNT, phase=Phase.AWARD),
        KpiSpec(KpiKind.MVI_SHARE, start_year=2019),
        KpiSpec(KpiKind.VALUE_SHARE, phase=Phase.PUBLICATION),
        KpiSpec(KpiKind.INSTRUMENT_SHARE, instrument=Instrument.REQUIREMENT),
    ]
    facts = register_facts(organisation_id=world.helmond.pk, dates=[SEP, DEC])
    alone = [kpi_value(facts, spec, day) for day in (SEP, DEC) for spec in specs]
    cache: CountedCache = {}
    shared = [kpi_value(facts, spec, day, cache) for day in (SEP, DEC) for spec in specs]
    assert shared == alone
    assert len(cache) == 10  # (start year, phase): five combinations, on two dates


@pytest.mark.parametrize("size", [3, 30])
def test_reading_the_register_takes_three_queries_whatever_its_size(
    world, django_assert_num_queries, size
):
    for n in range(size):
        item = tender(world.helmond, themes=[theme("klimaat")], value=str(n))
        contract(item, awarded_on=date(2017, 6, 1), value="10")
    days = [date(2017, 6, 1), SEP, DEC]
    with django_assert_num_queries(3):
        facts = register_facts(organisation_id=world.helmond.pk, dates=days)
    assert len(facts) == size


def test_a_spec_names_an_instrument_exactly_for_the_instrument_kinds():
    with pytest.raises(ValueError):
        KpiSpec(KpiKind.INSTRUMENT_COUNT)
    with pytest.raises(ValueError):
        KpiSpec(KpiKind.MVI_COUNT, instrument=Instrument.AWARD)
    with pytest.raises(ValueError):
        KpiSpec(KpiKind.MVI_COUNT, phase=Phase.WITHDRAWN)
