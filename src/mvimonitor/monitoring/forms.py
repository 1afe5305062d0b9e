"""Forms of the monitor pages. They only read input; the rules (one monitor per date,
no finalising in the future, closing after raising...) are the services' and come back
as ValidationErrors that web.forms.add_service_errors puts on the right field."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import free_text
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
)
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import DateInput


class MonitorEditForm(forms.Form):
    summary = free_text(
        Monitor,
        "summary",
        label=_("Summary"),
        required=False,
        help_text=_("The management summary at the top of the report."),
    )
    next_monitor_on = forms.DateField(label=_("Next monitor"), widget=DateInput, required=False)
    version = VersionField()

    def changes(self) -> dict[str, Any]:
        return {
            "summary": self.cleaned_data["summary"],
            "next_monitor_on": self.cleaned_data["next_monitor_on"],
        }


class MonitorCreateForm(MonitorEditForm):
    date = forms.DateField(
        label=_("Monitor date"),
        widget=DateInput,
        initial=today,
        help_text=_("The report shows the plan as it was on this day."),
    )
    field_order = ["date", "summary", "next_monitor_on"]
    version = None  # type: ignore[assignment]  # Django drops the inherited field: a new monitor has none

    def changes(self) -> dict[str, Any]:
        return {"date": self.cleaned_data["date"], **super().changes()}


class ReopenForm(forms.Form):
    reason = free_text(
        MonitorEdition,
        "reopen_reason",
        label=_("Why is the monitor reopened?"),
        help_text=_("Kept with the finalised version, which stays available for download."),
    )


class AttentionPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttentionPoint.Kind.choices)
    text = free_text(AttentionPoint, "text", label=_("Attention point"))
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        required=False,
        help_text=_("When it happens, if it has a date."),
    )
    raised_on = forms.DateField(
        label=_("Open since"),
        widget=DateInput,
        initial=today,
        help_text=_("Monitors from this day on show the attention point."),
    )
    closed_on = forms.DateField(
        label=_("Closed on"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty while it is open; monitors from this day on no longer show it."),
    )
    version = VersionField()  # taken off for a new point

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class AttentionPointCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput, initial=today)
    version = VersionField()

    def closing_date(self) -> date:
        closed_on: date = self.cleaned_data["closed_on"]
        return closed_on


class CommunicationMomentForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    text = free_text(CommunicationMoment, "text", label=_("Communication moment"))
    channel = free_text(
        CommunicationMoment,
        "channel",
        label=_("Channel"),
        required=False,
        help_text=_("For example: staff magazine, press release, meeting."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=CommunicationMoment.State.choices,
        initial=CommunicationMoment.State.PLANNED,
        widget=forms.RadioSelect,
    )
    version = VersionField()  # taken off for a new moment

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}
