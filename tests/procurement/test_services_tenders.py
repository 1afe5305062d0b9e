from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import AppliedTheme, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.services import tenders as services
from tests.factories import UserFactory
from tests.procurement.factories import TenderFactory

pytestmark = pytest.mark.usefixtures("english", "frozen_today")


def national(code):
    return Theme.objects.get(organisation=None, code=code)


def create(world, **fields):
    values = {
        "organisation": world.helmond,
        "by": world.coordinator,
        "reference": "2017-GROEN",
        "title": "Onderhoud openbaar groen",
        "registered_on": date(2017, 5, 1),
    } | fields
    return services.tender_create(**values)


def test_creating_a_tender_writes_its_first_phase_row_on_the_registration_date(world):
    tender = create(world, phase=Phase.PUBLICATION, cpv_codes=["773100006", "45 000000-7"])
    row = TenderPhaseChange.objects.get(tender=tender)
    assert (row.from_phase, row.to_phase, row.effective_on, row.recorded_by) == (
        None,
        Phase.PUBLICATION,
        date(2017, 5, 1),
        world.coordinator,
    )
    assert tender.phase == Phase.PUBLICATION
    assert tender.cpv_codes == ["77310000-6", "45000000-7"]


def test_a_tender_cannot_be_registered_in_the_future_or_as_withdrawn(world):
    with pytest.raises(ValidationError, match="future"):
        create(world, registered_on=date(2017, 9, 21))
    with pytest.raises(ValidationError, match="withdrawn"):
        create(world, phase=Phase.WITHDRAWN)
    assert not Tender.objects.exists()


def test_a_wrong_cpv_code_is_reported_on_the_cpv_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        create(world, cpv_codes=["77310000-5"])
    assert "cpv_codes" in error.value.message_dict
    assert not Tender.objects.exists()


def test_references_are_unique_within_an_organisation_only(world):
    create(world)
    with pytest.raises(ValidationError, match="already has a tender"):
        create(world, reference="2017-groen ")
    assert create(world, organisation=world.other).organisation == world.other


def test_the_planned_start_cannot_precede_the_planned_publication(world):
    with pytest.raises(ValidationError) as error:
        create(world, planned_publication_on=date(2017, 10, 1), planned_start_on=date(2017, 9, 1))
    assert "planned_start_on" in error.value.message_dict


def test_the_buyer_must_be_a_member_of_the_organisation(world):
    with pytest.raises(ValidationError) as error:
        create(world, buyer=world.outsider)
    assert "buyer" in error.value.message_dict
    assert create(world, buyer=world.editor).buyer_display == world.editor.display_name


def test_an_update_raises_the_version_and_a_stale_version_saves_nothing(world):
    tender = create(world)
    services.tender_update(
        tender=tender, by=world.editor, version=1, estimated_value=Decimal("100000.00")
    )
    assert Tender.objects.get(pk=tender.pk).version == 2
    stale = Tender.objects.get(pk=tender.pk)
    with pytest.raises(services.StaleTenderError, match="Someone else changed this tender"):
        services.tender_update(tender=stale, by=world.editor, version=1, title="Anders")
    assert Tender.objects.get(pk=tender.pk).title == "Onderhoud openbaar groen"


def test_registration_cannot_move_after_the_first_phase_change(world):
    tender = create(world)
    with pytest.raises(ValidationError, match="first phase change"):
        services.tender_update(
            tender=tender, by=world.editor, version=1, registered_on=date(2017, 6, 1)
        )


def test_unknown_fields_are_a_programming_error(world):
    with pytest.raises(TypeError):
        create(world, phase_since=date(2017, 1, 1))


def test_a_phase_change_is_appended_and_becomes_the_current_phase(world):
    tender = create(world)
    change = services.tender_change_phase(
        tender=tender,
        to_phase=Phase.PUBLICATION,
        effective_on=date(2017, 6, 1),
        by=world.editor,
        version=1,
    )
    assert (change.from_phase, change.to_phase) == (Phase.PREPARATION, Phase.PUBLICATION)
    tender.refresh_from_db()
    assert (tender.phase, tender.version) == (Phase.PUBLICATION, 2)
    assert tender.phase_changes.count() == 2


@pytest.mark.parametrize(
    ("effective_on", "message"),
    [
        (date(2017, 9, 21), "future"),
        (date(2017, 4, 30), "before the tender was registered"),
        (date(2017, 5, 31), "before the tender's last phase change"),
    ],
)
def test_a_phase_change_date_is_not_in_the_future_nor_before_registration_or_the_last_change(
    world, effective_on, message
):
    tender = create(world)
    services.tender_change_phase(
        tender=tender, to_phase=Phase.PUBLICATION, effective_on=date(2017, 6, 1), by=None, version=1
    )
    with pytest.raises(ValidationError, match=message):
        services.tender_change_phase(
            tender=tender, to_phase=Phase.AWARD, effective_on=effective_on, by=None, version=2
        )
    assert tender.phase_changes.count() == 2


