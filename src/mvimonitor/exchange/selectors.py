"""Reads for import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from mvimonitor.exchange.models import ImportJob
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


def plans_matching(*, reference: str) -> list[ActionPlan]:
    """Plans named by `ORG/PLAN` or by a plan slug alone (any organisation)."""
    organisation_slug, _, plan_slug = reference.strip().rpartition("/")
    return plan_selectors.plans_named(plan_slug=plan_slug, organisation_slug=organisation_slug)


def import_job(*, plan: ActionPlan, job_id: int) -> ImportJob | None:
    return ImportJob.objects.filter(plan=plan, pk=job_id).select_related("created_by").first()


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
