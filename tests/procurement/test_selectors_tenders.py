from datetime import date

import pytest

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.selectors import tenders as selectors
from mvimonitor.procurement.services import tenders as services
from tests.procurement.factories import AppliedThemeFactory, TenderFactory


@pytest.fixture(autouse=True)
def _new_years_eve(frozen_today):
    frozen_today(date(2017, 12, 31))


def move(tender, phase, on, note=""):
    services.tender_change_phase(
        tender=tender, to_phase=phase, effective_on=on, by=None, version=tender.version, note=note
    )


def test_the_phase_on_a_date_comes_from_the_history(world):
    tender = TenderFactory(organisation=world.helmond, registered_on=date(2017, 4, 1))
    move(tender, Phase.PUBLICATION, date(2017, 6, 1))
    move(tender, Phase.AWARD, date(2017, 8, 1))
    later = TenderFactory(organisation=world.helmond, registered_on=date(2017, 7, 1))
    TenderFactory(organisation=world.other, registered_on=date(2017, 4, 1))

    def on(day):
        return selectors.tender_phases_on(organisation=world.helmond, on=day)

    assert on(date(2017, 3, 31)) == {}
    assert on(date(2017, 5, 31)) == {tender.pk: Phase.PREPARATION}
    assert on(date(2017, 6, 1)) == {tender.pk: Phase.PUBLICATION}
    assert on(date(2017, 7, 31)) == {tender.pk: Phase.PUBLICATION, later.pk: Phase.PREPARATION}
    assert on(date(2017, 12, 31))[tender.pk] == Phase.AWARD


def test_the_phase_on_a_date_takes_one_query(world, django_assert_num_queries):
    for n in range(5):
        TenderFactory(organisation=world.helmond, reference=f"N{n}")
    with django_assert_num_queries(1):
        selectors.tender_phases_on(organisation=world.helmond, on=date(2017, 9, 20))


def test_a_tender_has_mvi_impact_when_at_least_one_theme_is_applied(world):
    with_mvi = TenderFactory(organisation=world.helmond, reference="MVI")
    AppliedThemeFactory(tender=with_mvi)
    TenderFactory(organisation=world.helmond, reference="ZONDER")
    flags = {
        t.reference: t.has_mvi for t in selectors.organisation_tenders(organisation=world.helmond)
    }
    assert flags == {"MVI": True, "ZONDER": False}


def test_the_register_is_ordered_by_planned_start_with_unplanned_last(world):
    TenderFactory(organisation=world.helmond, reference="B", planned_start_on=None)
    TenderFactory(organisation=world.helmond, reference="C", planned_start_on=date(2018, 2, 1))
    TenderFactory(organisation=world.helmond, reference="A", planned_start_on=date(2018, 1, 1))
    references = [t.reference for t in selectors.organisation_tenders(organisation=world.helmond)]
    assert references == ["A", "C", "B"]


def test_the_detail_reads_history_themes_and_actions_in_a_fixed_number_of_queries(
    world, django_assert_num_queries
):
    tender = TenderFactory(organisation=world.helmond)
    move(tender, Phase.PUBLICATION, date(2017, 6, 1))
    AppliedThemeFactory(tender=tender)
    AppliedThemeFactory(tender=tender, theme=Theme.objects.get(code="circulair"))
    tender.actions.set([world.owned_action, world.unowned_action])
    with django_assert_num_queries(4):
        detail = selectors.tender_for_organisation(organisation=world.helmond, pk=tender.pk)
        assert len(detail.phase_changes.all()) == 2
        assert len(detail.applied_themes.all()) == 2
        assert [a.plan.name for a in detail.actions.all()] == [world.plan.name] * 2


def test_another_organisations_tender_is_not_found(world):
    theirs = TenderFactory(organisation=world.other)
    with pytest.raises(theirs.DoesNotExist):
        selectors.tender_for_organisation(organisation=world.helmond, pk=theirs.pk)


def test_an_actions_tenders_and_the_linkable_actions(world):
    tender = TenderFactory(organisation=world.helmond)
    AppliedThemeFactory(tender=tender)
    tender.actions.add(world.owned_action)
    assert [(t.pk, t.has_mvi) for t in selectors.action_tenders(action=world.owned_action)] == [
        (tender.pk, True)
    ]
    linkable = list(selectors.linkable_actions(organisation=world.helmond))
    assert world.other_action not in linkable
    assert {world.owned_action, world.unowned_action} <= set(linkable)


def test_departments_are_listed_once_each(world):
    TenderFactory(organisation=world.helmond, department="Inkoop")
    TenderFactory(organisation=world.helmond, department="Inkoop")
    TenderFactory(organisation=world.helmond, department="")
    assert selectors.tender_departments(organisation=world.helmond) == ["Inkoop"]


def test_the_tender_references_are_those_of_the_organisations_tenders_only(world):
    TenderFactory(organisation=world.helmond, reference="HLM-2017-001")
    TenderFactory(organisation=world.helmond, reference="HLM-2017-002")
    TenderFactory(organisation=world.other, reference="OTH-2017-001")

    assert selectors.tender_references(organisation=world.helmond) == {
        "HLM-2017-001",
        "HLM-2017-002",
    }