def test_forbidden_transitions_are_refused(world):
    tender = create(world)
    with pytest.raises(ValidationError, match="cannot move"):
        services.tender_change_phase(
            tender=tender, to_phase=Phase.COMPLETED, effective_on=None, by=None, version=1
        )
    with pytest.raises(ValidationError, match="already in the phase"):
        services.tender_change_phase(
            tender=tender, to_phase=Phase.PREPARATION, effective_on=None, by=None, version=1
        )


def test_withdrawing_needs_a_note(world):
    tender = create(world)
    with pytest.raises(ValidationError, match="note"):
        services.tender_change_phase(
            tender=tender, to_phase=Phase.WITHDRAWN, effective_on=None, by=None, version=1
        )
    change = services.tender_change_phase(
        tender=tender,
        to_phase=Phase.WITHDRAWN,
        effective_on=None,
        by=None,
        version=1,
        note=" Geen budget ",
    )
    assert (change.note, change.effective_on) == ("Geen budget", date(2017, 9, 20))


def test_a_phase_change_on_a_stale_version_saves_no_row(world):
    tender = create(world)
    services.tender_update(tender=tender, by=None, version=1, title="Groen 2018")
    with pytest.raises(services.StaleTenderError):
        services.tender_change_phase(
            tender=tender, to_phase=Phase.PUBLICATION, effective_on=None, by=None, version=1
        )
    assert tender.phase_changes.count() == 1
    assert Tender.objects.get(pk=tender.pk).phase == Phase.PREPARATION


def test_applying_a_theme_records_how_and_saving_again_replaces_it(world):
    tender = create(world)
    services.applied_theme_save(
        tender=tender,
        theme=national("klimaat"),
        by=None,
        as_award=True,
        ambition_level=2,
        criteria_ids="GWW-1, GWW-2,,GWW-1",
    )
    applied = services.applied_theme_save(
        tender=tender, theme=national("klimaat"), by=None, as_requirement=True, note=" CO2 "
    )
    row = AppliedTheme.objects.get(tender=tender)
    assert row.pk == applied.pk
    assert (row.as_award, row.as_requirement, row.ambition_level, row.criteria_ids, row.note) == (
        False,
        True,
        None,
        "",
        "CO2",
    )


def test_criteria_ids_are_trimmed_and_deduplicated(world):
    tender = create(world)
    applied = services.applied_theme_save(
        tender=tender, theme=national("circulair"), by=None, as_award=True,
        criteria_ids="GWW-1; GWW-2,,GWW-1 ",
    )  # fmt: skip
    assert applied.criteria_ids == "GWW-1, GWW-2"


def test_a_theme_needs_at_least_one_instrument(world):
    tender = create(world)
    with pytest.raises(ValidationError, match="at least one way"):
        services.applied_theme_save(tender=tender, theme=national("klimaat"), by=None)
    assert not AppliedTheme.objects.exists()


def test_only_national_themes_and_the_organisations_own_can_be_applied(world):
    tender = create(world)
    own = Theme.objects.create(
        organisation=world.helmond, code="eigen", name="Eigen", name_en="Own"
    )
    foreign = Theme.objects.create(organisation=world.other, code="vreemd", name="V", name_en="F")
    assert services.applied_theme_save(tender=tender, theme=own, by=None, as_selection=True)
    with pytest.raises(ValidationError, match="another organisation"):
        services.applied_theme_save(tender=tender, theme=foreign, by=None, as_selection=True)


def test_removing_a_theme_deletes_its_row(world):
    tender = create(world)
    services.applied_theme_save(tender=tender, theme=national("klimaat"), by=None, as_award=True)
    services.applied_theme_remove(tender=tender, theme=national("klimaat"), by=None)
    assert not AppliedTheme.objects.exists()


def test_the_themes_applied_are_locked_by_the_tenders_version_which_each_change_raises(world):
    tender = create(world)
    shown = Tender.objects.get(pk=tender.pk).version
    klimaat = national("klimaat")
    services.applied_theme_save(tender=tender, theme=klimaat, by=None, as_award=True)
    with pytest.raises(services.StaleTenderError):
        services.applied_theme_save(
            tender=tender, theme=klimaat, by=None, as_selection=True, expected_version=shown
        )
    raised = Tender.objects.get(pk=tender.pk).version
    services.applied_theme_remove(tender=tender, theme=klimaat, by=None)
    assert Tender.objects.get(pk=tender.pk).version == raised + 1
    assert AppliedTheme.objects.filter(tender=tender).exists() is False


def test_linked_actions_replace_the_previous_set_and_must_be_the_organisations(world):
    tender = create(world)
    services.tender_link_actions(tender=tender, actions=[world.owned_action], by=None)
    services.tender_link_actions(tender=tender, actions=[world.unowned_action], by=None)
    assert list(tender.actions.all()) == [world.unowned_action]
    with pytest.raises(ValidationError, match="another organisation"):
        services.tender_link_actions(
            tender=tender, actions=[world.owned_action, world.other_action], by=None
        )
    assert list(tender.actions.all()) == [world.unowned_action]


def test_the_factory_goes_through_the_service(world):
    tender = TenderFactory(organisation=world.helmond, by=UserFactory())
    assert tender.phase_changes.get().from_phase is None
