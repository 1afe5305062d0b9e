"""The audit trail records every kind of write to an audited model, with who and for
which organisation (issue 2, item 7)."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpResponse
from django.test import RequestFactory

from mvimonitor.accounts.models import LoginLock, User
from mvimonitor.audit.base import AuditedModel, audited
from mvimonitor.audit.context import SYSTEM, acting_as, current_actor
from mvimonitor.audit.middleware import AuditActorMiddleware
from mvimonitor.audit.models import AuditEntry
from mvimonitor.audit.recording import MASK
from mvimonitor.calendar_feed.models import FeedToken
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from mvimonitor.procurement.models import CpvCode
from tests.factories import InvitationFactory, MembershipFactory, PeriodFactory, UserFactory

#: Technical models that are deliberately not audited. Keep this list explicit and
#: short: a model missing from the trail must be a decision, not an oversight.
NOT_AUDITED = {
    "audit.AuditEntry": "the trail itself",
    "exchange.ImportJob": "progress of an import; the rows it writes are audited",
}


def entries(model: type[Model], **filters) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(model=model._meta.label, **filters).order_by("id"))


def latest(model: type[Model], object_id) -> AuditEntry:
    return AuditEntry.objects.filter(model=model._meta.label, object_id=str(object_id)).latest("id")


# Every model is audited.


def test_every_model_of_the_project_is_audited():
    project_models = [
        m for m in apps.get_models() if m._meta.app_config.name.startswith("mvimonitor.")
    ]
    assert len(project_models) >= 10
    unaudited = {m._meta.label for m in project_models if not issubclass(m, AuditedModel)} - set(
        NOT_AUDITED
    )
    assert unaudited == set(), "Make these models AuditedModels, or add them to NOT_AUDITED"


def test_the_exceptions_still_exist():
    for label in NOT_AUDITED:
        apps.get_model(label)  # raises LookupError for a stale entry


def test_every_audited_model_says_where_its_organisation_is_or_has_none():
    for model in apps.get_models():
        # Users, their login locks, their calendar feed links and the national CPV list
        # belong to no organisation.
        if issubclass(model, AuditedModel) and model not in (User, LoginLock, FeedToken, CpvCode):
            assert model.audit_organisation, f"{model._meta.label} has no audit_organisation"


# Each kind of change.


def test_creating_a_record_is_recorded_with_actor_and_organisation(world):
    with acting_as(world.coordinator, label="test create"):
        period = Period.objects.create(plan=world.plan, name="Aan de slag in 2019", position=5)
    entry = latest(Period, period.pk)
    assert entry.operation == AuditEntry.Operation.CREATE
    assert entry.actor_id == world.coordinator.pk
    assert entry.actor_label == "test create"
    assert entry.organisation_id == world.helmond.pk
    assert entry.object_repr == "Aan de slag in 2019"
    assert entry.changes["name"] == [None, "Aan de slag in 2019"]
    assert entry.changes["plan_id"] == [None, world.plan.pk]


def test_saving_a_changed_record_records_only_what_changed(world):
    period = world.owned_action.period
    with acting_as(world.editor, label="test save"):
        period.name = "Aan de slag in 2017 en 2018"
        period.save()
    entry = latest(Period, period.pk)
    assert entry.operation == AuditEntry.Operation.UPDATE
    assert entry.changes == {"name": ["Aan de slag in 2017", "Aan de slag in 2017 en 2018"]}
    assert (entry.actor_id, entry.organisation_id) == (world.editor.pk, world.helmond.pk)


def test_saving_an_unchanged_record_records_nothing(world):
    period = world.owned_action.period
    before = AuditEntry.objects.count()
    period.save()
    assert AuditEntry.objects.count() == before


def test_a_queryset_update_is_recorded_per_row(world):
    with acting_as(world.coordinator, label="test update"):
        n = Action.objects.filter(plan=world.plan).update(department="Inkoop")
    assert n == 2
    for action in (world.owned_action, world.unowned_action):
        entry = latest(Action, action.pk)
        assert entry.operation == AuditEntry.Operation.UPDATE
        assert entry.changes == {"department": ["", "Inkoop"]}
        assert entry.organisation_id == world.helmond.pk
        assert entry.actor_label == "test update"
    assert not entries(Action, object_id=str(world.other_action.pk), operation="update")


def test_a_queryset_update_that_changes_nothing_records_nothing(world):
    before = AuditEntry.objects.count()
    Action.objects.filter(plan=world.plan).update(department="")
    assert AuditEntry.objects.count() == before


def test_a_bulk_update_is_recorded_per_row(world):
    first, second = Period.objects.filter(plan=world.plan).order_by("position")
    first.name, second.name = "Eerste", "Tweede"
    with acting_as(label="command test"):
        Period.objects.bulk_update([first, second], ["name"])
    assert latest(Period, first.pk).changes == {"name": ["Aan de slag in 2017", "Eerste"]}
    assert latest(Period, second.pk).changes == {"name": ["Actie doorlopend", "Tweede"]}
    assert latest(Period, second.pk).actor_label == "command test"
    assert latest(Period, second.pk).actor_id is None


def test_a_bulk_create_is_recorded_per_row(world):
    themes = list(Theme.objects.filter(organisation=None, code__in=["klimaat", "circulair"]))
    with acting_as(world.coordinator):
        created = PlanTheme.objects.bulk_create(
            PlanTheme(plan=world.plan, theme=theme, ambition_level=2) for theme in themes
        )
    for plan_theme in created:
        entry = latest(PlanTheme, plan_theme.pk)
        assert entry.operation == AuditEntry.Operation.CREATE
        assert entry.changes["ambition_level"] == [None, 2]
        assert entry.organisation_id == world.helmond.pk
        assert entry.actor_id == world.coordinator.pk


def recorded(after: int) -> list[tuple]:
    """The entries after `after`, without their ids and times, for comparing two ways
    of making the same change."""
    fields = ("actor_id", "actor_label", "operation", "model", "object_id", "object_repr")
    return list(
        AuditEntry.objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list(*fields, "organisation_id", "changes")
    )


def last_entry() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_create_many_writes_and_records_what_bulk_create_does(world):
    """The import's lean bulk create: the same rows with their ids, the same entries."""
    themes = list(Theme.objects.filter(organisation=None, code__in=["klimaat", "circulair"]))

    def plan_themes() -> list[PlanTheme]:
        return [PlanTheme(plan=world.plan, theme=t, ambition_level=2) for t in themes]

    mark = last_entry()
    with transaction.atomic(), acting_as(world.coordinator, label="bulk"):
        created = PlanTheme.objects.bulk_create(plan_themes())
        expected = recorded(mark), [(p.pk, p.theme_id, p.ambition_level) for p in created]
        transaction.set_rollback(True)
    made = plan_themes()
    with acting_as(world.coordinator, label="bulk"):
        audited(PlanTheme).create_many(made)
    assert all(p.pk and not p._state.adding for p in made)
    stored = PlanTheme.objects.filter(pk__in=[p.pk for p in made]).order_by("pk")
    rows = [(p.pk, p.theme_id, p.ambition_level) for p in stored]
    if connection.vendor == "sqlite":  # ids rolled back and given again
        assert (recorded(mark), rows) == expected
    else:
        assert len(rows) == len(expected[1])


