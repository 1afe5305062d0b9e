"""The organisation's own themes, next to the national code list (coordinators)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import services
from mvimonitor.plans.forms import ThemeForm
from mvimonitor.plans.models import Theme
from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest


@organisation_view(requires="manage")
def org_themes(request: OrganisationRequest) -> HttpResponse:
    """GET lists the themes; POST with `theme` renames that own theme, without adds one."""
    organisation = request.organisation
    own = list(Theme.objects.filter(organisation=organisation).order_by("position", "name"))
    rename_forms = {t.pk: ThemeForm(prefix=f"theme-{t.pk}", theme=t) for t in own}
    add_form = ThemeForm(prefix="new")
    if request.method == "POST":
        if "theme" in request.POST:
            pk = request.POST["theme"]
            if not pk.isdigit():
                raise Http404
            theme = get_object_or_404(Theme, organisation=organisation, pk=int(pk))
            form = rename_forms[theme.pk] = ThemeForm(
                request.POST, prefix=f"theme-{theme.pk}", theme=theme
            )
            message = _("The theme has been renamed.")
        else:
            theme, form = None, ThemeForm(request.POST, prefix="new")
            add_form, message = form, _("The theme has been added.")
        if form.is_valid():
            try:
                names = {"name": form.cleaned_data["name"], "name_en": form.cleaned_data["name_en"]}
                if theme is None:
                    services.theme_create(organisation=organisation, **names)
                else:
                    version = form.cleaned_data["version"]
                    services.theme_update(theme=theme, expected_version=version, **names)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("plans:org_themes", org_slug=organisation.slug)
    context = {
        "national": themes_for_organisation(organisation=organisation).filter(organisation=None),
        "own": [(theme, rename_forms[theme.pk]) for theme in own],
        "add_form": add_form,
    }
    return render(request, "plans/org_themes.html", context)
