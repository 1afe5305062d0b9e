"""What the models themselves guarantee: history is never edited or deleted, actions
with history are never deleted, the database refuses impossible rows, and a theme is
named in the language of the page."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from mvimonitor.audit.base import correcting_history
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def row(world) -> StatusChange:
    return world.owned_action.status_changes.get()


def test_a_history_row_cannot_be_saved_again(row):
    row.note = "Achteraf aangepast"
    with pytest.raises(ValueError, match="never edited"):
        row.save()
    assert StatusChange.objects.get(pk=row.pk).note == ""


def test_history_rows_cannot_be_updated_in_bulk(row):
    with pytest.raises(ValueError, match="never edited"):
        StatusChange.objects.filter(pk=row.pk).update(to_status=Status.COMPLETED)
    row.to_status = Status.COMPLETED
    with pytest.raises(ValueError, match="never edited"), transaction.atomic():
        StatusChange.objects.bulk_update([row], ["to_status"])
    assert StatusChange.objects.get(pk=row.pk).to_status == Status.RUNNING


def test_a_history_row_cannot_be_deleted(row):
    with pytest.raises(ValueError, match="never deleted"):
        row.delete()
    with pytest.raises(ValueError, match="never deleted"):
        StatusChange.objects.filter(pk=row.pk).delete()
    assert StatusChange.objects.filter(pk=row.pk).exists()


def test_a_history_row_is_edited_and_deleted_only_while_correcting_history(row):
    with correcting_history():
        row.note = "Gecorrigeerd"
        row.save()
        StatusChange.objects.filter(pk=row.pk).update(to_status=Status.COMPLETED)
    row.refresh_from_db()
    assert (row.note, row.to_status) == ("Gecorrigeerd", Status.COMPLETED)
    with pytest.raises(ValueError, match="never deleted"):
        row.delete()
    with correcting_history():
        StatusChange.objects.filter(pk=row.pk).delete()
    assert not StatusChange.objects.filter(pk=row.pk).exists()


def test_an_action_with_history_cannot_be_deleted(world):
    action = world.owned_action
    with pytest.raises(ProtectedError), transaction.atomic():
        action.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Action.objects.filter(pk=action.pk).delete()
    assert Action.objects.filter(pk=action.pk).exists()
    assert action.status_changes.count() == 1


def test_a_plan_with_actions_cannot_be_deleted(world):
    with pytest.raises(ProtectedError), transaction.atomic():
        world.plan.delete()
    assert ActionPlan.objects.filter(pk=world.plan.pk).exists()


def test_a_period_with_actions_cannot_be_deleted(world):
    with pytest.raises(ProtectedError), transaction.atomic():
        world.owned_action.period.delete()


def test_a_national_theme_used_by_a_plan_cannot_be_deleted(world):
    theme = Theme.objects.get(organisation=None, code="klimaat")
    PlanTheme.objects.create(plan=world.plan, theme=theme, ambition_level=2)
    with pytest.raises(ProtectedError), transaction.atomic():
        theme.delete()


def test_the_database_refuses_a_continuous_action_with_a_due_date(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=world.owned_action.pk).update(
            is_continuous=True, due_date=date(2018, 1, 1)
        )


def test_the_database_refuses_an_ambition_level_outside_one_to_three(world):
    theme = Theme.objects.get(organisation=None, code="klimaat")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanTheme.objects.create(plan=world.plan, theme=theme, ambition_level=4)


def test_a_national_theme_code_is_unique(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(organisation=None, code="klimaat", name="Klimaat", name_en="Climate")


def test_an_action_added_after_adoption_is_new(world):
    late = ActionFactory(
        period=world.owned_action.period, added_on=date(2017, 8, 28), status_since=date(2017, 8, 28)
    )
    assert late.is_new
    assert not world.owned_action.is_new  # added on the adoption date


def test_the_owner_shown_is_the_member_or_the_free_text_name(world):
    assert world.owned_action.owner_display == world.owner.display_name
    world.unowned_action.owner_name = "Team Inkoop"
    assert world.unowned_action.owner_display == "Team Inkoop"


def test_periods_keep_their_plan_order(world):
    names = list(Period.objects.filter(plan=world.plan).values_list("name", flat=True))
    assert names == ["Aan de slag in 2017", "Actie doorlopend"]


def test_a_theme_is_named_in_the_language_of_the_page(world):
    klimaat = Theme.objects.get(organisation=None, code="klimaat")
    own = Theme(name="Eigen thema", name_en="")
    with translation.override("en"):
        assert (str(klimaat), klimaat.label, str(own)) == ("Climate", "Climate", "Eigen thema")
    with translation.override("nl"):
        assert (str(klimaat), klimaat.label) == ("Klimaat", "Klimaat")


def test_english_pages_name_the_themes_in_english_in_their_forms_and_filters(world, login, english):
    client = login(world.coordinator)
    pages = [
        reverse("plans:action_list", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"}),
        reverse("plans:action_create", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"}),
        reverse("plans:create", kwargs={"org_slug": "helmond"}),
        reverse("procurement:tender_list", kwargs={"org_slug": "helmond"}),
    ]
    for page in pages:
        content = client.get(page).content.decode()
        assert "Climate" in content, page
        assert "Klimaat" not in content, page