def test_update_many_writes_and_records_what_bulk_update_does(world):
    actions = list(Action.objects.filter(plan=world.plan).order_by("pk"))
    mark = last_entry()
    for action, department in zip(actions, ["Inkoop", ""], strict=True):
        action.department, action.result = department, f"Resultaat {action.code}"
    with transaction.atomic(), acting_as(world.editor, label="bulk"):
        Action.objects.bulk_update(actions, ["department", "result"])
        expected = recorded(mark)
        transaction.set_rollback(True)
    with acting_as(world.editor, label="bulk"):
        audited(Action).update_many(actions, ["department", "result"])
    assert recorded(mark)[-2:] == expected
    assert expected[0][-1] == {"department": ["", "Inkoop"], "result": ["", "Resultaat A1"]}
    assert expected[1][-1] == {"result": ["", "Resultaat A2"]}  # only what changed
    assert list(
        Action.objects.filter(plan=world.plan).order_by("pk").values_list("department", "result")
    ) == [("Inkoop", "Resultaat A1"), ("", "Resultaat A2")]


def test_link_many_and_unlink_many_write_and_record_what_add_and_remove_do(world):
    climate, circular, isv = Theme.objects.filter(
        code__in=["klimaat", "circulair", "isv"]
    ).order_by("pk")
    one, two = world.owned_action, world.unowned_action
    mark = last_entry()
    with transaction.atomic(), acting_as(world.editor, label="m2m"):
        one.themes.add(climate, circular)
        two.themes.add(isv)
        one.themes.remove(climate)
        expected = recorded(mark)
        transaction.set_rollback(True)
    with acting_as(world.editor, label="m2m"):
        audited(Action).link_many("themes", {one: [circular.pk, climate.pk], two: [isv.pk]})
        audited(Action).unlink_many("themes", {one: [climate.pk], two: []})
    assert recorded(mark) == expected
    assert [set(a.themes.values_list("code", flat=True)) for a in (one, two)] == [
        {"circulair"},
        {"isv"},
    ]


