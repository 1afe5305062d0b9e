"""The pipeline: the tenders as they stand now by phase and quarter of the planned
contract start, filtered by theme and department, as a page with a timeline and
tables."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.selectors.pipeline import (
    pipeline_by_phase,
    pipeline_tenders,
    quarter_counts,
    tender_departments,
)
from tests.targets.helpers import tender, theme

URL = reverse("procurement:pipeline", kwargs={"org_slug": "helmond"})


@pytest.fixture(autouse=True)
def _first_of_december_in_english(frozen_today, english):
    """Today is 1 December 2017, after the monitor of 20 September; messages in English."""
    frozen_today(date(2017, 12, 1))


@pytest.fixture
def register(world):
    org, klimaat = world.helmond, theme("klimaat")
    return {
        "groen": tender(
            org,
            title="Groen",
            themes=[klimaat],
            department="Stadsbeheer",
            publishes=date(2017, 11, 1),
            starts=date(2018, 3, 1),
            phases=[(date(2017, 11, 1), Phase.PUBLICATION)],
        ),
        "facilitair": tender(
            org,
            title="Facilitair",
            department="Bedrijfsvoering",
            publishes=date(2018, 1, 15),
            starts=date(2018, 7, 1),
        ),
        "wmo": tender(
            org,
            title="WMO Hulpmiddelen",
            themes=[theme("social-return")],
            department="Zorg",
            starts=date(2018, 2, 1),
        ),
        "zwembad": tender(org, title="Zwemvoorziening", department="Stadsbeheer"),
        "stop_and_go": tender(
            org,
            title="Stop and Go",
            themes=[klimaat],
            publishes=date(2017, 3, 1),
            starts=date(2017, 9, 1),
            phases=[
                (date(2017, 3, 1), Phase.PUBLICATION),
                (date(2017, 6, 1), Phase.AWARD),
                (date(2017, 8, 1), Phase.CONTRACT),
                (date(2017, 11, 20), Phase.COMPLETED),
            ],
        ),
    }


def titles(tenders) -> list[str]:
    return [t.title for t in tenders]


def test_the_pipeline_lists_unfinished_tenders_by_planned_start(world, register):
    tender(world.other, title="Van een ander", starts=date(2018, 1, 1))
    tenders = pipeline_tenders(organisation=world.helmond)
    assert titles(tenders) == ["WMO Hulpmiddelen", "Groen", "Facilitair", "Zwemvoorziening"]
    with_finished = pipeline_tenders(organisation=world.helmond, include_finished=True)
    assert titles(with_finished)[0] == "Stop and Go"


def test_the_pipeline_filters_on_theme_and_department(world, register):
    klimaat = theme("klimaat")
    assert titles(pipeline_tenders(organisation=world.helmond, theme=klimaat)) == ["Groen"]
    assert titles(pipeline_tenders(organisation=world.helmond, department="Stadsbeheer")) == [
        "Groen",
        "Zwemvoorziening",
    ]
    both = pipeline_tenders(organisation=world.helmond, theme=klimaat, department="Zorg")
    assert both == []


def test_the_tenders_are_grouped_by_phase_and_quarter_of_planned_start(world, register):
    groups = pipeline_by_phase(pipeline_tenders(organisation=world.helmond))
    assert [g.phase for g in groups] == [Phase.PREPARATION, Phase.PUBLICATION]
    preparation = groups[0]
    assert [(q.label, titles(q.tenders)) for q in preparation.quarters] == [
        ("Q1 2018", ["WMO Hulpmiddelen"]),
        ("Q3 2018", ["Facilitair"]),
        ("no planned start", ["Zwemvoorziening"]),
    ]
    assert (groups[1].count, groups[1].quarters[0].label) == (1, "Q1 2018")


def test_the_counts_per_quarter_and_phase(world, register):
    phases, rows = quarter_counts(pipeline_tenders(organisation=world.helmond))
    assert phases == [Phase.PREPARATION, Phase.PUBLICATION]
    assert rows == [
        ("Q1 2018", [1, 1], 2),
        ("Q3 2018", [1, 0], 1),
        ("no planned start", [1, 0], 1),
    ]


def test_the_themes_are_named_in_the_active_language(world, register):
    [groen] = pipeline_tenders(organisation=world.helmond, theme=theme("klimaat"))
    assert groen.themes == ("Climate",)
    with translation.override("nl"):
        [groen] = pipeline_tenders(organisation=world.helmond, theme=theme("klimaat"))
    assert groen.themes == ("Klimaat",)


def test_the_departments_for_the_filter_are_the_organisations_own(world, register):
    tender(world.other, department="Elders")
    assert tender_departments(organisation=world.helmond) == [
        "Bedrijfsvoering",
        "Stadsbeheer",
        "Zorg",
    ]


def test_the_page_shows_the_timeline_the_counts_and_the_tenders(world, login, register):
    response = login(world.viewer).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline"' in page
    assert "Without planned dates" in page and "Zwemvoorziening" in page
    assert "Number of tenders per quarter of the planned contract start and phase" in page
    assert "Stop and Go" not in page
    assert "4 tenders in the pipeline" in page


def test_the_timelines_legend_names_every_phase_in_a_list_that_wraps(world, login, register):
    page = login(world.viewer).get(URL).content.decode()
    legend = page[page.index('<ul class="timeline-legend"') :]
    legend = legend[: legend.index("</ul>")]
    for phase in Phase:
        assert f"phase-swatch--{phase.value}" in legend and str(phase.label) in legend
    assert "one planned date only" in legend


def test_the_page_filters_with_its_get_form(world, login, register):
    client = login(world.viewer)
    response = client.get(URL, {"theme": theme("social-return").pk, "department": ""})
    assert titles(response.context["tenders"]) == ["WMO Hulpmiddelen"]
    response = client.get(URL, {"finished": "on"})
    assert "Stop and Go" in response.content.decode()
    # A choice that does not exist filters nothing.
    response = client.get(URL, {"department": "Onbekend"})
    assert len(response.context["tenders"]) == 4


def test_another_organisations_theme_is_no_filter(world, login, register):
    foreign = Theme.objects.create(organisation=world.other, code="ander", name="Ander")
    response = login(world.viewer).get(URL, {"theme": foreign.pk})
    assert len(response.context["tenders"]) == 4


def test_an_empty_pipeline_says_so(world, login):
    page = login(world.viewer).get(URL).content.decode()
    assert "No tenders match these filters." in page
    assert "<svg" not in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_page_takes_the_same_queries_whatever_the_number_of_tenders(
    world, login, django_assert_max_num_queries, size
):
    for n in range(size):
        tender(
            world.helmond,
            themes=[theme("klimaat")],
            department=f"Afdeling {n % 3}",
            publishes=date(2018, 1, 1),
            starts=date(2018, 4, 1),
        )
    client = login(world.viewer)
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)
