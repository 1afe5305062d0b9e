"""Copying a plan into the next plan: what is taken over, what starts fresh, and that a
refused copy saves nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NEXT = {
    "name": "MVI-jaarplan 2021",
    "slug": "jaarplan-2021",
    "adopted_on": date(2021, 1, 12),
    "starts_on": date(2021, 1, 1),
    "ends_on": date(2021, 12, 31),
}


@pytest.fixture
def plan(world):
    """The world's plan with actions in every state: A1 running, A2 not started, and
    A3 completed, A4 cancelled, A5 postponed, A6 withdrawn."""
    period = world.owned_action.period
    ActionFactory(period=period, code="A3", status=Status.COMPLETED)
    ActionFactory(period=period, code="A4", status=Status.CANCELLED)
    ActionFactory(period=period, code="A5", status=Status.POSTPONED)
    withdrawn = ActionFactory(period=period, code="A6")
    services.action_withdraw(
        action=withdrawn, expected_version=withdrawn.version, by=None, withdrawn_on=date(2018, 1, 1)
    )
    return world.plan


def copy(plan, by=None, **changes):
    return services.plan_copy(plan=plan, by=by, **{**NEXT, **changes})


def codes(plan: ActionPlan) -> set[str]:
    return set(plan.actions.values_list("code", flat=True))


# -- the service ---------------------------------------------------------------------------


def test_by_default_the_actions_not_completed_cancelled_or_withdrawn_are_copied(plan):
    new = copy(plan)

    assert codes(new) == {"A1", "A2", "A5"}
    assert new.organisation == plan.organisation
    assert (new.name, new.slug, new.adopted_on) == (
        "MVI-jaarplan 2021",
        "jaarplan-2021",
        NEXT["adopted_on"],
    )
    assert new.copied_from == plan
    assert list(plan.copies.all()) == [new]


def test_the_chosen_actions_are_copied_also_completed_ones(plan):
    chosen = Action.objects.filter(plan=plan, code__in=["A3", "A2"])

    new = copy(plan, action_ids=[a.pk for a in chosen])

    assert codes(new) == {"A2", "A3"}


def test_choosing_no_action_copies_periods_and_themes_only(plan):
    new = copy(plan, action_ids=[])

    assert codes(new) == set()
    assert new.periods.count() == 2


def test_an_action_of_another_plan_or_a_withdrawn_one_cannot_be_chosen(plan, world):
    withdrawn = Action.objects.get(plan=plan, code="A6")
    for action in (world.other_action, withdrawn):
        with pytest.raises(ValidationError) as error:
            copy(plan, action_ids=[world.owned_action.pk, action.pk])
        assert "actions" in error.value.error_dict
    assert not ActionPlan.objects.filter(slug="jaarplan-2021").exists()


def test_the_copies_start_fresh_with_one_status_row_on_the_adoption_date(plan, world):
    new = copy(plan, by=world.coordinator)

    for action in new.actions.all():
        assert action.status == Status.NOT_STARTED
        assert action.result == ""
        assert action.added_on == NEXT["adopted_on"]
        assert action.withdrawn_on is None
        rows = list(StatusChange.objects.filter(action=action))
        assert [(r.from_status, r.to_status, r.effective_on) for r in rows] == [
            (None, Status.NOT_STARTED, NEXT["adopted_on"])
        ]
        assert rows[0].recorded_by == world.coordinator
    # The originals keep their own history and status.
    world.owned_action.refresh_from_db()
    assert world.owned_action.status == Status.RUNNING


@time_machine.travel(datetime(2020, 11, 2, 10, tzinfo=AMSTERDAM), tick=False)
def test_a_plan_adopted_in_the_future_starts_its_copies_today(plan):
    new = copy(plan)

    action = new.actions.get(code="A1")
    assert action.added_on == date(2020, 11, 2)
    assert action.status_changes.get().effective_on == date(2020, 11, 2)


def test_every_copy_links_to_its_origin(plan, world):
    new = copy(plan)

    copied = new.actions.get(code="A1")
    assert copied.origin == world.owned_action
    assert list(world.owned_action.copies.all()) == [copied]
    assert all(a.origin.plan == plan for a in new.actions.select_related("origin__plan"))


def test_fields_owner_and_themes_are_taken_over(plan, world):
    theme = Theme.objects.filter(organisation=None).first()
    original = world.owned_action
    services.action_update(
        action=original,
        expected_version=original.version,
        by=None,
        themes=[theme],
        description="Beleid",
        department="Inkoop",
        result="Half af",
    )

    copied = copy(plan).actions.get(code="A1")

    assert (copied.title, copied.description, copied.department) == (
        original.title,
        "Beleid",
        "Inkoop",
    )
    assert copied.owner == world.owner
    assert list(copied.themes.all()) == [theme]
    assert copied.period.name == original.period.name
    assert copied.result == ""


def test_periods_keep_their_names_and_order(plan):
    new = copy(plan)

    assert list(new.periods.values_list("name", "position")) == [
        ("Aan de slag in 2017", 0),
        ("Actie doorlopend", 1),
    ]
    assert Period.objects.filter(plan=plan).count() == 2  # the old plan keeps its own


def test_plan_themes_keep_their_ambition_levels(plan):
    themes = list(Theme.objects.filter(organisation=None)[:2])
    services.plan_themes_set(plan=plan, ambitions={themes[0]: 3, themes[1]: None})

    new = copy(plan)

    assert {(pt.theme_id, pt.ambition_level) for pt in PlanTheme.objects.filter(plan=new)} == {
        (themes[0].pk, 3),
        (themes[1].pk, None),
    }


def test_dates_are_kept_only_within_the_new_plans_run(plan, world):
    period = world.owned_action.period
    ActionFactory(period=period, code="B1", start_date=date(2021, 2, 1), due_date=date(2021, 6, 30))
    ActionFactory(period=period, code="B2", start_date=date(2019, 2, 1), due_date=date(2022, 1, 31))
    ActionFactory(period=period, code="B3", start_date=date(2020, 9, 1), due_date=date(2021, 3, 1))

    new = copy(plan)

    dates = {a.code: (a.start_date, a.due_date) for a in new.actions.filter(code__startswith="B")}
    assert dates == {
        "B1": (date(2021, 2, 1), date(2021, 6, 30)),
        "B2": (None, None),
        "B3": (None, date(2021, 3, 1)),
    }


def test_a_continuous_action_stays_continuous(plan, world):
    ActionFactory(period=world.owned_action.period, code="C1", is_continuous=True)

    copied = copy(plan).actions.get(code="C1")

    assert copied.is_continuous and copied.due_date is None


def test_a_short_name_in_use_is_refused_in_dutch_and_nothing_is_saved(plan, world):
    before = (ActionPlan.objects.count(), Action.objects.count(), AuditEntry.objects.count())

    with translation.override("nl"), pytest.raises(ValidationError) as error:
        copy(plan, slug=world.plan.slug)

    # The message of the plan form, which the Dutch catalogue translates.
    with translation.override("nl"):
        dutch = translation.gettext(
            "Another plan already has this short name; “%(free)s” is still free."
        ) % {"free": f"{world.plan.slug}-2"}
    assert error.value.message_dict["slug"] == [dutch]
    assert "is still free" not in dutch
    after = (ActionPlan.objects.count(), Action.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_a_plan_ending_before_it_starts_is_refused(plan):
    with pytest.raises(ValidationError) as error:
        copy(plan, ends_on=date(2020, 12, 1))
    assert "ends_on" in error.value.message_dict
    assert not ActionPlan.objects.filter(slug="jaarplan-2021").exists()


def test_the_same_short_name_in_another_organisation_is_fine(plan, world):
    assert copy(plan, slug=world.other_plan.slug).slug == world.other_plan.slug


def test_the_copy_is_in_the_audit_trail(plan, world):
    new = copy(plan, by=world.coordinator)

    entries = AuditEntry.objects.filter(organisation_id=world.helmond.pk)
    assert entries.filter(model__iendswith="actionplan", object_id=str(new.pk)).exists()
    origins = entries.filter(model__iendswith=".action", operation="update")
    assert any(key.startswith("origin") for entry in origins for key in entry.changes)


# -- the page ------------------------------------------------------------------------------


def url(name, **kwargs):
    return reverse(f"plans:{name}", kwargs={"org_slug": "helmond", **kwargs})


def test_the_page_ticks_the_open_actions_per_period(plan, world, login, english):
    page = login(world.coordinator).get(url("copy", plan_slug=plan.slug)).content.decode()

    by_code = {a.code: a.pk for a in plan.actions.all()}
    for code in ("A1", "A2", "A5"):
        assert f'value="{by_code[code]}" id="copy-action-{by_code[code]}" checked' in page
    for code in ("A3", "A4"):
        assert f'value="{by_code[code]}" id="copy-action-{by_code[code]}">' in page
    assert f'value="{by_code["A6"]}"' not in page  # withdrawn
    assert "<legend>Aan de slag in 2017</legend>" in page
    assert "plan-copy.js" in page and "<script>" not in page
    assert 'value="2021-01-01"' in page  # starts the day after the plan ends


def test_posting_makes_the_plan_and_opens_it(plan, world, login, english):
    client = login(world.coordinator)
    a2 = plan.actions.get(code="A2")

    response = client.post(
        url("copy", plan_slug=plan.slug),
        {**{k: str(v) for k, v in NEXT.items()}, "actions": [str(a2.pk)]},
        follow=True,
    )

    new = ActionPlan.objects.get(slug="jaarplan-2021")
    assert response.redirect_chain[-1][0] == url("detail", plan_slug="jaarplan-2021")
    assert codes(new) == {"A2"}
    page = response.content.decode()
    assert "Taken over from" in page and url("detail", plan_slug=plan.slug) in page


def test_a_reserved_or_used_short_name_shows_on_the_form(plan, world, login, english):
    client = login(world.coordinator)
    for slug, message in (
        ("new", "This short name is reserved"),
        (plan.slug, f"Another plan already has this short name; “{plan.slug}-2” is still free."),
    ):
        response = client.post(url("copy", plan_slug=plan.slug), {**NEXT, "slug": slug})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert ActionPlan.objects.count() == 2


def test_the_action_pages_link_copy_and_origin_both_ways(plan, world, login, english):
    new = copy(plan)
    copied = new.actions.get(code="A1")
    client = login(world.viewer)

    origin_page = client.get(url("action_detail", plan_slug=plan.slug, pk=world.owned_action.pk))
    copy_page = client.get(url("action_detail", plan_slug=new.slug, pk=copied.pk))

    assert "Copied as action" in origin_page.content.decode()
    assert url("action_detail", plan_slug=new.slug, pk=copied.pk) in origin_page.content.decode()
    assert "Taken over from action" in copy_page.content.decode()
    assert (
        url("action_detail", plan_slug=plan.slug, pk=world.owned_action.pk)
        in copy_page.content.decode()
    )


def test_the_plan_page_offers_the_copy_to_coordinators_only(plan, world, login, english):
    copy_url = url("copy", plan_slug=plan.slug)
    assert (
        copy_url
        in login(world.coordinator).get(url("detail", plan_slug=plan.slug)).content.decode()
    )
    assert (
        copy_url not in login(world.editor).get(url("detail", plan_slug=plan.slug)).content.decode()
    )


def test_the_old_plan_page_names_the_plan_it_continues_in(plan, world, login, english):
    copy(plan)
    page = login(world.viewer).get(url("detail", plan_slug=plan.slug)).content.decode()
    assert "Continued in" in page and url("detail", plan_slug="jaarplan-2021") in page
