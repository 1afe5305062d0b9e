"""Forms of the monitor pages. They only read input; the rules (one monitor per date,
no finalising in the future, closing after raising...) are the services' and come back
as ValidationErrors that web.forms.add_service_errors puts on the right field."""

from collections.abc import Sequence
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
    SectionCommentary,
)
from mvimonitor.monitoring.sections import Section, section_title
from mvimonitor.monitoring.variants import ReportVariant
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import DateInput

COMMENTARY_PREFIX = "commentary_"


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

    def __init__(self, *args: Any, sections: Sequence[Section] = (), **kwargs: Any) -> None:
        """`sections`: those whose commentary the form edits, a field each
        ("commentary_<id>"), labelled with the section's title."""
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[f"{COMMENTARY_PREFIX}{section.id}"] = free_text(
                SectionCommentary,
                "text",
                label=section_title(section),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def changes(self) -> dict[str, Any]:
        return {
            "summary": self.cleaned_data["summary"],
            "next_monitor_on": self.cleaned_data["next_monitor_on"],
        }

    def commentary_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(COMMENTARY_PREFIX)]

    def commentary(self) -> dict[str, str]:
        """Section id -> its commentary as typed ("" removes it)."""
        return {
            name.removeprefix(COMMENTARY_PREFIX): self.cleaned_data[name]
            for name in self.fields
            if name.startswith(COMMENTARY_PREFIX)
        }


class CompositionForm(forms.Form):
    """One variant's sections on the compose page: the ticked sections (`sections`), in
    the order the page lists them (`order`, hidden), and which button was pressed: move
    a section up or down, save, or go back to the default. Every button submits the
    whole form, so the page works by keyboard and without JavaScript."""

    variant = forms.ChoiceField(choices=ReportVariant.choices, widget=forms.HiddenInput)
    order = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    sections = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    move_up = forms.ChoiceField(required=False)
    move_down = forms.ChoiceField(required=False)
    reset = forms.BooleanField(required=False)
    version = VersionField()

    def __init__(self, *args: Any, section_ids: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(section_id, section_id) for section_id in section_ids]
        for name in ("order", "sections"):
            self._choices(name, choices)
        for name in ("move_up", "move_down"):
            self._choices(name, [("", ""), *choices])

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 -- declared above
        field.choices = choices

    def chosen(self) -> list[str]:
        """The ticked sections in the page's order; a section ticked in "not in this
        version" comes after them."""
        ticked, order = self.cleaned_data["sections"], self.cleaned_data["order"]
        return [i for i in order if i in ticked] + [i for i in ticked if i not in order]

    def moved(self) -> tuple[str, int] | None:
        """The section a Move button moved and the direction (-1 up, 1 down), if any."""
        if self.cleaned_data.get("move_up"):
            return self.cleaned_data["move_up"], -1
        if self.cleaned_data.get("move_down"):
            return self.cleaned_data["move_down"], 1
        return None

    def section_ids(self) -> list[str]:
        """The sections to save, in order: the chosen ones with the move made."""
        ids = self.chosen()
        moved = self.moved()
        if moved is not None and moved[0] in ids:
            index = ids.index(moved[0])
            other = index + moved[1]
            if 0 <= other < len(ids):
                ids[index], ids[other] = ids[other], ids[index]
        return ids


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