def test_the_bulk_paths_of_an_unaudited_model_are_refused():
    with pytest.raises(TypeError, match="not audited"):
        audited(AuditEntry)


def test_deleting_a_record_is_recorded_with_its_last_values(world):
    membership = Membership.objects.get(user=world.viewer)
    pk = membership.pk
    with acting_as(world.coordinator, label="test delete"):
        membership.delete()
    entry = latest(Membership, pk)
    assert entry.operation == AuditEntry.Operation.DELETE
    assert entry.changes["role"] == ["viewer", None]
    assert entry.organisation_id == world.helmond.pk
    assert entry.actor_id == world.coordinator.pk


def test_a_queryset_delete_is_recorded_per_row(world):
    pks = list(
        Membership.objects.filter(
            organisation=world.helmond, role__in=["viewer", "owner"]
        ).values_list("pk", flat=True)
    )
    with acting_as(world.coordinator):
        Membership.objects.filter(pk__in=pks).delete()
    assert {e.object_id for e in entries(Membership, operation="delete")} == {str(p) for p in pks}


def test_a_cascading_delete_is_recorded_for_every_row_it_removes(world):
    plan = ActionPlan.objects.create(
        organisation=world.helmond,
        name="Leeg plan",
        slug="leeg",
        adopted_on=date(2021, 1, 1),
        starts_on=date(2021, 1, 1),
        ends_on=date(2021, 12, 31),
    )
    periods = [PeriodFactory(plan=plan, name=name) for name in ("Een", "Twee")]
    plan_pk, period_pks = plan.pk, [p.pk for p in periods]
    with acting_as(world.coordinator):
        plan.delete()
    deleted = {(e.model, e.object_id) for e in AuditEntry.objects.filter(operation="delete")}
    assert ("plans.ActionPlan", str(plan_pk)) in deleted
    assert {("plans.Period", str(pk)) for pk in period_pks} <= deleted
    assert latest(Period, period_pks[0]).changes["name"] == ["Een", None]


def test_deleting_a_user_records_the_references_set_to_null(world):
    owner_pk = world.owner.pk
    with acting_as(world.coordinator):
        world.owner.delete()
    action_entry = latest(Action, world.owned_action.pk)
    assert action_entry.changes == {"owner_id": [owner_pk, None]}
    assert action_entry.organisation_id == world.helmond.pk
    assert entries(User, operation="delete", object_id=str(owner_pk))


def test_adding_removing_and_clearing_themes_is_recorded(world):
    action = world.owned_action
    climate, circular = Theme.objects.filter(code__in=["klimaat", "circulair"]).order_by("pk")
    with acting_as(world.editor, label="test m2m"):
        action.themes.add(climate, circular)
        action.themes.remove(climate)
        action.themes.clear()
    changes = [e.changes for e in entries(Action, object_id=str(action.pk), operation="update")]
    assert changes[-3:] == [
        {"themes": {"added": sorted([climate.pk, circular.pk])}},
        {"themes": {"removed": [climate.pk]}},
        {"themes": {"removed": [circular.pk]}},
    ]
    assert latest(Action, action.pk).actor_label == "test m2m"
    assert latest(Action, action.pk).organisation_id == world.helmond.pk


