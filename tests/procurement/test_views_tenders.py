import re

import pytest
from django.urls import reverse

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import AppliedTheme, Tender
from mvimonitor.procurement.phases import Phase
from tests.procurement.factories import AppliedThemeFactory, TenderFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


def url(name, world, **kwargs):
    return reverse(f"procurement:{name}", kwargs={"org_slug": world.helmond.slug, **kwargs})


def national(code):
    return Theme.objects.get(organisation=None, code=code)


def test_the_register_lists_tenders_with_phase_value_and_themes(world, login, english):
    tender = TenderFactory(organisation=world.helmond, title="Onderhoud openbaar groen")
    AppliedThemeFactory(tender=tender, theme=national("klimaat"))
    TenderFactory(organisation=world.helmond, title="Kantoorartikelen")
    TenderFactory(organisation=world.other, title="Niet van Helmond")
    page = login(world.viewer).get(url("tender_list", world)).content.decode()
    assert "Onderhoud openbaar groen" in page and "Kantoorartikelen" in page
    assert "Niet van Helmond" not in page
    assert "€\xa0250,000.00" in page
    assert "Climate" in page and "no MVI applied" in page
    assert "Register a tender" not in page  # a viewer only reads


def test_the_register_filters_on_mvi_phase_theme_department_and_text(world, login):
    groen = TenderFactory(organisation=world.helmond, title="Groen", department="Stadsbeheer")
    AppliedThemeFactory(tender=groen, theme=national("circulair"))
    TenderFactory(organisation=world.helmond, title="Facilitair", phase=Phase.PUBLICATION)
    client = login(world.viewer)

    def titles(**query):
        response = client.get(url("tender_list", world), query)
        return [t.title for t in response.context["page"].object_list]

    assert titles(has_mvi="yes") == ["Groen"]
    assert titles(has_mvi="no") == ["Facilitair"]
    assert titles(phase="publication") == ["Facilitair"]
    assert titles(theme=national("circulair").pk) == ["Groen"]
    assert titles(department="Stadsbeheer") == ["Groen"]
    assert titles(q="facil") == ["Facilitair"]
    assert len(titles(has_mvi="maybe")) == 2  # an unknown value filters nothing


