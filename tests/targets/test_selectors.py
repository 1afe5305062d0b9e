"""The public reads the monitor report uses: target_values_on and mvi_share_per_theme."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.phases import Phase
from mvimonitor.targets import services
from mvimonitor.targets.models import Instrument, KpiKind
from mvimonitor.targets.selectors import (
    kpi_label,
    monthly_dates,
    mvi_share_per_theme,
    plan_target_titles,
    target_series,
    target_values_on,
)
from tests.targets.helpers import tender, theme


def five_tenders_target(plan, **changes):
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


def test_a_target_shows_its_value_progress_and_state_on_a_date(world):
    target = five_tenders_target(world.plan)
    for registered in (date(2017, 9, 1), date(2017, 10, 20), date(2017, 11, 10)):
        tender(
            world.helmond,
            registered_on=registered,
            themes=[theme("klimaat")],
            starts=date(2018, 4, 1),
        )
    tender(world.helmond, themes=[theme("klimaat")], starts=date(2019, 4, 1))  # other year
    [value] = target_values_on(plan=world.plan, on=date(2017, 11, 15))
    assert value.target_id == target.pk
    assert value.title == target.title
    assert value.kpi == "Tenders with MVI impact (start in 2018)"
    assert (value.kpi_kind, value.unit) == ("mvi_count", "count")
    assert (value.target, value.value, value.progress) == (Decimal(5), Decimal(3), 0.6)
    # Line from 1 (on 1 October) to 5 (31 December): 2.96 on 15 November; 3 is on track.
    assert value.state == "on_track"
    [later] = target_values_on(plan=world.plan, on=date(2017, 12, 20))
    assert later.state == "behind"
    [after] = target_values_on(plan=world.plan, on=date(2018, 1, 1))
    assert after.state == "missed"
    assert (after.starts_on, after.deadline) == (date(2017, 10, 1), date(2017, 12, 31))


def test_a_share_target_without_tenders_has_no_value_and_no_progress(world):
    five_tenders_target(world.plan, kpi_kind=KpiKind.MVI_SHARE, target_value=Decimal(60))
    [value] = target_values_on(plan=world.plan, on=date(2017, 11, 1))
    assert value.unit == "percent"
    assert (value.value, value.progress, value.state) == (None, None, "behind")


def test_target_values_are_in_deadline_order_and_only_of_the_plan(world):
    late = five_tenders_target(world.plan, title="Later", deadline=date(2018, 12, 31))
    early = five_tenders_target(world.plan, title="Eerder")
    five_tenders_target(world.other_plan)
    values = target_values_on(plan=world.plan, on=date(2017, 11, 1))
    assert [v.target_id for v in values] == [early.pk, late.pk]


@pytest.mark.parametrize("size", [1, 10])
def test_target_values_take_the_same_queries_whatever_the_size(
    world, django_assert_num_queries, size
):
    for n in range(size):
        five_tenders_target(
            world.plan, title=f"Doel {n}", starts_on=date(2017, 10, n + 1), theme=theme("klimaat")
        )
        tender(world.helmond, themes=[theme("klimaat")], starts=date(2018, 1, 1))
    with django_assert_num_queries(4):
        values = target_values_on(plan=world.plan, on=date(2017, 11, 1))
    assert len(values) == size


def test_kpi_labels_name_the_filters_in_the_active_language(world):
    target = five_tenders_target(
        world.plan,
        kpi_kind=KpiKind.INSTRUMENT_SHARE,
        instrument=Instrument.AWARD,
        theme=theme("klimaat"),
        phase=Phase.AWARD,
        target_value=Decimal(50),
    )
    assert kpi_label(target) == (
        "Share of tenders applying MVI as an award criterion "
        "(theme Climate, start in 2018, in phase award or later)"
    )
    with translation.override("nl"):
        assert "Klimaat" in kpi_label(target)


def test_the_share_per_theme_lists_the_national_and_own_themes(world):
    own = Theme.objects.create(
        organisation=world.helmond,
        code="eigen",
        name="Eigen thema",
        name_en="Own theme",
        position=100,
    )
    Theme.objects.create(organisation=world.other, code="ander", name="Ander", name_en="Other")
    tender(world.helmond, themes=[theme("klimaat"), own])
    tender(world.helmond, themes=[theme("klimaat")])
    tender(world.helmond, themes=[theme("innovatie")])
    tender(world.helmond)
    shares = {
        s.theme_code: s
        for s in mvi_share_per_theme(organisation=world.helmond, on=date(2017, 11, 1))
    }
    # Both names: the report shows the one of its language (ThemeShareItem.label).
    assert (shares["klimaat"].theme_name, shares["klimaat"].theme_name_en) == ("Klimaat", "Climate")
    assert (shares["klimaat"].with_mvi, shares["klimaat"].total) == (2, 4)
    assert shares["klimaat"].share == Decimal("50.0")
    assert shares["eigen"].share == Decimal("25.0")
    assert shares["circulair"].share == Decimal("0.0")
    assert shares["innovatie"].with_mvi == 1  # a legacy theme, listed because it is applied
    assert "mkb" not in shares  # legacy and not applied
    assert "ander" not in shares


def test_the_share_per_theme_before_any_tender_cannot_be_computed(world):
    shares = mvi_share_per_theme(organisation=world.helmond, on=date(2017, 11, 1))
    assert shares and all(s.share is None and s.total == 0 for s in shares)
    assert [s.theme_code for s in shares][:2] == ["milieu-biodiversiteit", "klimaat"]


def test_monthly_dates_run_from_the_start_over_each_first_of_the_month_to_the_end():
    assert monthly_dates(date(2017, 10, 15), date(2018, 1, 10)) == [
        date(2017, 10, 15),
        date(2017, 11, 1),
        date(2017, 12, 1),
        date(2018, 1, 1),
        date(2018, 1, 10),
    ]
    assert monthly_dates(date(2017, 12, 1), date(2018, 1, 1)) == [
        date(2017, 12, 1),
        date(2018, 1, 1),
    ]


def test_the_series_has_values_up_to_today_and_the_line_to_the_deadline(world):
    target = five_tenders_target(world.plan)
    tender(
        world.helmond,
        registered_on=date(2017, 10, 20),
        themes=[theme("klimaat")],
        starts=date(2018, 4, 1),
    )
    points = target_series(target=target, until=date(2017, 12, 1))
    assert [p.on for p in points] == [
        date(2017, 10, 1),
        date(2017, 11, 1),
        date(2017, 12, 1),
        date(2017, 12, 31),
    ]
    assert [p.value for p in points] == [0, 1, 1, None]
    assert points[0].line == 0 and points[-1].line == 5


def test_the_series_includes_today_between_two_firsts_of_the_month(world):
    target = five_tenders_target(world.plan)
    tender(
        world.helmond,
        registered_on=date(2017, 11, 10),
        themes=[theme("klimaat")],
        starts=date(2018, 4, 1),
    )
    points = target_series(target=target, until=date(2017, 11, 15))
    assert [(p.on, p.value) for p in points] == [
        (date(2017, 10, 1), 0),
        (date(2017, 11, 1), 0),
        (date(2017, 11, 15), 1),
        (date(2017, 12, 1), None),
        (date(2017, 12, 31), None),
    ]


def test_the_target_titles_of_a_plan_are_those_of_its_own_targets(world):
    five_tenders_target(world.plan)
    five_tenders_target(world.plan, title="Tien aanbestedingen met MVI-impact")
    five_tenders_target(world.other_plan, title="Een doel van een ander plan")

    assert plan_target_titles(plan=world.plan) == {
        "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018",
        "Tien aanbestedingen met MVI-impact",
    }
