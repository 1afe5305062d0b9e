"""Reads for import and export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, Q, QuerySet, Subquery

from mvimonitor.accounts.models import User
from mvimonitor.exchange.models import ImportJob
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.plans.models import ActionPlan, StatusChange

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action


def exportable_actions(*, actions: QuerySet[Action]) -> QuerySet[Action]:
    """`actions` without the withdrawn ones, each annotated with `status_since`: the
    effective date of its latest history row."""
    latest = (
        StatusChange.objects.filter(action=OuterRef("pk"))
        .order_by("-effective_on", "-recorded_at", "-id")
        .values("effective_on")[:1]
    )
    return (
        actions.filter(withdrawn_on__isnull=True)
        .select_related("period", "owner")
        .prefetch_related("themes")
        .annotate(status_since=Subquery(latest))
    )


def import_targets(*, plan: ActionPlan) -> QuerySet[Action]:
    """Every action of the plan, withdrawn ones included (their codes are taken)."""
    return plan_selectors.plan_actions(plan=plan)


def organisation_members(*, plan: ActionPlan) -> QuerySet[User]:
    return User.objects.filter(memberships__organisation_id=plan.organisation_id)


def plans_matching(*, reference: str) -> list[ActionPlan]:
    """Plans named by `ORG/PLAN` or by a plan slug alone (any organisation)."""
    organisation_slug, _, plan_slug = reference.strip().rpartition("/")
    query = Q(slug=plan_slug)
    if organisation_slug:
        query &= Q(organisation__slug=organisation_slug)
    return list(
        ActionPlan.objects.filter(query)
        .select_related("organisation")
        .order_by("organisation__slug", "slug")
    )


def import_job(*, plan: ActionPlan, job_id: int) -> ImportJob | None:
    return ImportJob.objects.filter(plan=plan, pk=job_id).select_related("created_by").first()
