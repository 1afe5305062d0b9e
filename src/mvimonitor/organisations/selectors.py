"""Reads about organisations, their members and invitations."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.accounts.selectors import login_locks_in_force, users_by_name
from mvimonitor.organisations.logo import logo_data_uri
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import MEMBER_ROLES, Role
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import LoginLock, User

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan


def user_organisations(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` is a member of today (an expired reviewer is not), by
    name, each annotated with `role` (the user's role there) and, for a reviewer,
    `plan_slug` (their plan)."""
    memberships = Membership.objects.active(on=today()).filter(user=user)
    mine = memberships.filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(pk__in=memberships.values("organisation_id"))
        .defer("logo")
        .annotate(
            role=Subquery(mine.values("role")[:1]),
            plan_slug=Subquery(mine.values("plan__slug")[:1]),
        )
        .order_by("name", "pk")
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    """Every membership, outside reviewers (also expired ones) included, with their plan."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "plan")
        .order_by("user__full_name", "user__email")
    )


def locked_members(*, memberships: Collection[Membership]) -> list[tuple[Membership, LoginLock]]:
    """Those of `memberships` (with their users) whose user cannot log in now after too
    many wrong passwords, from everywhere or from some address, each with the lock; in
    the order given. One query."""
    locks = login_locks_in_force(users=[membership.user for membership in memberships])
    return [(m, locks[m.user_id]) for m in memberships if m.user_id in locks]


def member_users(
    *, organisation: Organisation, roles: Collection[str] | None = None
) -> QuerySet[User]:
    """The users with a membership of `organisation` (outside reviewers, also expired
    ones, included), or only those with one of `roles`, by name, then e-mail address."""
    memberships = Membership.objects.filter(organisation=organisation)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return users_by_name(ids=memberships.values("user_id"))


def memberships_with_users(*, organisation_ids: Collection[int]) -> QuerySet[Membership]:
    """Every membership of these organisations (outside reviewers, also expired ones,
    included), with its user."""
    return Membership.objects.filter(organisation_id__in=organisation_ids).select_related("user")


def member_user_ids(*, organisation_id: int) -> set[int]:
    """The ids of the users with a membership of the organisation (outside reviewers,
    also expired ones, included)."""
    return set(
        Membership.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True)
    )


def plan_membership(*, user: User, plan: ActionPlan) -> Membership | None:
    """The user's membership giving access to `plan` today, or None: an expired
    reviewer, or a reviewer of another plan, has none."""
    membership = (
        Membership.objects.active(on=today())
        .filter(user=user, organisation_id=plan.organisation_id)
        .first()
    )
    if membership is None or (membership.role == Role.REVIEWER and membership.plan_id != plan.pk):
        return None
    return membership


def is_outside_reviewer(*, user_field: str, organisation_field: str) -> Exists:
    """An expression for a query of another app: whether the user in its row's
    `user_field` is an outside reviewer (also an expired one) of the organisation in
    `organisation_field`, e.g. `is_outside_reviewer(user_field="author_id",
    organisation_field="plan__organisation_id")`."""
    return Exists(
        Membership.objects.filter(
            user=OuterRef(user_field),
            organisation_id=OuterRef(organisation_field),
            role=Role.REVIEWER,
        )
    )


def plan_reviewers(*, plan: ActionPlan) -> QuerySet[Membership]:
    """The plan's outside reviewers with access today, by the last day of access."""
    return (
        Membership.objects.active(on=today())
        .filter(plan=plan, role=Role.REVIEWER)
        .select_related("user")
        .order_by("expires_on", "user__full_name", "pk")
    )


def plan_reviewer_invitations(*, plan: ActionPlan) -> QuerySet[Invitation]:
    """Reviewer invitations for the plan that nobody accepted or withdrew."""
    return pending_invitations(organisation=plan.organisation).filter(plan=plan, role=Role.REVIEWER)


def pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations nobody accepted and nobody revoked, newest first; expired ones are
    included (a coordinator can send them again), see `Invitation.is_usable`."""
    return (
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by", "plan")
        .order_by("-created_at", "-pk")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation the link's token belongs to; the token is the only way to it."""
    if not token:
        return None
    return Invitation.objects.select_related("organisation", "plan").filter(token=token).first()


def invitation_refusal(*, invitation: Invitation) -> str | None:
    """Why the invitation can no longer be accepted, in words for its recipient, or
    None while it can."""
    if invitation.accepted_at is not None:
        return _(
            "This invitation has already been used. If you accepted it, log in with your "
            "e-mail address and password."
        )
    if invitation.revoked_at is not None:
        return _(
            "This invitation has been withdrawn. Ask the person who invited you for a new "
            "invitation if you still need access."
        )
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the person who invited you to send it again.")
    if invitation.expires_on is not None and invitation.expires_on < today():
        return _(
            "The review this invitation was for has ended. Ask the person who invited you "
            "for a new invitation if you still need access."
        )
    return None


def organisation_logo(*, organisation: Organisation) -> str:
    """The organisation's logo as a base64 `data:` URI, or "" without one (for documents
    that carry it inside, as the PDF)."""
    return logo_data_uri(organisation)


def member_role(*, user: User, organisation_id: int) -> str | None:
    """The role of `user` in the organisation, None if they are no member."""
    return (
        Membership.objects.filter(user=user, organisation_id=organisation_id)
        .values_list("role", flat=True)
        .first()
    )


def member_roles(*, user: User) -> dict[int, str]:
    """The role of `user` in each organisation they are a member of, by organisation id."""
    return dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))


def member_with_email(*, organisation_id: int, email: str) -> User | None:
    """The organisation's member with this e-mail address (any case), or None."""
    membership = (
        Membership.objects.filter(organisation_id=organisation_id, user__email__iexact=email)
        .select_related("user")
        .first()
    )
    return membership.user if membership is not None else None


def active_membership_rows(*, user: User, on: date) -> list[tuple[int, str, int | None]]:
    """The memberships of `user` that run on `on` (an expired one is none), as
    (organisation id, role, reviewed plan id or None) rows: one query."""
    memberships = Membership.objects.active(on=on).filter(user=user)
    return list(memberships.values_list("organisation_id", "role", "plan_id"))


def organisation_with_slug(*, slug: str) -> Organisation | None:
    """The organisation with this short name (surrounding spaces ignored), or None."""
    return Organisation.objects.filter(slug=slug.strip()).first()


def organisations_overview() -> QuerySet[Organisation]:
    """Every organisation of the installation, by name, for its site administrators:
    each annotated with `member_count` (outside reviewers not counted),
    `coordinator_count` and `open_invitation_count` (coordinator invitations nobody
    accepted or withdrew, expired ones included). One query, without the logos."""
    colleagues = Q(memberships__role__in=[role.value for role in MEMBER_ROLES])
    open_invitations = Q(
        invitations__role=Role.COORDINATOR,
        invitations__accepted_at__isnull=True,
        invitations__revoked_at__isnull=True,
    )
    return (
        Organisation.objects.defer("logo")
        .annotate(
            member_count=Count("memberships", filter=colleagues, distinct=True),
            coordinator_count=Count(
                "memberships", filter=Q(memberships__role=Role.COORDINATOR), distinct=True
            ),
            open_invitation_count=Count("invitations", filter=open_invitations, distinct=True),
        )
        .order_by("name", "pk")
    )


def organisation_coordinators(*, organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's coordinators with their accounts, by name."""
    return (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def pending_coordinator_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """The organisation's coordinator invitations nobody accepted or withdrew."""
    return pending_invitations(organisation=organisation).filter(role=Role.COORDINATOR)
