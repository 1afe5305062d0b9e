"""The report's variants (ADR 0025): the council version and the full version, their
default sections, a plan's composition of each as the service saves it (and refuses),
and the report each variant shows: exactly its sections in its order."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mvimonitor.monitoring import sections as registry
from mvimonitor.monitoring.models import ReportComposition
from mvimonitor.monitoring.sections import Section, registered
from mvimonitor.monitoring.selectors import composition_section_ids, monitor_report
from mvimonitor.monitoring.services import (
    StaleCompositionError,
    report_composition_reset,
    report_composition_save,
)
from mvimonitor.monitoring.variants import (
    COUNCIL_DEFAULT,
    ReportVariant,
    default_section_ids,
    effective_section_ids,
)
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory
from tests.monitoring.factories import MonitorFactory
from tests.monitoring.test_section_registry import sample_app  # noqa: F401 -- a fixture

COUNCIL, FULL = ReportVariant.COUNCIL, ReportVariant.FULL
SEED_ORDER = [
    "summary",
    "status_chart",
    "attention_points",
    "communication",
    "planned",
    "realised",
    "late",
    "next_monitor",
    "status_table",
]
EVERY_SECTION = [
    "summary",
    "status_chart",
    "status_table",
    "trend",
    "realised",
    "planned",
    "late",
    "round",
    "not_updated",
    "tenders_targets",
    "attention_points",
    "communication",
    "next_monitor",
]


@pytest.fixture
def people_section(monkeypatch):
    """A section a later app registers (as social return will) that lists people."""

    class PeopleSection(Section):
        id = "placed_people"
        app = "mvimonitor.review"
        position = 95
        title = "Geplaatste mensen"
        names_people = True

    monkeypatch.setitem(registry._registry, PeopleSection.id, PeopleSection())
    return PeopleSection.id


def refusal(variant, ids, plan) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        report_composition_save(plan=plan, variant=variant, section_ids=ids, by=None)
    return refused.value


# -- the defaults -------------------------------------------------------------------------


def test_the_council_version_has_the_seeds_sections_in_the_seeds_order_by_default(world):
    assert list(COUNCIL_DEFAULT) == SEED_ORDER
    assert composition_section_ids(plan=world.plan, variant=COUNCIL) == SEED_ORDER


def test_the_full_version_has_every_section_in_report_order_by_default(world):
    assert composition_section_ids(plan=world.plan, variant=FULL) == EVERY_SECTION


def test_a_section_registered_later_joins_the_full_default_in_its_place_not_the_councils(
    sample_app,  # noqa: F811
):
    full = default_section_ids(FULL)
    assert full.index("communication") < full.index("open_actions") < full.index("next_monitor")
    assert "open_actions" not in default_section_ids(COUNCIL)


def test_a_stored_composition_keeps_only_the_sections_still_registered():
    stored = ["next_monitor", "open_actions", "summary"]  # the sample app is not installed
    assert effective_section_ids(FULL, stored) == ["next_monitor", "summary"]


def test_the_sections_that_name_people_are_marked_so():
    naming = sorted(s.id for s in registered() if s.names_people)
    assert naming == ["not_updated", "round"]


def test_every_section_has_a_plain_dutch_title():
    with translation.override("nl"):
        titles = {s.id: str(s.title) for s in registered()}
    assert titles == {
        "summary": "Samenvatting",
        "status_chart": "Statusgrafiek",
        "status_table": "Statustabel",
        "trend": "Trend",
        "realised": "Gerealiseerde acties",
        "planned": "Geplande acties",
        "late": "Acties te laat",
        "round": "Update-ronde",
        "not_updated": "Niet bijgewerkte acties",
        "tenders_targets": "Aanbestedingen en doelen",
        "attention_points": "Aandachtspunten",
        "communication": "Communicatiemomenten",
        "next_monitor": "Volgende monitor",
    }


# -- saving a composition -----------------------------------------------------------------


def test_a_saved_composition_is_the_plans_order_of_that_variant_only(world):
    report_composition_save(
        plan=world.plan, variant=COUNCIL, section_ids=["status_table", "summary"], by=None
    )

    assert composition_section_ids(plan=world.plan, variant=COUNCIL) == ["status_table", "summary"]
    assert composition_section_ids(plan=world.plan, variant=FULL) == EVERY_SECTION
    assert composition_section_ids(plan=world.other_plan, variant=COUNCIL) == SEED_ORDER


def test_a_composition_with_an_unknown_section_is_refused(world, english):
    error = refusal(COUNCIL, ["summary", "gossip"], world.plan)
    assert error.messages == ["The report has no section “gossip”."]


def test_a_composition_with_a_section_twice_is_refused(world, english):
    error = refusal(FULL, ["summary", "trend", "summary"], world.plan)
    assert error.messages == ["The section “Summary” is chosen more than once."]


def test_an_empty_composition_is_refused(world, english):
    error = refusal(FULL, [], world.plan)
    assert error.messages == ["Choose at least one section for this version of the report."]


@pytest.mark.parametrize("section_id", ["round", "not_updated"])
def test_the_council_version_refuses_a_section_that_names_people(world, section_id):
    with translation.override("nl"):  # in Dutch, as the page says it
        error = refusal(COUNCIL, ["summary", section_id], world.plan)
    title = {"round": "Update-ronde", "not_updated": "Niet bijgewerkte acties"}[section_id]
    assert error.messages == [
        f"Het onderdeel “{title}” noemt personen en kan daarom niet in de raadsversie: "
        "de raadsversie is openbaar."
    ]
    assert not ReportComposition.objects.exists()


def test_a_later_section_that_names_people_is_refused_the_same_way(world, people_section):
    error = refusal(COUNCIL, ["summary", people_section], world.plan)
    assert error.code == "names_people"
    assert "Geplaatste mensen" in error.messages[0]
    assert people_section not in default_section_ids(COUNCIL)
    report_composition_save(
        plan=world.plan, variant=FULL, section_ids=["summary", people_section], by=None
    )


def test_the_full_version_may_hold_the_sections_that_name_people(world):
    report_composition_save(
        plan=world.plan, variant=FULL, section_ids=["not_updated", "round"], by=None
    )
    assert composition_section_ids(plan=world.plan, variant=FULL) == ["not_updated", "round"]


def test_an_unknown_variant_is_refused(world, english):
    error = refusal("press", ["summary"], world.plan)
    assert error.messages == ["There is no report version “press”."]


# -- the lock -----------------------------------------------------------------------------


def test_a_page_showing_the_default_saves_once_and_then_gets_the_conflict(world):
    saved = report_composition_save(
        plan=world.plan, variant=COUNCIL, section_ids=["summary"], by=None, expected_version=1
    )
    assert saved.version == 2

    with pytest.raises(StaleCompositionError):
        report_composition_save(
            plan=world.plan, variant=COUNCIL, section_ids=["trend"], by=None, expected_version=1
        )
    assert composition_section_ids(plan=world.plan, variant=COUNCIL) == ["summary"]


def test_a_page_opened_before_a_reset_gets_the_conflict(world):
    report_composition_save(plan=world.plan, variant=FULL, section_ids=["summary"], by=None)
    reset = report_composition_reset(plan=world.plan, variant=FULL, by=None, expected_version=2)

    assert reset.version == 3 and reset.section_ids is None
    assert composition_section_ids(plan=world.plan, variant=FULL) == EVERY_SECTION
    with pytest.raises(StaleCompositionError):
        report_composition_save(
            plan=world.plan, variant=FULL, section_ids=["trend"], by=None, expected_version=2
        )


def test_a_version_above_one_for_a_plan_without_a_composition_is_stale(world):
    with pytest.raises(StaleCompositionError):
        report_composition_save(
            plan=world.plan, variant=FULL, section_ids=["trend"], by=None, expected_version=5
        )


# -- the report of a variant --------------------------------------------------------------


@pytest.fixture
def stale_monitor(world):
    """A draft with an action running but untouched since April (stale on the monitor
    date) that is due in the window."""
    ActionFactory(
        plan=world.plan,
        period=world.owned_action.period,
        code="S1",
        owner_name="P. Jansen",
        added_on=date(2017, 4, 1),
        status=Status.RUNNING,
        due_date=date(2017, 11, 1),
    )
    return MonitorFactory(plan=world.plan, date=date(2017, 9, 20))


def test_the_council_report_has_exactly_its_sections_in_its_order(world, stale_monitor):
    report, _edition = monitor_report(monitor=stale_monitor, variant=COUNCIL)

    assert [part.id for part in report.parts()] == SEED_ORDER
    assert report.variant == "council"
    assert {"round", "not_updated"} <= report.withheld
    assert "not_updated" not in report.sections
    assert report.section("not_updated") is None  # withheld: its default, no data


def test_the_council_report_follows_the_plans_composition(world, stale_monitor):
    report_composition_save(
        plan=world.plan, variant=COUNCIL, section_ids=["next_monitor", "summary"], by=None
    )
    report, _edition = monitor_report(monitor=stale_monitor, variant=COUNCIL)
    assert [part.id for part in report.parts()] == ["next_monitor", "summary"]


def test_the_council_report_marks_no_action_stale_and_the_full_report_does(world, stale_monitor):
    council, _edition = monitor_report(monitor=stale_monitor, variant=COUNCIL)
    full, _edition = monitor_report(monitor=stale_monitor, variant=FULL)

    assert {a.code: a.stale for a in full.planned}["S1"] is True
    assert {a.code: a.stale for a in council.planned}["S1"] is None


def test_a_full_version_without_the_not_updated_section_marks_nothing_stale(world, stale_monitor):
    report_composition_save(
        plan=world.plan, variant=FULL, section_ids=["planned", "round"], by=None
    )
    full, _edition = monitor_report(monitor=stale_monitor, variant=FULL)

    assert {a.code: a.stale for a in full.planned}["S1"] is None
    assert "not_updated" in full.sections  # its data stays: the full JSON carries it
