"""Reads for import and export."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.exchange.models import ImportJob, ImportMapping, PlanImportRecord
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.organisations.selectors import member_users
from mvimonitor.plans import dependents as plan_dependents
from mvimonitor.plans import selectors as plan_selectors

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import Action, ActionPlan

#: "Since ever", for the actions an import created: every use of them came after it.
EVER = datetime(1970, 1, 1, tzinfo=UTC)


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


def import_records(*, plan: ActionPlan) -> QuerySet[PlanImportRecord]:
    """The plan's imports, the newest first, with who imported and who undid them."""
    return PlanImportRecord.objects.filter(plan=plan).select_related("by", "undone_by")


def import_record(*, plan: ActionPlan, record_id: int) -> PlanImportRecord | None:
    record = import_records(plan=plan).filter(pk=record_id).first()
    if record is not None:
        record.plan = plan
    return record


def _later_records(record: PlanImportRecord) -> QuerySet[PlanImportRecord]:
    return (
        PlanImportRecord.objects.filter(plan_id=record.plan_id)
        .filter(Q(at__gt=record.at) | Q(at=record.at, pk__gt=record.pk))
        .order_by("at", "pk")
    )


def versions_expected(*, record: PlanImportRecord) -> dict[int, int]:
    """The version each action the import touched has while nothing but later imports,
    each undone again, changed it: the version the import left, or the one the undo of
    a later import left when that import started from it."""
    expected = {int(pk): after for pk, (_before, after) in record.versions.items()}
    for later in _later_records(record).filter(undone_at__isnull=False):
        for pk, (before, _after) in later.versions.items():
            if expected.get(int(pk)) == before and pk in later.undo_versions:
                expected[int(pk)] = later.undo_versions[pk]
    return expected


def undo_refusals(*, record: PlanImportRecord) -> list[str]:
    """Why the import may not be undone, as sentences for the user; [] when it may."""
    if record.is_undone:
        return [_("This import has been undone already.")]
    pending = _later_records(record).filter(undone_at__isnull=True).first()
    if pending is not None:
        return [
            _(
                "A later import (%(file)s, %(at)s) has not been undone: "
                "undo the newest import first."
            )
            % {"file": pending.file_name, "at": date_format(localtime(pending.at), "j F Y H:i")}
        ]
    plan = record.plan
    reasons = plan_dependents.plan_holds(plan=plan, since=record.at)
    changed = plan_selectors.actions_changed_after(
        plan=plan,
        versions=versions_expected(record=record),
        since=record.at,
        made=record.status_changes,
    )
    if changed:
        reasons.append(
            ngettext(
                "Action %(codes)s was changed after the import.",
                "Actions %(codes)s were changed after the import.",
                len(changed),
            )
            % {"codes": plan_dependents.codes_text(changed)}
        )
    created = set(record.created_actions)
    kept = [int(pk) for pk in record.versions if int(pk) not in created]
    reasons += plan_dependents.action_uses_since(plan=plan, action_ids=created, since=EVER)
    reasons += plan_dependents.action_uses_since(plan=plan, action_ids=kept, since=record.at)
    return reasons


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
