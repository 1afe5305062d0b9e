"""The user's e-mail preferences, and a coordinator's nudge of a round's owners (on the
round's page, named rounds:nudge: conf.urls puts it in the rounds namespace)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from mvimonitor.monitoring import selectors as monitoring_selectors
from mvimonitor.organisations.access import organisation_view
from mvimonitor.reminders import selectors, services
from mvimonitor.reminders.forms import PreferencesForm
from mvimonitor.rounds import selectors as round_selectors
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan, service_error


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The logged-in user's own e-mail preferences (any user, any organisation)."""
    user = request.user
    initial = {
        "receives_reminders": user.receives_reminders,  # type: ignore[union-attr]
        "language": user.language,  # type: ignore[union-attr]
        "version": user.version,  # type: ignore[union-attr]
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_preference_set(
                user=user,  # type: ignore[arg-type]
                receives=form.cleaned_data["receives_reminders"],
                language=form.cleaned_data["language"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your e-mail preferences have been saved."))
            return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})


@organisation_view(requires="manage")
@require_POST
def round_nudge(request: OrganisationRequest, plan_slug: str, day: date) -> HttpResponse:
    """Remind one owner (`owner`: a user id) or everyone with open actions by e-mail."""
    plan = get_plan(request, plan_slug)
    monitor = get_object_or_404(monitoring_selectors.plan_monitors(plan=plan), date=day)
    update_round = round_selectors.round_for_monitor(monitor=monitor)
    if update_round is None:
        raise Http404
    monitor.plan = plan
    update_round.monitor = monitor
    owner_id = request.POST.get("owner", "")
    try:
        if owner_id:
            owner = selectors.round_owner(
                round=update_round, user_id=int(owner_id) if owner_id.isdigit() else 0
            )
            if owner is None:
                raise Http404
            services.nudge_owner(round=update_round, owner=owner, by=request.user)
            messages.success(
                request,
                _("A reminder has been sent to %(name)s.") % {"name": owner.display_name},
            )
        else:
            sent = services.nudge_open_owners(round=update_round, by=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d reminder has been sent.", "%(count)d reminders have been sent.", sent
                )
                % {"count": sent},
            )
    except ValidationError as error:
        service_error(request, error)
    return redirect(
        "rounds:detail", org_slug=request.organisation.slug, plan_slug=plan.slug, day=day
    )
