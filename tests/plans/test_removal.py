"""Deleting a plan (issue 14, item 5): refused with a finalised monitor or without its
name typed; otherwise nothing of the plan is left in any table, and the audit trail
keeps every deleted row."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.monitoring.services import (
    attention_point_create,
    monitor_create,
    monitor_finalise,
)
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange
from mvimonitor.plans.services import StalePlanError
from mvimonitor.procurement.models import Tender
from mvimonitor.procurement.services.tenders import tender_create, tender_link_actions
from mvimonitor.review.services import comment_add
from mvimonitor.rounds.services import round_open
from mvimonitor.targets.models import Target
from tests.exchange.conftest import run_import, xlsx
from tests.factories import ActionFactory, ActionPlanFactory, PeriodFactory

pytestmark = pytest.mark.usefixtures("frozen_today", "english")


def delete(plan, *, confirmation=None, by=None, version=None):
    with acting_as(by, label="test delete"):
        services.plan_delete(
            plan=plan,
            confirmation=plan.name if confirmation is None else confirmation,
            by=by,
            expected_version=plan.version if version is None else version,
        )


@pytest.fixture
def busy_plan(world):
    """The world's plan with something in every app that keeps rows of a plan."""
    plan = world.plan
    other_plans_action = ActionFactory(
        period=PeriodFactory(plan=ActionPlanFactory(organisation=world.helmond))
    )
    monitor = monitor_create(plan=plan, by=None, date=date(2017, 10, 1))
    round_open(monitor=monitor, deadline=date(2017, 9, 30), by=world.coordinator)
    attention_point_create(plan=plan, by=None, text="Let op")
    comment_add(plan=plan, author=world.reviewer, body="Vraag", action=world.owned_action)
    tender = tender_create(organisation=world.helmond, by=None, reference="T-1", title="Papier")
    tender_link_actions(tender=tender, actions=[world.owned_action, other_plans_action], by=None)
    Target.objects.create(
        plan=plan,
        title="Vijf",
        kpi_kind="mvi_count",
        target_value=5,
        starts_on=date(2017, 1, 1),
        deadline=date(2018, 12, 31),
    )
    run_import(
        plan,
        xlsx(
            [
                ["Code", "Titel", "Periode", "Status"],
                ["N1", "Nieuw", "Aan de slag in 2017", "lopend"],
            ]
        ),
    )
    plan.refresh_from_db()
    return plan


def rows_of(plan_id: int, action_ids: list[int]) -> dict[str, int]:
    """How many rows of every model still point at the plan or its actions."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if not getattr(field, "concrete", False) and not field.many_to_many:
                continue
            if target is ActionPlan and field.concrete:
                count = model._base_manager.filter(**{field.attname: plan_id}).count()
            elif target is Action and field.concrete and not field.many_to_many:
                count = model._base_manager.filter(**{f"{field.attname}__in": action_ids}).count()
            elif target is Action and field.many_to_many:
                count = field.remote_field.through.objects.filter(
                    **{f"{field.m2m_reverse_field_name()}__in": action_ids}
                ).count()
            else:
                continue
            if count:
                found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_a_plan_is_deleted_with_everything_of_it(world, busy_plan):
    plan_id = busy_plan.pk
    action_ids = list(Action.objects.filter(plan=busy_plan).values_list("pk", flat=True))
    held = rows_of(plan_id, action_ids)
    assert {"monitoring.Monitor.plan", "rounds.RoundItem.action", "review.Comment.action"} <= set(
        held
    )
    delete(busy_plan, by=world.coordinator)
    assert rows_of(plan_id, action_ids) == {}
    assert not ActionPlan.objects.filter(pk=plan_id).exists()
    assert not Period.objects.filter(plan_id=plan_id).exists()
    assert Tender.objects.get(reference="T-1").actions.get().plan != busy_plan
    assert world.other_action.status_changes.exists()  # another organisation's, untouched


def test_the_audit_trail_keeps_every_deleted_row(world, busy_plan):
    plan_id = busy_plan.pk
    history = StatusChange.objects.filter(action__plan=busy_plan).count()
    delete(busy_plan, by=world.coordinator)
    deleted = AuditEntry.objects.filter(operation="delete")
    assert deleted.filter(model="plans.ActionPlan", object_id=str(plan_id)).exists()
    assert deleted.filter(model="plans.StatusChange").count() == history
    assert deleted.filter(model="plans.Action").count() == 3
    for model in ("monitoring.Monitor", "rounds.RoundItem", "review.Comment", "targets.Target"):
        assert deleted.filter(model=model).exists(), model
    assert deleted.filter(model="exchange.PlanImportRecord").exists()
    assert set(deleted.values_list("actor_id", flat=True)) == {world.coordinator.pk}


def test_a_plan_with_a_finalised_monitor_is_not_deleted(world):
    monitor = monitor_create(plan=world.plan, by=None, date=date(2017, 9, 20))
    monitor_finalise(monitor=monitor, by=world.coordinator)
    with pytest.raises(ValidationError) as refused:
        delete(world.plan)
    assert refused.value.messages == [
        "The monitor of 20 September 2017 has been finalised: a plan with a finalised "
        "monitor is never deleted, so that its report stays as it was adopted."
    ]
    assert Action.objects.filter(plan=world.plan).count() == 2


@pytest.mark.parametrize("typed", ["", "MVI-actieplan", "mvi-actieplan 2017-2020"])
def test_the_plan_is_deleted_only_when_its_name_is_typed(world, typed):
    with pytest.raises(ValidationError) as refused:
        delete(world.plan, confirmation=typed)
    assert "confirmation" in refused.value.message_dict
    assert ActionPlan.objects.filter(pk=world.plan.pk).exists()


def test_spaces_around_the_typed_name_do_not_matter(world):
    delete(world.plan, confirmation=f"  {world.plan.name} ")
    assert not ActionPlan.objects.filter(pk=world.plan.pk).exists()


def test_a_plan_changed_since_the_page_was_loaded_is_not_deleted(world):
    version = world.plan.version
    services.plan_update(plan=world.plan, expected_version=version, description="Nieuw")
    with pytest.raises(StalePlanError):
        delete(world.plan, version=version)


def test_the_page_deletes_the_plan_and_goes_back_to_the_plans(world, login):
    client = login(world.coordinator)
    target = reverse(
        "plans:delete", kwargs={"org_slug": world.helmond.slug, "plan_slug": world.plan.slug}
    )
    assert (
        target
        in client.get(
            reverse(
                "plans:edit", kwargs={"org_slug": world.helmond.slug, "plan_slug": world.plan.slug}
            )
        ).content.decode()
    )
    response = client.post(
        target, {"confirmation": world.plan.name, "version": world.plan.version}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "organisations:detail", kwargs={"org_slug": world.helmond.slug}
    )
    assert "has been deleted" in response.content.decode()


def test_the_page_says_why_a_plan_may_not_be_deleted(world, login):
    monitor = monitor_create(plan=world.plan, by=None, date=date(2017, 9, 20))
    monitor_finalise(monitor=monitor, by=world.coordinator)
    page = login(world.coordinator).get(
        reverse(
            "plans:delete", kwargs={"org_slug": world.helmond.slug, "plan_slug": world.plan.slug}
        )
    )
    text = page.content.decode()
    assert "This plan cannot be deleted" in text
    assert "Delete plan</button>" not in text
