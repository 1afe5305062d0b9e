"""Reads about organisations, their members and invitations."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mvimonitor.accounts.models import User
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import Role


def user_organisations(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` is a member of, by name, each annotated with `role`
    (the user's role there)."""
    role = Membership.objects.filter(user=user, organisation=OuterRef("pk")).values("role")[:1]
    return (
        Organisation.objects.filter(memberships__user=user)
        .defer("logo")
        .annotate(role=Subquery(role))
        .order_by("name", "pk")
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def coordinator_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR).count()


def pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations nobody accepted and nobody revoked, newest first; expired ones are
    included (a coordinator can send them again), see `Invitation.is_usable`."""
    return (
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation the link's token belongs to; the token is the only way to it."""
    if not token:
        return None
    return Invitation.objects.select_related("organisation").filter(token=token).first()


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
    return None
