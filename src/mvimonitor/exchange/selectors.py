"""Reads for import and export."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.utils import timezone

from mvimonitor.exchange.models import ImportJob, ImportMapping
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.organisations.selectors import member_users
from mvimonitor.plans import selectors as plan_selectors

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, ActionPlan


def exportable_actions(*, actions: QuerySet[Action]) -> QuerySet[Action]:
    """`actions` without the withdrawn ones, each annotated with `status_since`: the
    effective date of its latest history row."""
    return (
        actions.filter(withdrawn_on__isnull=True)
        .select_related("period", "owner")
        .prefetch_related("themes")
        .annotate(status_since=plan_selectors.status_since_expression())
    )


def import_targets(*, plan: ActionPlan) -> QuerySet[Action]:
    """Every action of the plan, withdrawn ones included (their codes are taken)."""
    return plan_selectors.plan_actions(plan=plan)


def organisation_members(*, plan: ActionPlan) -> QuerySet[User]:
    return get_user_model().objects.filter(memberships__organisation_id=plan.organisation_id)


def possible_owners(*, plan: ActionPlan) -> QuerySet[User]:
    """The colleagues an action of the plan may be given to (outside reviewers are not
    among them), by name."""
    return member_users(organisation=plan.organisation, roles=MEMBER_ROLES)


def plans_matching(*, reference: str) -> list[ActionPlan]:
    """Plans named by `ORG/PLAN` or by a plan slug alone (any organisation)."""
    organisation_slug, _, plan_slug = reference.strip().rpartition("/")
    return plan_selectors.plans_named(plan_slug=plan_slug, organisation_slug=organisation_slug)


def import_job(*, plan: ActionPlan, job_id: int) -> ImportJob | None:
    return ImportJob.objects.filter(plan=plan, pk=job_id).select_related("created_by").first()


def remembered_columns(*, plan: ActionPlan) -> dict[str, str]:
    """The column mapping the plan's last guided import was confirmed with:
    {header_key: Field value, "" for left out}; {} before the first."""
    columns = ImportMapping.objects.filter(plan=plan).values_list("columns", flat=True).first()
    return dict(columns) if isinstance(columns, dict) else {}


def plan_fingerprint(*, plan: ActionPlan) -> str:
    """A short digest of everything of the plan an import reads and checks against:
    its actions (their number, ids, versions and last change; every write raises an
    action's version), their status history (number, ids, dates), its periods, its
    organisation's themes and members. Any change to those changes it (ADR 0029); a
    few aggregate queries, whatever the size of the plan."""
    actions = plan_selectors.actions_of_plan(plan=plan)
    parts: list[object] = [
        actions.aggregate(
            n=Count("pk"), ids=Sum("pk"), versions=Sum("version"), at=Max("updated_at")
        ),
        actions.aggregate(
            n=Count("status_changes"),
            ids=Sum("status_changes__pk"),
            first=Min("status_changes__effective_on"),
            latest=Max("status_changes__effective_on"),
        ),
        [(p.pk, p.name, p.position) for p in plan_selectors.plan_periods(plan=plan)],
        plan_selectors.themes_for_organisation(organisation=plan.organisation).aggregate(
            n=Count("pk"), ids=Sum("pk"), versions=Sum("version")
        ),
        organisation_members(plan=plan).aggregate(n=Count("pk"), ids=Sum("pk")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def import_job_being_set_up(*, plan: ActionPlan, user: User) -> ImportJob | None:
    """The user's upload for this plan that they are still setting up (one at a time),
    while it is kept: nobody else reaches it."""
    return (
        ImportJob.objects.filter(
            plan=plan,
            created_by=user,
            state=ImportJob.State.SETUP,
            lease_expires_at__gte=timezone.now(),
        )
        .order_by("-created_at", "-id")
        .first()
    )
