"""Writes to organisations, memberships and invitations. Every function runs in one
transaction and refuses bad input with a ValidationError in the user's language."""

from __future__ import annotations

import smtplib
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.accounts import selectors as account_selectors
from mvimonitor.accounts import services as account_services
from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.organisations.codes import normalised_code
from mvimonitor.organisations.logo import logo_content_type
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import MEMBER_ROLES, Role
from mvimonitor.organisations.selectors import invitation_refusal
from mvimonitor.organisations.signals import invitation_accepted
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

#: How far ahead a reviewer's access may end: a review is a task, not a membership.
REVIEWER_MAX_DAYS = 366


class StaleOrganisationError(StaleRecordError):
    record = gettext_lazy("the organisation's settings")


class StaleMembershipError(StaleRecordError):
    record = gettext_lazy("this member's role")


@transaction.atomic
def organisation_create(
    *,
    name: str,
    slug: str = "",
    kind: str = Organisation.Kind.MUNICIPALITY,
    coordinator: User | None = None,
    inhabitants: int | None = None,
    tooi_code: str = "",
    logo: bytes | None = None,
) -> Organisation:
    """Create an organisation, with `coordinator` as its first member if given. Without
    a `slug` (the short name in its URLs) one is made from the name. `tooi_code` may be
    typed as a CBS code, a TOOI code or a TOOI URI (organisations.codes); `logo` is
    checked as on the settings page (organisations.logo)."""
    organisation = Organisation(
        name=name.strip(),
        slug=slug.strip() or _free_slug(name),
        kind=kind,
        inhabitants=inhabitants,
        tooi_code=normalised_code(tooi_code),
    )
    _check_details(organisation)
    organisation.save()
    if logo is not None:
        organisation_set_logo(organisation=organisation, content=logo, by=coordinator)
    if coordinator is not None:
        Membership.objects.create(
            user=coordinator, organisation=organisation, role=Role.COORDINATOR
        )
    return organisation


def _free_slug(name: str) -> str:
    """A short name made from `name` that no organisation has yet: gemeente-oss, then
    gemeente-oss-2, ..."""
    base = slugify(name)[:55].strip("-") or "organisatie"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _check_details(organisation: Organisation) -> None:
    """The model's own checks (the name's text rules, the code's form for the kind,
    the short name's uniqueness), with a taken code refused on its field."""
    others = Organisation.objects.exclude(pk=organisation.pk)
    if organisation.tooi_code and others.filter(tooi_code=organisation.tooi_code).exists():
        raise ValidationError(
            {"tooi_code": _("Another organisation already has this CBS/TOOI code.")}
        )
    organisation.full_clean(exclude=["logo", "logo_content_type"])


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    inhabitants: int | None,
    tooi_code: str,
    logo: bytes | None = None,
    expected_version: int | None = None,
) -> Organisation:
    """Change the organisation's details (a site administrator's page), and its logo
    when `logo` is given, if the organisation is still at `expected_version`
    (StaleOrganisationError). Its short name stays: it is in every link to it."""
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.inhabitants = inhabitants
    organisation.tooi_code = normalised_code(tooi_code)
    _check_details(organisation)
    if logo is not None:
        logo_content_type(logo)  # before anything is written: a refused file changes nothing
    locked_update(
        organisation,
        expected_version=expected_version,
        values=field_values(organisation, ["name", "kind", "inhabitants", "tooi_code"]),
        stale=StaleOrganisationError,
    )
    if logo is not None:
        organisation_set_logo(organisation=organisation, content=logo, by=None)
    return organisation


def _check_role(role: str) -> Role:
    if role not in Role.values:
        raise ValidationError(
            {"role": _("Choose one of the roles: %(roles)s.") % {"roles": ", ".join(Role.values)}}
        )
    return Role(role)


def _normalised_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from error
    return email


