"""Reads about organisations, their members and invitations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.organisations.logo import logo_data_uri
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User

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


def organisation_with_slug(*, slug: str) -> Organisation | None:
    """The organisation with this short name (surrounding spaces ignored), or None."""
    return Organisation.objects.filter(slug=slug.strip()).first()