def test_the_register_takes_the_same_number_of_queries_for_more_tenders(
    world, login, django_assert_max_num_queries
):
    client = login(world.viewer)
    for n in range(3):
        AppliedThemeFactory(tender=TenderFactory(organisation=world.helmond, reference=f"Q{n}"))
    with django_assert_max_num_queries(15) as few:
        client.get(url("tender_list", world))
    for n in range(3, 20):
        AppliedThemeFactory(tender=TenderFactory(organisation=world.helmond, reference=f"Q{n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("tender_list", world))


def test_an_editor_registers_a_tender_with_cpv_codes(world, login):
    response = login(world.editor).post(
        url("tender_create", world),
        {
            "reference": "2017-001",
            "title": "Zwemvoorziening",
            "cpv_codes": "45212212-5\n45000000-7",
            "estimated_value": "1200000",
            "procedure": "eu_open",
            "planned_publication_on": "2017-10-01",
            "planned_start_on": "2018-03-01",
            "registered_on": "2017-09-01",
            "phase": "preparation",
            "buyer": world.editor.pk,
        },
    )
    tender = Tender.objects.get(reference="2017-001")
    assert response.status_code == 302
    assert response["Location"] == url("tender_detail", world, pk=tender.pk)
    assert tender.cpv_codes == ["45212212-5", "45000000-7"]
    assert tender.phase_changes.get().recorded_by == world.editor


def test_a_wrong_cpv_code_shows_on_the_form_and_saves_nothing(world, login, english):
    response = login(world.editor).post(
        url("tender_create", world),
        {"reference": "X", "title": "Y", "cpv_codes": "45212212-4", "registered_on": "2017-09-01",
         "phase": "preparation"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "did you mean 45212212-5" in response.content.decode()
    assert not Tender.objects.exists()


def test_the_detail_shows_themes_actions_history_and_cpv_names(world, login, english):
    tender = TenderFactory(organisation=world.helmond, cpv_codes=["77313000-7"])
    AppliedThemeFactory(tender=tender, theme=national("klimaat"), as_contract_clause=True)
    tender.actions.add(world.owned_action)
    page = login(world.viewer).get(url("tender_detail", world, pk=tender.pk)).content.decode()
    assert "77313000-7 Tuinbouwdiensten" in page
    assert "award criterion, contract clause" in page
    assert world.owned_action.title in page
    assert "Phase history" in page
    assert "Change the phase" not in page  # a viewer only reads


def test_a_theme_applied_without_an_ambition_level_reads_as_chosen(world, login):
    tender = TenderFactory(organisation=world.helmond)
    AppliedThemeFactory(tender=tender, theme=national("klimaat"), ambition_level=None)
    AppliedThemeFactory(tender=tender, theme=national("circulair"), ambition_level=3)
    client = login(world.editor)  # Dutch, the default language
    page = client.get(url("tender_detail", world, pk=tender.pk)).content.decode()
    assert re.search(r"Klimaat</th>\s*<td>[^<]*</td>\s*<td>geen ambitieniveau</td>", page)
    assert re.search(r"biobased\)</th>\s*<td>[^<]*</td>\s*<td>3 ambitieus</td>", page)
    form = client.get(url("tender_theme", world, pk=tender.pk), {"theme": national("klimaat").pk})
    assert '<option value="" selected>geen ambitieniveau</option>' in form.content.decode()


def test_another_organisations_tender_is_not_found(world, login):
    theirs = TenderFactory(organisation=world.other)
    assert (
        login(world.coordinator).get(url("tender_detail", world, pk=theirs.pk)).status_code == 404
    )


def test_a_stale_edit_says_so_and_saves_nothing(world, login, english):
    tender = TenderFactory(organisation=world.helmond, title="Oud")
    Tender.objects.filter(pk=tender.pk).update(version=2)
    response = login(world.editor).post(
        url("tender_edit", world, pk=tender.pk),
        {"reference": tender.reference, "title": "Nieuw", "registered_on": "2017-04-01",
         "version": 1},
    )  # fmt: skip
    assert "Someone else changed this tender" in response.content.decode()
    assert Tender.objects.get(pk=tender.pk).title == "Oud"


def test_the_phase_changes_from_the_detail_page(world, login):
    tender = TenderFactory(organisation=world.helmond)
    response = login(world.editor).post(
        url("tender_phase", world, pk=tender.pk),
        {"to_phase": "publication", "effective_on": "2017-09-01", "version": tender.version},
    )
    assert response.status_code == 302
    assert Tender.objects.get(pk=tender.pk).phase == Phase.PUBLICATION


def test_withdrawing_without_a_note_is_refused_on_the_form(world, login, english):
    tender = TenderFactory(organisation=world.helmond)
    response = login(world.editor).post(
        url("tender_phase", world, pk=tender.pk),
        {"to_phase": "withdrawn", "effective_on": "2017-09-01", "version": tender.version},
    )
    assert "Explain in a note why the tender is withdrawn." in response.content.decode()
    assert Tender.objects.get(pk=tender.pk).phase == Phase.PREPARATION


def test_a_theme_is_applied_changed_and_removed(world, login):
    tender = TenderFactory(organisation=world.helmond)
    client = login(world.editor)
    klimaat = national("klimaat")
    client.post(
        url("tender_theme", world, pk=tender.pk),
        {
            "theme": klimaat.pk,
            "as_award": "on",
            "ambition_level": "3",
            "criteria_ids": "A-1",
            "version": tender.version,
        },
    )
    applied = AppliedTheme.objects.get(tender=tender)
    assert (applied.as_award, applied.ambition_level, applied.criteria_ids) == (True, 3, "A-1")
    form_page = client.get(url("tender_theme", world, pk=tender.pk), {"theme": klimaat.pk})
    assert form_page.context["form"]["as_award"].value() is True
    shown = form_page.context["form"]["version"].value()
    client.post(
        url("tender_theme", world, pk=tender.pk) + f"?theme={klimaat.pk}",
        {"as_requirement": "on", "version": shown},
    )
    applied.refresh_from_db()
    assert (applied.as_award, applied.as_requirement) == (False, True)
    client.post(url("tender_theme_remove", world, pk=tender.pk, theme_pk=klimaat.pk))
    assert not AppliedTheme.objects.exists()


def test_a_theme_without_instrument_is_refused(world, login, english):
    tender = TenderFactory(organisation=world.helmond)
    response = login(world.editor).post(
        url("tender_theme", world, pk=tender.pk),
        {"theme": national("klimaat").pk, "version": tender.version},
    )
    assert "Tick at least one way" in response.content.decode()


def test_another_organisations_theme_is_not_offered(world, login):
    tender = TenderFactory(organisation=world.helmond)
    foreign = Theme.objects.create(organisation=world.other, code="x", name="X", name_en="X")
    response = login(world.editor).post(
        url("tender_theme", world, pk=tender.pk), {"theme": foreign.pk, "as_award": "on"}
    )
    assert response.status_code == 200
    assert not AppliedTheme.objects.exists()


def test_actions_are_linked_and_shown_on_the_action_page(world, login, english):
    tender = TenderFactory(organisation=world.helmond, title="Aanbesteding Groen")
    client = login(world.editor)
    form = client.get(url("tender_actions", world, pk=tender.pk)).content.decode()
    assert world.plan.name in form and world.other_action.title not in form
    client.post(
        url("tender_actions", world, pk=tender.pk),
        {"actions": [world.owned_action.pk], "version": tender.version},
    )
    assert list(tender.actions.all()) == [world.owned_action]
    action_page = client.get(
        reverse(
            "plans:action_detail",
            kwargs={
                "org_slug": "helmond",
                "plan_slug": world.plan.slug,
                "pk": world.owned_action.pk,
            },
        )
    ).content.decode()
    assert "Tenders serving this action" in action_page
    assert "Aanbesteding Groen" in action_page
    assert url("tender_detail", world, pk=tender.pk) in action_page


def test_an_action_of_another_organisation_cannot_be_linked(world, login):
    tender = TenderFactory(organisation=world.helmond)
    response = login(world.editor).post(
        url("tender_actions", world, pk=tender.pk), {"actions": [world.other_action.pk]}
    )
    assert response.status_code == 200
    assert not tender.actions.exists()


def test_the_navigation_and_the_organisation_page_link_to_the_register(world, login):
    page = login(world.viewer).get(reverse("organisations:detail", args=["helmond"]))
    assert page.content.decode().count(url("tender_list", world)) == 2
