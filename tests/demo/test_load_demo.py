import io
import re
from datetime import date

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from mvimonitor.accounts.models import User
from mvimonitor.audit.models import AuditEntry
from mvimonitor.demo.data.deurne import DEURNE
from mvimonitor.demo.data.helmond import HELMOND
from mvimonitor.demo.data.helmond_2017 import NEW_ACTION, PLANNED
from mvimonitor.demo.services import ORGANISATIONS
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.models import Action, ActionPlan, StatusChange
from mvimonitor.plans.selectors import action_statuses_on, status_counts_per_period
from mvimonitor.plans.workflow import Status

pytestmark = pytest.mark.usefixtures("demo")

PREVIOUS_MONITOR = date(2017, 7, 12)
MONITOR = date(2017, 9, 20)
NEXT_MONITOR = date(2017, 11, 20)
GREEN_DEAL = "Onderzoeken deelname aan Green deal Circulair inkopen"
STOP_AND_GO = "Gunning aanbesteding Stop and Go (dementerende ouderen ondersteunen met techniek)"
OPEN = (Status.NOT_STARTED, Status.RUNNING, Status.POSTPONED)


def helmond_plan() -> ActionPlan:
    return ActionPlan.objects.get(organisation__slug="helmond", slug="helmond-mvi")


def statuses_by_title(on: date) -> dict[str, Status]:
    statuses = action_statuses_on(plan=helmond_plan(), on=on)
    titles = dict(Action.objects.filter(pk__in=statuses).values_list("pk", "title"))
    return {titles[pk]: status for pk, status in statuses.items()}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (
            PREVIOUS_MONITOR,
            [
                ("Wat doen we al goed?", 54, Status.COMPLETED, 54),
                ("Aan de slag in 2017", 26, Status.COMPLETED, 5),
                ("Aan de slag in 2018-2020", 25, Status.COMPLETED, 0),
                ("Actie doorlopend", 18, Status.RUNNING, 12),
            ],
        ),
        (
            MONITOR,
            [
                ("Wat doen we al goed?", 54, Status.COMPLETED, 54),
                ("Aan de slag in 2017", 27, Status.COMPLETED, 7),
                ("Aan de slag in 2018-2020", 25, Status.COMPLETED, 0),
                ("Actie doorlopend", 18, Status.RUNNING, 12),
            ],
        ),
    ],
)
def test_the_helmond_figures_per_period_are_the_seeds_on_both_monitor_dates(on, expected):
    counts = status_counts_per_period(plan=helmond_plan(), on=on)

    assert [
        (p.name, p.total, status, p.counts.get(status, 0))
        for p, (_, _, status, _) in zip(counts, expected, strict=True)
    ] == expected


def test_no_action_of_doorlopend_or_2018_2020_is_completed_on_the_monitor_dates():
    for on in (PREVIOUS_MONITOR, MONITOR):
        counts = {p.name: p.counts for p in status_counts_per_period(plan=helmond_plan(), on=on)}
        assert counts["Actie doorlopend"].get(Status.COMPLETED, 0) == 0
        assert counts["Aan de slag in 2018-2020"].get(Status.COMPLETED, 0) == 0


def test_the_plan_has_124_actions_in_the_seeds_four_periods_and_helmonds_four_themes():
    plan = helmond_plan()

    assert plan.actions.count() == 124
    assert list(plan.periods.values_list("name", flat=True)) == [
        "Wat doen we al goed?",
        "Aan de slag in 2017",
        "Aan de slag in 2018-2020",
        "Actie doorlopend",
    ]
    assert dict(plan.plan_themes.values_list("theme__code", "ambition_level")) == HELMOND.themes
    assert (plan.name, plan.adopted_on, plan.starts_on, plan.ends_on) == (
        "MVI-actieplan 2017-2020",
        date(2017, 4, 1),
        date(2017, 1, 1),
        date(2020, 12, 31),
    )


def test_the_new_action_was_added_on_28_august_2017_and_is_running_on_the_monitor_date():
    action = Action.objects.get(title="Deelname aan opleiding circulair voor aanbesteding groen")

    assert action.added_on == date(2017, 8, 28)
    assert action.is_new
    assert action.period.name == "Aan de slag in 2017"
    assert statuses_by_title(MONITOR)[action.title] == Status.RUNNING
    assert action.title not in statuses_by_title(PREVIOUS_MONITOR)
    assert [a.title for a in helmond_plan().actions.all() if a.is_new] == [action.title]


def test_exactly_the_two_realised_actions_are_completed_between_the_monitors():
    before, after = statuses_by_title(PREVIOUS_MONITOR), statuses_by_title(MONITOR)
    realised = {
        t for t, s in after.items() if s == Status.COMPLETED and before.get(t) != Status.COMPLETED
    }
    completions = StatusChange.objects.filter(
        action__plan=helmond_plan(),
        to_status=Status.COMPLETED,
        effective_on__gt=PREVIOUS_MONITOR,
        effective_on__lte=MONITOR,
    ).values_list("action__title", flat=True)

    assert realised == {GREEN_DEAL, STOP_AND_GO}
    assert sorted(completions) == sorted(realised)
    assert Action.objects.get(title=GREEN_DEAL).result == "In 2017 (nog) niet deelnemen"
    assert Action.objects.get(title=STOP_AND_GO).result


