from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mvimonitor.reminders import services
from mvimonitor.reminders.forms import PreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The logged-in user's own e-mail preferences (any user, any organisation)."""
    user = request.user
    initial = {"receives_reminders": user.receives_reminders, "language": user.language}  # type: ignore[union-attr]
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_preference_set(
                user=user,  # type: ignore[arg-type]
                receives=form.cleaned_data["receives_reminders"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your e-mail preferences have been saved."))
            return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})
