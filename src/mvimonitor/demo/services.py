"""Loading the demo installation. Every record is written the way the product writes
it (plans.services for plans, periods, actions and status changes), so the demo has a
real status history and audit trail, and monitors are finalised through
monitoring.services (see demo.monitoring). Loading is idempotent: an organisation, user or
membership that exists is reused, a plan that exists is left as it is, and of a plan's
monitoring history only what is missing is added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction

from mvimonitor.accounts import services as account_services
from mvimonitor.demo.data import SITE_ADMIN, DemoAction, DemoOrganisation, DemoUser
from mvimonitor.demo.data.deurne import DEURNE
from mvimonitor.demo.data.helmond import HELMOND
from mvimonitor.demo.moments import recorded_on
from mvimonitor.demo.monitoring import demo_monitoring_ensure
from mvimonitor.demo.rounds import demo_comments_ensure, demo_round_ensure
from mvimonitor.demo.tenders import demo_tenders_ensure
from mvimonitor.organisations import services as organisation_services
from mvimonitor.organisations.roles import Role
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.selectors import national_themes, organisation_plan, plan_periods
from mvimonitor.plans.workflow import Status
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.monitoring.models import Monitor
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Action, ActionPlan, Period, Theme
    from mvimonitor.rounds.models import UpdateRound

ORGANISATIONS: tuple[DemoOrganisation, ...] = (HELMOND, DEURNE)


@dataclass(frozen=True)
class HistoryStep:
    effective_on: date
    status: Status
    note: str = ""


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: Role | None  # None: the site administrator, a role of the installation
    organisation: str  # "" for the site administrator
    password: str | None  # only in demo mode


@dataclass
class DemoLoadResult:
    logins: list[DemoLogin] = field(default_factory=list)
    created: list[ActionPlan] = field(default_factory=list)
    present: list[ActionPlan] = field(default_factory=list)
    monitors: list[Monitor] = field(default_factory=list)  # created, finalised if past
    rounds: list[UpdateRound] = field(default_factory=list)  # created, with their answers


def parse_history(entries: Sequence[str]) -> list[HistoryStep]:
    """Read "YYYY-MM-DD status" or "YYYY-MM-DD status: note" entries (see DemoAction)."""
    steps = []
    for entry in entries:
        head, _, note = entry.partition(":")
        on, status = head.split()
        steps.append(HistoryStep(date.fromisoformat(on), Status(status), note.strip()))
    return steps


@transaction.atomic
def demo_load(*, demo_mode: bool) -> DemoLoadResult:
    """Create whatever of the demo is missing. Passwords are set (and reported) only in
    demo mode; outside it new demo users get no usable password."""
    result = DemoLoadResult()
    demo_site_admin_ensure(demo_mode=demo_mode)
    result.logins.append(
        DemoLogin(
            email=SITE_ADMIN.email,
            role=None,
            organisation="",
            password=SITE_ADMIN.password if demo_mode else None,
        )
    )
    for spec in ORGANISATIONS:
        organisation, _ = organisation_services.organisation_get_or_create(
            slug=spec.slug, name=spec.name
        )
        result.logins += [
            DemoLogin(
                email=user_spec.email,
                role=user_spec.role,
                organisation=organisation.name,
                password=user_spec.password if demo_mode else None,
            )
            for user_spec in spec.users
        ]
        # Reviewers are members of one plan: they join once the plan is there.
        members = [u for u in spec.users if u.role != Role.REVIEWER]
        users: dict[Role, User] = {
            u.role: demo_user_ensure(
                spec=u, organisation=organisation, demo_mode=demo_mode, since=spec.adopted_on
            )
            for u in members
        }
        plan = organisation_plan(organisation=organisation, slug=spec.plan_slug)
        if plan is None:
            plan = demo_plan_create(spec=spec, organisation=organisation, users=users)
            result.created.append(plan)
        else:
            result.present.append(plan)
        for user_spec in spec.users:
            if user_spec.role == Role.REVIEWER:
                users[user_spec.role] = demo_user_ensure(
                    spec=user_spec,
                    organisation=organisation,
                    demo_mode=demo_mode,
                    since=spec.adopted_on,
                    plan=plan,
                )
        # Tenders first: finalising a monitor freezes the register as it stood then.
        demo_tenders_ensure(plan=plan, by=users.get(Role.COORDINATOR))
        # Also for a plan loaded before the demo had monitors: only what is missing.
        monitoring = demo_monitoring_ensure(spec=spec, plan=plan, by=users.get(Role.COORDINATOR))
        result.monitors.extend(monitoring.monitors)
        # After the monitors: the next monitor's round, and the reviewer's comments.
        update_round = demo_round_ensure(spec=spec, plan=plan, users=users)
        if update_round is not None:
            result.rounds.append(update_round)
        demo_comments_ensure(spec=spec, plan=plan, users=users)
    return result


@transaction.atomic
def demo_site_admin_ensure(*, demo_mode: bool) -> User:
    """The demo's site administrator, a member of no organisation; in demo mode with the
    documented password, as the other demo users."""
    user, created = account_services.user_get_or_create(
        email=SITE_ADMIN.email,
        full_name=SITE_ADMIN.full_name,
        password=SITE_ADMIN.password if demo_mode else None,
    )
    if not created and demo_mode and not user.check_password(SITE_ADMIN.password):
        account_services.user_password_set(user=user, password=SITE_ADMIN.password)
    user, _created = account_services.site_admin_ensure(email=user.email)
    return user


@transaction.atomic
def demo_user_ensure(
    *,
    spec: DemoUser,
    organisation: Organisation,
    demo_mode: bool,
    since: date | None = None,
    plan: ActionPlan | None = None,
) -> User:
    """The demo user with their membership (a reviewer's for `plan`, until the spec's
    `expires_on`), a member since the spec's `member_since`, else `since`, else today. In demo
    mode the password is (re)set to the documented demo password when it differs, so
    the printed logins always work."""
    joined = spec.member_since or since or today()
    with recorded_on(joined):
        user, created = account_services.user_get_or_create(
            email=spec.email,
            full_name=spec.full_name,
            password=spec.password if demo_mode else None,
        )
    if not created and demo_mode and not user.check_password(spec.password):
        account_services.user_password_set(user=user, password=spec.password)
    reviewer = spec.role == Role.REVIEWER
    if reviewer and (plan is None or spec.expires_on is None):
        raise ValueError(f"The reviewer {spec.email} needs a plan and an end date.")
    with recorded_on(joined) as joined_at:
        organisation_services.membership_get_or_create(
            user=user,
            organisation=organisation,
            role=spec.role,
            plan=plan if reviewer else None,
            expires_on=spec.expires_on if reviewer else None,
            member_since=joined_at,
        )
    return user


@transaction.atomic
def demo_plan_create(
    *, spec: DemoOrganisation, organisation: Organisation, users: Mapping[Role, User]
) -> ActionPlan:
    """The plan with its periods, themes (and ambition levels) and actions, codes
    numbered per period ("2.07" is the 7th action of the 2nd period); recorded as of
    the day it was adopted, each action as of the day it was added, each status
    change as of the day it took effect (demo.moments)."""
    with recorded_on(spec.adopted_on):
        return _plan_create(spec=spec, organisation=organisation, users=users)


def _plan_create(
    *, spec: DemoOrganisation, organisation: Organisation, users: Mapping[Role, User]
) -> ActionPlan:
    themes = {theme.code: theme for theme in national_themes()}
    plan = plan_services.plan_create(
        organisation=organisation,
        name=spec.plan_name,
        slug=spec.plan_slug,
        description=spec.plan_description,
        adopted_on=spec.adopted_on,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        period_names=[period.name for period in spec.periods],
        themes=[themes[code] for code in spec.themes],
    )
    plan_services.plan_themes_set(
        plan=plan, ambitions={themes[code]: level for code, level in spec.themes.items()}
    )
    periods = plan_periods(plan=plan)
    for number, (period, period_spec) in enumerate(
        zip(periods, spec.periods, strict=True), start=1
    ):
        for position, action_spec in enumerate(period_spec.actions, start=1):
            _action_create(
                plan=plan,
                period=period,
                code=f"{number}.{position:02d}",
                spec=action_spec,
                users=users,
                themes=themes,
            )
    return plan


def _action_create(
    *,
    plan: ActionPlan,
    period: Period,
    code: str,
    spec: DemoAction,
    users: Mapping[Role, User],
    themes: Mapping[str, Theme],
) -> None:
    owner = users[Role(spec.owner[1:])] if spec.owner.startswith("@") else None
    recorder = owner or users[Role.COORDINATOR]
    first, *later = parse_history(spec.history)
    with recorded_on(first.effective_on) as recorded_at:
        action = _action_first(plan, period, code, spec, users, themes, first, recorded_at)
    for step in later:
        with recorded_on(step.effective_on) as recorded_at:
            plan_services.action_change_status(
                action=action,
                to_status=step.status,
                by=recorder,
                effective_on=step.effective_on,
                note=step.note,
                is_coordinator=True,
                recorded_at=recorded_at,
            )


def _action_first(
    plan: ActionPlan,
    period: Period,
    code: str,
    spec: DemoAction,
    users: Mapping[Role, User],
    themes: Mapping[str, Theme],
    first: HistoryStep,
    recorded_at: datetime,
) -> Action:
    """The action as added to the plan, with its first status."""
    owner = users[Role(spec.owner[1:])] if spec.owner.startswith("@") else None
    return plan_services.action_create(
        plan=plan,
        code=code,
        title=spec.title,
        period=period,
        by=owner or users[Role.COORDINATOR],
        status=first.status,
        status_since=first.effective_on,
        added_on=spec.added_on or plan.adopted_on,
        themes=[themes[theme_code] for theme_code in spec.themes],
        description=spec.description,
        owner=owner,
        owner_name="" if owner else spec.owner,
        department=spec.department,
        start_date=spec.start_date,
        due_date=spec.due_date,
        is_continuous=spec.is_continuous,
        result=spec.result,
        recorded_at=recorded_at,
    )