def test_the_planned_actions_are_open_with_dates_in_the_two_months_after_the_monitor():
    planned = {spec.title for spec in (*PLANNED, NEW_ACTION)}
    statuses = statuses_by_title(MONITOR)

    def in_window(day: date | None) -> bool:
        return day is not None and MONITOR <= day <= NEXT_MONITOR

    with_dates_in_window = {
        a.title
        for a in helmond_plan().actions.all()
        if statuses.get(a.title) in OPEN and (in_window(a.start_date) or in_window(a.due_date))
    }
    assert with_dates_in_window == planned
    assert len(planned) == 7


def test_every_title_is_a_real_distinct_title_and_codes_are_numbered_per_period():
    titles = list(Action.objects.values_list("title", flat=True))
    codes = helmond_plan().actions.values_list("period__position", "code")

    assert len(titles) == len(set(titles)) == 124 + 8
    assert not [t for t in titles if re.search(r"Actie \d+", t)]
    assert all(
        code == f"{position + 1}.{code[2:]}" and re.fullmatch(r"\d\.\d\d", code)
        for position, code in codes
    )


def test_one_demo_user_per_role_and_the_owner_owns_several_actions():
    roles = dict(
        Membership.objects.filter(organisation__slug="helmond").values_list("user__email", "role")
    )

    assert roles == {u.email: u.role for u in HELMOND.users}
    assert set(roles.values()) == set(Role)
    assert Action.objects.filter(owner__email="owner@helmond.demo").count() >= 5
    assert Action.objects.exclude(owner_name="").exists()


def test_the_history_goes_on_after_2017():
    counts = {
        p.name: p.counts
        for p in status_counts_per_period(plan=helmond_plan(), on=date(2020, 12, 31))
    }

    assert counts["Aan de slag in 2018-2020"].get(Status.COMPLETED, 0) >= 10
    assert StatusChange.objects.filter(effective_on__year=2019).count() >= 10


def test_every_record_is_attributed_to_the_command_in_the_audit_trail():
    entries = AuditEntry.objects.filter(actor_label="command load_demo")

    assert entries.filter(model="plans.Action", operation="create").count() == 132
    assert entries.filter(model="plans.StatusChange").count() == StatusChange.objects.count()
    assert (
        not AuditEntry.objects.exclude(actor_label="command load_demo")
        .filter(model__startswith="plans.Action")
        .exists()
    )


def test_loading_again_changes_nothing():
    def state():
        return [
            m.objects.count()
            for m in (Organisation, User, Membership, ActionPlan, Action, StatusChange, AuditEntry)
        ]

    before = state()
    with override_settings(DEMO_MODE=True):
        call_command("load_demo", stdout=io.StringIO())

    assert state() == before


def test_the_second_organisations_plan_holds_only_its_own_actions():
    deurne = ActionPlan.objects.get(organisation__slug="deurne")
    own_titles = {a.title for period in DEURNE.periods for a in period.actions}

    assert deurne.slug == "deurne-mvi"
    assert set(deurne.actions.values_list("title", flat=True)) == own_titles
    assert not helmond_plan().actions.filter(title__in=own_titles).exists()
    assert not Membership.objects.filter(
        user__email="coordinator@deurne.demo", organisation__slug="helmond"
    ).exists()


def test_demo_mode_prints_the_logins_and_they_work(demo, client):
    for spec in (u for org in ORGANISATIONS for u in org.users):
        assert re.search(rf"{re.escape(spec.email)}\s+{re.escape(spec.password)}\s", demo)
        assert User.objects.get(email=spec.email).check_password(spec.password)
    assert "http://127.0.0.1:8000" in demo
    # Through the login form, as a person logs in (the login lockout needs the request).
    response = client.post(
        reverse("accounts:login"),
        {"username": "owner@helmond.demo", "password": "demo-owner-2017"},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(User.objects.get(email="owner@helmond.demo").pk)


def test_outside_demo_mode_no_password_is_printed_and_none_is_touched():
    audit_entries = AuditEntry.objects.count()
    out = io.StringIO()
    with override_settings(DEMO_MODE=False):
        call_command("load_demo", stdout=out)

    assert AuditEntry.objects.count() == audit_entries
    assert "coordinator@helmond.demo" in out.getvalue()
    assert not [
        u.password for org in ORGANISATIONS for u in org.users if u.password in out.getvalue()
    ]


def test_the_demo_has_a_site_administrator_who_is_a_member_of_nothing(demo, client):
    assert re.search(r"beheer@mvi\.demo\s+demo-beheer-2017\s+sitebeheerder\s", demo)
    admin = User.objects.get(email="beheer@mvi.demo")
    assert admin.is_site_admin and not admin.is_staff
    assert not Membership.objects.filter(user=admin).exists()
    response = client.post(
        reverse("accounts:login"), {"username": "beheer@mvi.demo", "password": "demo-beheer-2017"}
    )
    assert response.status_code == 302
    assert client.get(reverse("organisations:site_list")).status_code == 200
    helmond = reverse("organisations:detail", kwargs={"org_slug": "helmond"})
    assert client.get(helmond).status_code == 404  # no plans, actions or reports of Helmond