def _check_reviewer_scope(
    *, organisation: Organisation, role: Role, plan: ActionPlan | None, expires_on: date | None
) -> None:
    """A reviewer is invited for one plan of the organisation until a date from today
    to a year ahead; other roles are for the whole organisation, without an end."""
    if role != Role.REVIEWER:
        if plan is not None or expires_on is not None:
            raise ValidationError(
                _("Only an outside reviewer is invited for one plan until a date.")
            )
        return
    errors = {}
    if plan is None or plan.organisation_id != organisation.pk:
        errors["plan"] = _("Choose the plan the reviewer may comment on.")
    if expires_on is None:
        errors["expires_on"] = _("Enter the last day the reviewer has access.")
    elif expires_on < today():
        errors["expires_on"] = _("The last day of access cannot be in the past.")
    elif expires_on > today() + timedelta(days=REVIEWER_MAX_DAYS):
        errors["expires_on"] = _("Access can be given for at most a year; invite again after that.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User | None,
    plan: ActionPlan | None = None,
    expires_on: date | None = None,
) -> Invitation:
    """Invite `email` to `organisation`. Refused for members and for addresses that
    already have an invitation that can still be accepted. An outside reviewer
    (Role.REVIEWER) is invited for one `plan` until `expires_on` (that day included)."""
    email = _normalised_email(email)
    role = _check_role(role)
    _check_reviewer_scope(organisation=organisation, role=role, plan=plan, expires_on=expires_on)
    # An expired reviewer may be invited again: accepting renews their membership.
    members = Membership.objects.active(on=today()).filter(organisation=organisation)
    if members.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this organisation.") % {"email": email}}
        )
    open_invitation = Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    if open_invitation.exists():
        raise ValidationError(
            {
                "email": _(
                    "%(email)s has already been invited. You can send that invitation again from "
                    "the list of invitations."
                )
                % {"email": email}
            }
        )
    return Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        plan=plan,
        expires_on=expires_on,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )


def invitation_url(*, invitation: Invitation, base_url: str) -> str:
    """The absolute link in the e-mail; `base_url` is the site's scheme and host."""
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    return base_url.rstrip("/") + path


def _invitation_message(
    invitation: Invitation, *, base_url: str, language: str
) -> EmailMultiAlternatives:
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "role": Role(invitation.role).label,
        "url": invitation_url(invitation=invitation, base_url=base_url),
        "expires_at": invitation.expires_at,
    }
    with translation.override(language):
        subject = render_to_string("emails/invitation_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("emails/invitation.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    return message


@transaction.atomic
def invitation_send(*, invitation: Invitation, base_url: str, language: str) -> None:
    """E-mail the invitation link (HTML and plain text) in `language`, the inviter's.
    Each sending renews the validity, so an expired invitation can be sent again."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.revoked_at is not None:
        raise ValidationError(invitation_refusal(invitation=locked) or "")
    locked.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    locked.save(update_fields=["expires_at"])
    invitation.expires_at = locked.expires_at
    message = _invitation_message(locked, base_url=base_url, language=language)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise ValidationError(
            _("The e-mail could not be sent. Try again later or ask the platform operator.")
        ) from error


@transaction.atomic
def invitation_create_and_send(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    invited_by: User | None,
    base_url: str,
    language: str,
) -> Invitation:
    """Invite `email` (`invitation_create`) and e-mail the link (`invitation_send`), in
    one transaction: an invitation whose e-mail could not be sent is not kept."""
    invitation = invitation_create(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitation_send(invitation=invitation, base_url=base_url, language=language)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    invitation.revoked_at = locked.revoked_at
    return locked


def _user_create(*, email: str, full_name: str, password: str, language: str) -> User:
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": _("Enter your name.")})
    if account_selectors.user_with_email(email=email) is not None:
        raise ValidationError(
            _(
                "An account with this e-mail address already exists. "
                "Log in to accept the invitation."
            )
        )
    return account_services.user_create(
        email=email, full_name=full_name, password=password, language=language
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    language: str = "nl",
) -> Membership:
    """Make the invitee a member. `user` is the logged-in account with the invited
    address; without it a new account is made from `full_name` and `password`."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation=locked)
    if refusal:
        raise ValidationError(refusal, code="unusable")
    if user is None:
        user = _user_create(
            email=locked.email, full_name=full_name, password=password, language=language
        )
    elif user.email.lower() != locked.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    scope = {"role": locked.role, "plan": locked.plan, "expires_on": locked.expires_on}
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=locked.organisation, defaults=scope
    )
    if not created and not membership.is_active_on(today()):
        # An expired reviewer invited again: the new invitation says what they get.
        for field, value in scope.items():
            setattr(membership, field, value)
        membership.save(update_fields=list(scope))
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    invitation.accepted_at = locked.accepted_at
    invitation_accepted.send(sender=Invitation, invitation=locked, membership=membership)
    return membership


