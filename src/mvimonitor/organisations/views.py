"""Organisation pages: the user's organisations and the coordinator's members page. (An
organisation's own page lists its plans, so it is plans.views.organisation.) Every view
under /o/<org_slug>/ uses `organisation_view`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mvimonitor.accounts import services as account_services
from mvimonitor.kernel.locking import OUT_OF_DATE, VersionField
from mvimonitor.organisations import selectors, services
from mvimonitor.organisations.access import organisation_view
from mvimonitor.organisations.forms import InvitationForm, LogoForm, RoleForm
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import MEMBER_ROLES, Role


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's organisations; straight to the one if there is one (for an outside
    reviewer: straight to their plan). Expired reviewer memberships are not listed."""
    organisations = list(selectors.user_organisations(user=request.user))  # type: ignore[arg-type]
    if len(organisations) == 1:
        only = organisations[0]
        if only.plan_slug:  # type: ignore[attr-defined]
            return redirect("plans:detail", org_slug=only.slug, plan_slug=only.plan_slug)  # type: ignore[attr-defined]
        return redirect("organisations:detail", org_slug=only.slug)
    entries = [
        (organisation, Role(organisation.role).label)  # type: ignore[attr-defined]
        for organisation in organisations
    ]
    return render(request, "organisations/home.html", {"organisations": entries})


@require_safe
@organisation_view(requires="manage")
def members(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    members = list(selectors.organisation_members(organisation=organisation))
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": members,
            "locked": selectors.locked_members(memberships=members),
            "invitations": selectors.pending_invitations(organisation=organisation),
            "roles": [(role.value, role.label) for role in MEMBER_ROLES],
        },
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@organisation_view(requires="manage")
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create_and_send(
                organisation=organisation,
                invited_by=request.user,  # type: ignore[arg-type]
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=_base_url(request),
                language=get_language() or "nl",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("organisations:members", org_slug=organisation.slug)
    return render(
        request,
        "organisations/invite.html",
        {
            "organisation": organisation,
            "form": form,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )


def _membership(request: HttpRequest, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=request.organisation,  # type: ignore[attr-defined]
    )


def _invitation(request: HttpRequest, invitation_id: int) -> Invitation:
    return get_object_or_404(
        Invitation,
        pk=invitation_id,
        organisation=request.organisation,  # type: ignore[attr-defined]
    )


def _to_members(request: HttpRequest) -> HttpResponse:
    return redirect("organisations:members", org_slug=request.organisation.slug)  # type: ignore[attr-defined]


@organisation_view(requires="manage")
@require_POST
def member_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = _membership(request, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, OUT_OF_DATE if "version" in form.errors else _("Choose one of the roles.")
        )
        return _to_members(request)
    try:
        services.membership_change_role(
            membership=membership,
            role=form.cleaned_data["role"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {
                "name": membership.user.display_name,
                "role": membership.get_role_display(),
            },
        )
    return _to_members(request)


@organisation_view(requires="manage")
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    """GET asks for confirmation, POST removes."""
    membership = _membership(request, membership_id)
    if request.method == "GET":
        return render(
            request,
            "organisations/member_remove.html",
            {
                "organisation": request.organisation,  # type: ignore[attr-defined]
                "membership": membership,
            },
        )
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_members(request)
    messages.success(
        request,
        _("%(name)s is no longer a member of %(organisation)s.")
        % {
            "name": membership.user.display_name,
            "organisation": membership.organisation.name,
        },
    )
    if membership.user_id == request.user.pk:
        return redirect("organisations:home")
    return _to_members(request)


@organisation_view(requires="manage")
@require_POST
def member_unlock(request: HttpRequest, membership_id: int) -> HttpResponse:
    """Lift the member's login locks: they can log in again, from every address."""
    membership = _membership(request, membership_id)
    account_services.login_unlock(login_name=membership.user.email)
    messages.success(
        request, _("%(name)s can log in again.") % {"name": membership.user.display_name}
    )
    return _to_members(request)


@organisation_view(requires="manage")
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation(request, invitation_id)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation for %(email)s has been withdrawn.") % {"email": invitation.email},
        )
    return _to_members(request)


@organisation_view(requires="manage")
@require_POST
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation(request, invitation_id)
    try:
        services.invitation_send(
            invitation=invitation, base_url=_base_url(request), language=get_language() or "nl"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation has been sent to %(email)s again.") % {"email": invitation.email},
        )
    return _to_members(request)


@organisation_view(requires="manage")
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """The organisation's logo: upload (POST with a file) or remove (POST "remove"), each
    with the organisation's version the page showed."""
    organisation = request.organisation  # type: ignore[attr-defined]
    form = LogoForm(initial={"version": organisation.version})
    if request.method == "POST" and "remove" in request.POST:
        return _remove_logo(request, organisation)
    if request.method == "POST":
        form = LogoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.organisation_set_logo(
                    organisation=organisation,
                    content=form.cleaned_data["logo"],
                    by=request.user,  # type: ignore[arg-type]
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The logo has been saved."))
                return redirect("organisations:settings", org_slug=organisation.slug)
    return render(
        request, "organisations/settings.html", {"organisation": organisation, "form": form}
    )


def _remove_logo(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    try:
        version = VersionField().clean(request.POST.get("version"))
        services.organisation_set_logo(
            organisation=organisation,
            content=None,
            by=request.user,  # type: ignore[arg-type]
            expected_version=version,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The logo has been removed."))
    return redirect("organisations:settings", org_slug=organisation.slug)


@organisation_view(requires="read")
@require_http_methods(["GET"])
def logo(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    if not organisation.has_logo:
        raise Http404
    content = Organisation.objects.values_list("logo", flat=True).get(pk=organisation.pk)
    response = HttpResponse(bytes(content), content_type=organisation.logo_content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
