"""The organisations' administration, for site administrators (a role of the
installation, docs/adr/0028-site-administrators.md): the list of organisations, creating
one, changing its details and inviting its coordinator. Every view uses
`site_admin_view`; none shows an organisation's plans, actions or reports."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mvimonitor.organisations import selectors, services
from mvimonitor.organisations.access import site_admin_view
from mvimonitor.organisations.logo import logo_data_uri
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.organisations.site_forms import (
    CoordinatorInvitationForm,
    OrganisationCreateForm,
    OrganisationEditForm,
)


def _organisation(slug: str) -> Organisation:
    organisation = selectors.organisation_with_slug(slug=slug)
    if organisation is None:
        raise Http404
    return organisation


def _add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal on the form's field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_safe
@site_admin_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/site/list.html",
        {"organisations": selectors.organisations_overview()},
    )


@site_admin_view
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                slug=form.cleaned_data["slug"], **form.details()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been created. Now invite its first coordinator.")
                % {"name": organisation.name},
            )
            return redirect("organisations:site_detail", slug=organisation.slug)
    return render(request, "organisations/site/create.html", {"form": form})


def _detail(
    request: HttpRequest, organisation: Organisation, form: Form, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "organisations/site/detail.html",
        {
            "organisation": organisation,
            "logo": logo_data_uri(organisation),
            "coordinators": selectors.organisation_coordinators(organisation=organisation),
            "invitations": selectors.pending_coordinator_invitations(organisation=organisation),
            "form": form,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        status=status,
    )


@require_safe
@site_admin_view
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, _organisation(slug), CoordinatorInvitationForm())


@require_POST
@site_admin_view
def coordinator_invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite a coordinator by e-mail; the link is in the e-mail only."""
    organisation = _organisation(slug)
    form = CoordinatorInvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create_and_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=Role.COORDINATOR,
                invited_by=request.user,  # type: ignore[arg-type]
                base_url=request.build_absolute_uri("/"),
                language=get_language() or "nl",
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation to become coordinator has been sent to %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("organisations:site_detail", slug=organisation.slug)
    return _detail(request, organisation, form, status=200)


@site_admin_view
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "inhabitants": organisation.inhabitants,
        "tooi_code": organisation.tooi_code,
        "version": organisation.version,
    }
    form = OrganisationEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation,
                expected_version=form.cleaned_data["version"],
                **form.details(),
            )
        except ValidationError as error:
            _add_errors(form, error)
            organisation.refresh_from_db()  # the page names it as it is stored
        else:
            messages.success(
                request, _("The details of %(name)s have been saved.") % {"name": organisation.name}
            )
            return redirect("organisations:site_detail", slug=organisation.slug)
    return render(
        request, "organisations/site/edit.html", {"organisation": organisation, "form": form}
    )