def _check_keeps_a_coordinator(membership: Membership) -> None:
    """An organisation always keeps a coordinator: someone must manage its members."""
    coordinators = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Role.COORDINATOR
    )
    if list(coordinators.values_list("pk", flat=True)) == [membership.pk]:
        raise ValidationError(
            _(
                "%(name)s is the only coordinator. Make another member coordinator first: an "
                "organisation needs at least one coordinator."
            )
            % {"name": membership.user.display_name}
        )


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, expected_version: int | None = None
) -> Membership:
    """Between the roles of colleagues, if the membership is still at `expected_version`
    (StaleMembershipError). An outside reviewer is invited for a plan and stays one:
    their access is for a plan until a date, which a role cannot carry."""
    if expected_version is not None and membership.version != expected_version:
        raise StaleMembershipError()  # before the role rules: the page showed another role
    role = _check_role(role)
    if role not in MEMBER_ROLES or membership.role not in MEMBER_ROLES:
        raise ValidationError(
            {"role": _("An outside reviewer cannot become a colleague or the other way round.")}
        )
    if membership.role == Role.COORDINATOR and role != Role.COORDINATOR:
        _check_keeps_a_coordinator(membership)
    membership.role = role
    locked_update(
        membership,
        expected_version=expected_version,
        values={"role": role},
        stale=StaleMembershipError,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """End a membership. The user keeps their account (and their name in the history
    of actions) but no longer sees the organisation."""
    if membership.role == Role.COORDINATOR:
        _check_keeps_a_coordinator(membership)
    membership.delete()


@transaction.atomic
def organisation_set_logo(
    *,
    organisation: Organisation,
    content: bytes | None,
    by: User | None,
    expected_version: int | None = None,
) -> Organisation:
    """Store `content` as the organisation's logo (PNG or JPEG within the limits of
    organisations.logo), or remove the logo when `content` is None, if the organisation
    is still at `expected_version` (StaleOrganisationError). A refused file leaves the
    old logo. The audit trail records who did it from `acting_as`; `by` names the actor
    for callers, like the other services' `by`."""
    content_type = "" if content is None else logo_content_type(content)
    organisation.logo = b"" if content is None else content
    organisation.logo_content_type = content_type
    values = {"logo": organisation.logo, "logo_content_type": content_type}
    locked_update(
        organisation,
        expected_version=expected_version,
        values=values,
        stale=StaleOrganisationError,
    )
    return organisation


@transaction.atomic
def organisation_get_or_create(
    *, slug: str, name: str, kind: str = Organisation.Kind.MUNICIPALITY
) -> tuple[Organisation, bool]:
    """The organisation with `slug` as it is, or a new one with `name` and `kind`
    (`organisation_create`, without members), with `created` True. For loading known
    organisations (the demo)."""
    organisation = Organisation.objects.filter(slug=slug.strip()).first()
    if organisation is not None:
        return organisation, False
    return organisation_create(name=name, slug=slug, kind=kind), True


@transaction.atomic
def membership_get_or_create(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    plan: ActionPlan | None = None,
    expires_on: date | None = None,
    member_since: datetime | None = None,
) -> tuple[Membership, bool]:
    """The membership of `user` in `organisation` as it is (whatever its role), or a new
    one with `role`, with `created` True: an outside reviewer's (Role.REVIEWER) for one
    `plan` of the organisation until `expires_on`, any other role's for the whole
    organisation without an end. Unlike an invitation, the end date may be in the past
    or more than a year ahead, and a new membership may have begun before now
    (`member_since`, default now): for loading known members (the demo), not for
    inviting."""
    role = _check_role(role)
    if role != Role.REVIEWER and (plan is not None or expires_on is not None):
        raise ValidationError(_("Only an outside reviewer is invited for one plan until a date."))
    if role == Role.REVIEWER and (plan is None or plan.organisation_id != organisation.pk):
        raise ValidationError({"plan": _("Choose the plan the reviewer may comment on.")})
    if role == Role.REVIEWER and expires_on is None:
        raise ValidationError({"expires_on": _("Enter the last day the reviewer has access.")})
    since = member_since or timezone.now()
    if since > timezone.now():
        raise ValueError(f"A membership cannot begin in the future ({since}).")
    return Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"role": role, "plan": plan, "expires_on": expires_on, "created_at": since},
    )