def test_deleting_an_organisation_theme_records_its_removal_from_actions(world):
    own = Theme.objects.create(
        organisation=world.helmond, code="eigen", name="Eigen", name_en="Own"
    )
    world.owned_action.themes.add(own)
    own_pk = own.pk
    own.delete()
    assert latest(Action, world.owned_action.pk).changes == {"themes": {"removed": [own_pk]}}


def test_status_changes_made_through_services_are_recorded(world):
    with acting_as(world.owner, label="web POST /status"):
        services.action_change_status(
            action=world.owned_action,
            to_status=Status.COMPLETED,
            by=world.owner,
            effective_on=date(2017, 9, 1),
        )
    change = StatusChange.objects.filter(action=world.owned_action).latest("id")
    created = latest(StatusChange, change.pk)
    assert created.operation == "create"
    assert created.changes["to_status"] == [None, "completed"]
    assert created.organisation_id == world.helmond.pk
    updated = latest(Action, world.owned_action.pk)
    assert updated.changes["status"] == ["running", "completed"]
    assert updated.changes["version"] == [1, 2]
    assert updated.actor_id == world.owner.pk


# Secrets never reach the trail.


def test_passwords_are_masked(db):
    user = UserFactory(email="geheim@example.nl")
    created = latest(User, user.pk)
    assert created.changes["password"] == [MASK, MASK]
    user.set_password("Een-Ander-Wachtwoord-2017")
    user.save()
    assert latest(User, user.pk).changes == {"password": [MASK, MASK]}
    assert user.password not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_invitation_tokens_are_masked(world):
    invitation = InvitationFactory(organisation=world.helmond)
    entry = latest(Invitation, invitation.pk)
    assert entry.changes["token"] == [MASK, MASK]
    assert entry.organisation_id == world.helmond.pk
    Invitation.objects.filter(pk=invitation.pk).update(token="nieuw-token-123")
    assert latest(Invitation, invitation.pk).changes == {"token": [MASK, MASK]}
    everything = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert invitation.token not in everything
    assert "nieuw-token-123" not in everything


# The trail itself.


def test_audit_entries_are_never_changed(world):
    entry = AuditEntry.objects.first()
    entry.actor_label = "iemand anders"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()


def test_a_rolled_back_change_leaves_no_entry(world):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(name="Gemeente Tijdelijk", slug="tijdelijk")
        raise RuntimeError
    assert AuditEntry.objects.count() == before


# Who acts.


def test_without_an_actor_changes_are_made_by_the_system(db):
    assert current_actor() == SYSTEM
    org = Organisation.objects.create(name="Gemeente Zonder", slug="zonder")
    entry = latest(Organisation, org.pk)
    assert (entry.actor_id, entry.actor_label) == (None, "system")
    assert entry.organisation_id == org.pk


def test_acting_as_nests_and_restores_the_previous_actor(world):
    with acting_as(world.editor, label="buiten"):
        with acting_as(label="command binnen"):
            assert current_actor().label == "command binnen"
            assert current_actor().user_id is None
        assert current_actor().user_id == world.editor.pk
    assert current_actor() == SYSTEM


def test_acting_as_a_user_without_a_label_uses_the_users_name(world):
    with acting_as(world.editor) as actor:
        assert actor.label == str(world.editor)


def test_the_middleware_attributes_a_request_to_the_logged_in_user(world):
    request = RequestFactory().post("/o/helmond/plans/")
    request.user = world.editor

    def view(request):
        org = Organisation.objects.get(pk=world.helmond.pk)
        org.name = "Gemeente Helmond (MVI)"
        org.save()
        return HttpResponse()

    AuditActorMiddleware(view)(request)
    entry = latest(Organisation, world.helmond.pk)
    assert entry.actor_id == world.editor.pk
    assert entry.actor_label == f"{world.editor.email} web POST /o/helmond/plans/"
    assert current_actor() == SYSTEM  # reset after the request


def test_the_middleware_attributes_an_anonymous_request_to_nobody(db):
    request = RequestFactory().post("/accounts/login/")
    request.user = AnonymousUser()

    def view(request):
        MembershipFactory(organisation__slug="nieuw")
        return HttpResponse()

    AuditActorMiddleware(view)(request)
    entry = AuditEntry.objects.filter(model="organisations.Membership").latest("id")
    assert (entry.actor_id, entry.actor_label) == (None, "web POST /accounts/login/")
