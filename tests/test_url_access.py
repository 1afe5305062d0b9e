"""Role and organisation separation for EVERY URL in the URLconf.

The URLconf is enumerated: a URL without a rule in RULES fails the first test, so a new
view cannot be forgotten. For each organisation-scoped URL we check that anonymous users
are sent to the login page, that a member of another organisation gets 404 (also when
the object in the URL belongs to another organisation), that roles below the requirement
get 403 and that roles meeting it get through.

Outside reviewers (Role.REVIEWER) meet only the requirement "review": the pages of
their own plan they may see. Another plan's page answers them 404, and once their
access has expired every organisation URL answers 404.

Site administrators (User.is_site_admin, a role of the installation) meet only the
requirement "site-admin": the organisations' administration. On every organisation URL
a site administrator who is no member gets 404 like any outsider, and one who is a
member gets exactly what their role gives.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mvimonitor.exchange.models import ImportJob
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    EditionVariant,
    Monitor,
    MonitorEdition,
)
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.organisations.models import Membership
from mvimonitor.organisations.roles import Role
from mvimonitor.organisations.services import organisation_set_logo
from mvimonitor.plans.models import StatusChange
from tests.conftest import World
from tests.factories import ActionPlanFactory, InvitationFactory, SiteAdminFactory
from tests.organisations.images import image_bytes

Kwargs = Callable[["Objects"], dict]


@dataclass
class Objects:
    """The world plus one object of each kind a URL can name, in both organisations."""

    world: World
    membership: Membership
    other_membership: Membership
    invitation_id: int
    invitation_token: str
    other_invitation_id: int
    job_id: int
    other_job_id: int
    draft_day: date  # a draft monitor of world.plan
    final_day: date  # a finalised monitor of world.plan, with edition 1
    point_id: int
    other_point_id: int
    moment_id: int
    other_moment_id: int
    second_plan_slug: str  # another plan of world.helmond, not the reviewer's
    # Ids named by other apps' rules (tests/<app>/url_rules.py), from EXTRA_OBJECTS.
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    requires: str  # public | login | site-admin | review | read | edit | manage | own-action
    kwargs: Kwargs = lambda o: {}
    # The same URL with an object of the other organisation under this one's slug.
    foreign_kwargs: Kwargs | None = None
    methods: tuple[str, ...] = ("get",)
    extra: dict = field(default_factory=dict)


def org(o: Objects) -> dict:
    return {"org_slug": o.world.helmond.slug}


def plan(o: Objects) -> dict:
    return {**org(o), "plan_slug": o.world.plan.slug}


def own_action(o: Objects) -> dict:
    return {**plan(o), "pk": o.world.owned_action.pk}


def foreign_action(o: Objects) -> dict:
    return {**plan(o), "pk": o.world.other_action.pk}


def first_change(action) -> int:
    return StatusChange.objects.filter(action=action).values_list("pk", flat=True).first()


def draft(o: Objects) -> dict:
    return {**plan(o), "day": o.draft_day}


def final(o: Objects) -> dict:
    return {**plan(o), "day": o.final_day}


def foreign_plan(o: Objects) -> dict:
    """The other organisation's plan under this organisation's slug."""
    return {**org(o), "plan_slug": o.world.other_plan.slug}


def member(o: Objects) -> dict:
    return {**org(o), "membership_id": o.membership.pk}


def foreign_member(o: Objects) -> dict:
    return {**org(o), "membership_id": o.other_membership.pk}


RULES: dict[str, Rule] = {
    # Public: logging in and the ways back in.
    "accounts:login": Rule("public"),
    "accounts:password_reset": Rule("public"),
    "accounts:password_reset_done": Rule("public"),
    "accounts:password_reset_confirm": Rule("public", lambda o: {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": Rule("public"),
    "accounts:invitation_accept": Rule("public", lambda o: {"token": o.invitation_token}),
    "set_language": Rule("public", methods=("post",)),
    # The accessibility statement, linked from every page's footer (web.views).
    "web:accessibility": Rule("public"),
    # Logged in, not tied to one organisation.
    "organisations:home": Rule("login"),
    "accounts:logout": Rule("login", methods=("post",)),
    "accounts:password_change": Rule("login"),
    "accounts:password_change_done": Rule("login"),
    # The organisations' administration, for site administrators.
    "organisations:site_list": Rule("site-admin"),
    "organisations:site_create": Rule("site-admin", methods=("get", "post")),
    "organisations:site_detail": Rule("site-admin", lambda o: {"slug": o.world.helmond.slug}),
    "organisations:site_edit": Rule(
        "site-admin", lambda o: {"slug": o.world.helmond.slug}, methods=("get", "post")
    ),
    "organisations:site_invite": Rule(
        "site-admin", lambda o: {"slug": o.world.helmond.slug}, methods=("post",)
    ),
    # Organisation and members.
    "organisations:detail": Rule("review", org),  # a reviewer is sent to their plan
    "organisations:settings": Rule("manage", org, methods=("get", "post")),
    "organisations:logo": Rule("read", org),
    "organisations:members": Rule("manage", org),
    "organisations:invite": Rule("manage", org),
    "organisations:member_role": Rule("manage", member, foreign_member, methods=("post",)),
    "organisations:member_remove": Rule("manage", member, foreign_member, methods=("post",)),
    "organisations:member_unlock": Rule("manage", member, foreign_member, methods=("post",)),
    "organisations:invitation_revoke": Rule(
        "manage",
        lambda o: {**org(o), "invitation_id": o.invitation_id},
        lambda o: {**org(o), "invitation_id": o.other_invitation_id},
        methods=("post",),
    ),
    "organisations:invitation_resend": Rule(
        "manage",
        lambda o: {**org(o), "invitation_id": o.invitation_id},
        lambda o: {**org(o), "invitation_id": o.other_invitation_id},
        methods=("post",),
    ),
    # Plans.
    "plans:create": Rule("manage", org),
    "plans:org_themes": Rule("manage", org),
    "plans:detail": Rule(
        "review", plan, lambda o: {**org(o), "plan_slug": o.world.other_plan.slug}
    ),
    "plans:edit": Rule("manage", plan),
    # A POST without the plan's name answers the form with its error (200).
    "plans:delete": Rule("manage", plan, foreign_plan, methods=("get", "post")),
    "plans:periods": Rule("manage", plan),
    "plans:themes": Rule("manage", plan),
    "plans:copy": Rule("manage", plan, foreign_plan, methods=("get", "post")),
    "plans:action_list": Rule("review", plan),
    "plans:action_create": Rule("edit", plan),
    "plans:action_bulk_status": Rule("edit", plan, methods=("post",)),
    "plans:action_detail": Rule("review", own_action, foreign_action),
    "plans:action_edit": Rule("own-action", own_action, foreign_action),
    "plans:action_status": Rule("own-action", own_action, foreign_action, methods=("post",)),
    "plans:action_withdraw": Rule("edit", own_action, foreign_action, methods=("post",)),
    "plans:status_correct": Rule(
        "manage",
        lambda o: {**own_action(o), "change_pk": first_change(o.world.owned_action)},
        lambda o: {**foreign_action(o), "change_pk": first_change(o.world.other_action)},
        methods=("get", "post"),
    ),
    # Import and export.
    "exchange:export": Rule("read", plan),
    "exchange:import": Rule("edit", plan, foreign_plan),
    # The guided import's steps name no job: each reads the user's own upload being set
    # up (none: back to the upload), so nobody reaches another user's (tests/exchange/
    # test_wizard.py).
    "exchange:import_columns": Rule("edit", plan, foreign_plan, methods=("get", "post")),
    "exchange:import_values": Rule("edit", plan, foreign_plan, methods=("get", "post")),
    "exchange:import_preview": Rule("edit", plan, foreign_plan, methods=("get", "post")),
    "exchange:template": Rule("read", plan),
    "exchange:import_status": Rule(
        "edit",
        lambda o: {**plan(o), "job_id": o.job_id},
        lambda o: {**plan(o), "job_id": o.other_job_id},
    ),
    # Monitors and their reports.
    "monitoring:list": Rule("read", plan, foreign_plan),
    "monitoring:create": Rule("manage", plan),
    "monitoring:detail": Rule("read", draft, lambda o: {**draft(o), **foreign_plan(o)}),
    "monitoring:edit": Rule("manage", draft),
    "monitoring:finalise": Rule("manage", draft, methods=("post",)),
    "monitoring:reopen": Rule("manage", final),
    "monitoring:figure": Rule("read", draft, lambda o: {**draft(o), **foreign_plan(o)}),
    "monitoring:changes": Rule("read", final, lambda o: {**final(o), **foreign_plan(o)}),
    "monitoring:download": Rule(
        "read",
        lambda o: {**draft(o), "fmt": "json"},
        lambda o: {**draft(o), **foreign_plan(o), "fmt": "json"},
    ),
    "monitoring:edition_pdf": Rule(
        "read",
        lambda o: {**final(o), "number": 1},
        lambda o: {**final(o), **foreign_plan(o), "number": 1},
    ),
    "monitoring:compose": Rule("manage", plan, foreign_plan, methods=("get", "post")),
    # The council version of finalised monitors: the only monitor pages a reviewer of the
    # plan sees (ADR 0034); a draft answers 404 there (tests/monitoring/test_council_pages.py).
    "monitoring:council_list": Rule("review", plan, foreign_plan),
    "monitoring:council_detail": Rule("review", final, lambda o: {**final(o), **foreign_plan(o)}),
    "monitoring:council_pdf": Rule("review", final, lambda o: {**final(o), **foreign_plan(o)}),
    "monitoring:attention_points": Rule("read", plan, foreign_plan),
    "monitoring:attention_point_edit": Rule(
        "edit",
        lambda o: {**plan(o), "pk": o.point_id},
        lambda o: {**plan(o), "pk": o.other_point_id},
    ),
    "monitoring:attention_point_close": Rule(
        "edit",
        lambda o: {**plan(o), "pk": o.point_id},
        lambda o: {**plan(o), "pk": o.other_point_id},
        methods=("post",),
    ),
    "monitoring:communication": Rule("read", plan, foreign_plan),
    "monitoring:communication_edit": Rule(
        "edit",
        lambda o: {**plan(o), "pk": o.moment_id},
        lambda o: {**plan(o), "pk": o.other_moment_id},
    ),
}

# Apps that keep their rules beside their tests add them here, with a function that
# creates the objects their URLs name and returns their ids for `Objects.extra`.
EXTRA_RULES: list[dict[str, Rule]] = []
EXTRA_OBJECTS: list[Callable[[World], dict]] = []
from tests.calendar_feed import url_rules as calendar_feed_rules  # noqa: E402
from tests.exchange import url_rules as exchange_rules  # noqa: E402
from tests.procurement import url_rules as tenders_rules  # noqa: E402
from tests.procurement import url_rules_contracts as contracts_rules  # noqa: E402
from tests.procurement import url_rules_pipeline as pipeline_rules  # noqa: E402
from tests.reminders import url_rules as reminders_rules  # noqa: E402
from tests.review import url_rules as review_rules  # noqa: E402
from tests.rounds import url_rules as rounds_rules  # noqa: E402
from tests.targets import url_rules as targets_rules  # noqa: E402

EXTRA_RULES.append(reminders_rules.RULES)
EXTRA_OBJECTS.append(reminders_rules.objects)
EXTRA_RULES.append(rounds_rules.RULES)
EXTRA_OBJECTS.append(rounds_rules.objects)
EXTRA_RULES.append(calendar_feed_rules.RULES)
EXTRA_OBJECTS.append(calendar_feed_rules.objects)
EXTRA_RULES.append(targets_rules.RULES)
EXTRA_OBJECTS.append(targets_rules.objects)
EXTRA_RULES.append(review_rules.RULES)
EXTRA_OBJECTS.append(review_rules.objects)
EXTRA_RULES.append(contracts_rules.RULES)
EXTRA_OBJECTS.append(contracts_rules.objects)
EXTRA_RULES.append(pipeline_rules.RULES)
EXTRA_OBJECTS.append(pipeline_rules.objects)
EXTRA_RULES.append(tenders_rules.RULES)
EXTRA_OBJECTS.append(tenders_rules.objects)
EXTRA_RULES.append(exchange_rules.RULES)
EXTRA_OBJECTS.append(exchange_rules.objects)
for extra_rules in EXTRA_RULES:
    RULES.update(extra_rules)

ALLOWED = {
    "review": set(Role),  # every member, and the reviewers of the plan in the URL
    "read": set(Role) - {Role.REVIEWER},
    "edit": {Role.COORDINATOR, Role.EDITOR},
    "manage": {Role.COORDINATOR},
    "own-action": set(Role) - {Role.VIEWER, Role.REVIEWER},
}
ORG_SCOPED = set(ALLOWED)


def _url_names(patterns, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: platform operators only, tested below
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


URL_NAMES = sorted(set(_url_names(get_resolver().url_patterns)))


@pytest.fixture
def objects(world: World) -> Objects:
    other_member = Membership.objects.get(user=world.outsider)
    job = ImportJob.objects.create(plan=world.plan, file_name="plan.xlsx")
    invitation = InvitationFactory(organisation=world.helmond)
    other_job = ImportJob.objects.create(plan=world.other_plan, file_name="plan.xlsx")
    draft_monitor = Monitor.objects.create(plan=world.plan, date=date(2017, 9, 20))
    final_monitor = _finalised_monitor(world, date(2017, 7, 12))
    # A logo, so that the logo's address has something to serve (none: 404 for all).
    organisation_set_logo(organisation=world.helmond, content=image_bytes(), by=None)
    extra: dict = {}
    for build in EXTRA_OBJECTS:
        extra.update(build(world))
    return Objects(
        world=world,
        membership=Membership.objects.get(user=world.viewer),
        other_membership=other_member,
        invitation_id=invitation.pk,
        invitation_token=invitation.token,
        other_invitation_id=InvitationFactory(organisation=world.other).pk,
        job_id=job.pk,
        other_job_id=other_job.pk,
        draft_day=draft_monitor.date,
        final_day=final_monitor.date,
        point_id=AttentionPoint.objects.create(plan=world.plan, text="Risico").pk,
        other_point_id=AttentionPoint.objects.create(plan=world.other_plan, text="Ander").pk,
        moment_id=_moment(world.plan).pk,
        other_moment_id=_moment(world.other_plan).pk,
        second_plan_slug=ActionPlanFactory(organisation=world.helmond, slug="helmond-2021").slug,
        extra=extra,
    )


def _finalised_monitor(world: World, day: date) -> Monitor:
    """A final monitor with its frozen report; the PDF bytes stand in for a rendering,
    which these access checks never read."""
    monitor = Monitor.objects.create(plan=world.plan, date=day, state=Monitor.State.FINAL)
    report = report_for_date(plan=world.plan, on=day, monitor=monitor)
    edition = MonitorEdition.objects.create(
        monitor=monitor,
        number=1,
        report=report.to_storage(),
        pdf=b"%PDF-1.7",
        completed_count=report.totals()["completed"],
        action_count=report.total,
    )
    EditionVariant.objects.create(
        edition=edition, variant="council", section_ids=["summary"], pdf=b"%PDF-1.7"
    )
    return monitor


def _moment(plan) -> CommunicationMoment:
    return CommunicationMoment.objects.create(plan=plan, date=date(2017, 7, 15), text="Artikel")


def _request(client, method: str, url: str):
    return getattr(client, method)(url)


def test_every_url_has_an_access_rule():
    assert set(URL_NAMES) - set(RULES) == set(), "add the new URL to RULES"
    assert set(RULES) - set(URL_NAMES) == set(), "RULES names a URL that no longer exists"


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires != "public"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, objects, name):
    rule = RULES[name]
    for method in rule.methods:
        response = _request(client, method, reverse(name, kwargs=rule.kwargs(objects)))
        assert response.status_code == 302, (name, method)
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires in ORG_SCOPED])
def test_members_of_another_organisation_get_not_found(client, objects, name):
    rule = RULES[name]
    client.force_login(objects.world.outsider)
    for method in rule.methods:
        response = _request(client, method, reverse(name, kwargs=rule.kwargs(objects)))
        assert response.status_code == 404, (name, method)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].foreign_kwargs])
def test_another_organisations_object_under_this_organisation_is_not_found(client, objects, name):
    rule = RULES[name]
    client.force_login(objects.world.coordinator)
    for method in rule.methods:
        url = reverse(name, kwargs=rule.foreign_kwargs(objects))
        assert _request(client, method, url).status_code == 404, (name, method)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires in ORG_SCOPED])
def test_each_role_gets_exactly_what_it_may(client, objects, name, role):
    rule = RULES[name]
    client.force_login(objects.world.user(role))
    for method in rule.methods:
        status = _request(client, method, reverse(name, kwargs=rule.kwargs(objects))).status_code
        if role in ALLOWED[rule.requires]:
            assert status not in (403, 404, 500), (name, method, role, status)
        else:
            assert status == 403, (name, method, role, status)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires == "review"])
def test_a_reviewer_gets_not_found_for_another_plan_of_the_same_organisation(client, objects, name):
    rule = RULES[name]
    kwargs = rule.kwargs(objects)
    if "plan_slug" not in kwargs:
        pytest.skip("no plan in this URL: the view sends a reviewer to their own plan")
    client.force_login(objects.world.reviewer)
    url = reverse(name, kwargs={**kwargs, "plan_slug": objects.second_plan_slug})
    for method in rule.methods:
        assert _request(client, method, url).status_code == 404, (name, method)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires in ORG_SCOPED])
def test_an_expired_reviewer_gets_not_found_everywhere(client, objects, name):
    rule = RULES[name]
    Membership.objects.filter(user=objects.world.reviewer).update(expires_on=date(2017, 1, 1))
    client.force_login(objects.world.reviewer)
    for method in rule.methods:
        response = _request(client, method, reverse(name, kwargs=rule.kwargs(objects)))
        assert response.status_code == 404, (name, method)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires == "own-action"])
def test_an_owner_cannot_touch_an_action_of_someone_else(client, objects, name):
    rule = RULES[name]
    client.force_login(objects.world.owner)
    kwargs = {**plan(objects), "pk": objects.world.unowned_action.pk}
    for method in rule.methods:
        assert _request(client, method, reverse(name, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires == "login"])
def test_pages_for_any_logged_in_user_open_for_every_role(client, objects, name):
    rule = RULES[name]
    client.force_login(objects.world.viewer)
    for method in rule.methods:
        status = _request(client, method, reverse(name, kwargs=rule.kwargs(objects))).status_code
        assert status in (200, 302), (name, method, status)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires == "public"])
def test_public_pages_open_without_logging_in(client, objects, name):
    rule = RULES[name]
    for method in rule.methods:
        status = _request(client, method, reverse(name, kwargs=rule.kwargs(objects))).status_code
        assert status in (200, 302), (name, method, status)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires == "site-admin"])
def test_the_organisations_administration_is_for_site_administrators_only(client, objects, name):
    rule = RULES[name]
    for user in [objects.world.user(role) for role in Role] + [objects.world.outsider]:
        client.force_login(user)
        for method in rule.methods:
            response = _request(client, method, reverse(name, kwargs=rule.kwargs(objects)))
            assert response.status_code == 403, (name, method, user.email)
    client.force_login(SiteAdminFactory())
    for method in rule.methods:
        status = _request(client, method, reverse(name, kwargs=rule.kwargs(objects))).status_code
        assert status in (200, 302), (name, method, status)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires in ORG_SCOPED])
def test_a_site_administrator_who_is_no_member_gets_not_found_everywhere(client, objects, name):
    rule = RULES[name]
    client.force_login(SiteAdminFactory())
    for method in rule.methods:
        response = _request(client, method, reverse(name, kwargs=rule.kwargs(objects)))
        assert response.status_code == 404, (name, method)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].requires in ORG_SCOPED])
def test_a_site_administrator_who_is_a_viewer_gets_only_what_a_viewer_gets(client, objects, name):
    rule = RULES[name]
    viewer = objects.world.viewer
    viewer.is_site_admin = True
    viewer.save(update_fields=["is_site_admin"])
    client.force_login(viewer)
    for method in rule.methods:
        status = _request(client, method, reverse(name, kwargs=rule.kwargs(objects))).status_code
        if Role.VIEWER in ALLOWED[rule.requires]:
            assert status not in (403, 404, 500), (name, method, status)
        else:
            assert status == 403, (name, method, status)


@pytest.mark.parametrize("role", list(Role))
def test_the_django_admin_is_for_platform_operators_only(client, objects, role):
    client.force_login(objects.world.user(role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_django_admin_is_not_for_site_administrators(client, objects):
    client.force_login(SiteAdminFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]
