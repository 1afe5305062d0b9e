"""Forms of the round pages. They only read input; the rules are the services'."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, FreeTextField, free_text
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds.models import RoundItem, UpdateRound
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import DateInput, choice_field

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action

EMAIL_PREFIX = "owner_email_"


class OwnerEmailsMixin(forms.Form):
    """One e-mail field per owner known only by name; `owner_emails()` maps the names
    to the addresses given."""

    def add_owner_fields(self, names: list[str]) -> None:
        self.owner_names = dict(enumerate(names))
        for index, name in self.owner_names.items():
            self.fields[f"{EMAIL_PREFIX}{index}"] = forms.EmailField(
                label=_("E-mail address of %(name)s") % {"name": name}, required=False
            )

    def owner_fields(self) -> list[forms.BoundField]:
        return [self[f"{EMAIL_PREFIX}{index}"] for index in self.owner_names]

    def owner_emails(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"{EMAIL_PREFIX}{index}"]
            for index, name in self.owner_names.items()
            if self.cleaned_data.get(f"{EMAIL_PREFIX}{index}")
        }


class RoundOpenForm(OwnerEmailsMixin):
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DateInput,
        help_text=_(
            "Owners update or confirm their actions by this day; at the latest the monitor date."
        ),
    )
    message = free_text(
        UpdateRound,
        "message",
        label=_("Message to the owners"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown above their actions and in the reminders."),
    )
    reminder_days = forms.CharField(
        label=_("Reminder days"),
        help_text=_(
            "Days relative to the deadline on which owners with open actions get a reminder, "
            "separated by commas: -14 is two weeks before, 1 the day after."
        ),
    )

    def __init__(self, *args: Any, monitor_date: date, owner_names: list[str], **kwargs: Any):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("deadline", max(today(), monitor_date - timedelta(days=7)))
        initial.setdefault(
            "reminder_days", ", ".join(str(day) for day in settings.REMINDER_OFFSETS_DAYS)
        )
        super().__init__(*args, **kwargs)
        self.add_owner_fields(owner_names)

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"].replace("\u2212", "-")  # a typographic minus
        try:
            return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(
                _("Give whole numbers of days separated by commas, for example: -14, -3, 1.")
            ) from error


class OwnerEmailsForm(OwnerEmailsMixin):
    """On the round page: invite the owners without an account that are left."""

    def __init__(self, *args: Any, owner_names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_owner_fields(owner_names)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.owner_emails():
            raise forms.ValidationError(_("Give at least one e-mail address."))
        return data


class ItemUpdateForm(forms.Form):
    """An owner's answer for one action: a new status (with its date), the result and
    a progress note. Prefixed per item, so that many fit on one page."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    to_status = forms.ChoiceField(label=_("Status"), required=False)
    effective_on = forms.DateField(label=_("Status since"), widget=DateInput, required=False)
    # The action's result: plans.models.Action.result takes long text.
    result = FreeTextField(
        label=_("Result"),
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    note = free_text(
        RoundItem,
        "note",
        label=_("Progress note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("What happened since the last monitor; kept with a status change too."),
    )

    def __init__(self, *args: Any, action: Action, targets: list[Status], **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.update(version=action.version, result=action.result, effective_on=today())
        super().__init__(*args, **kwargs)
        choice_field(self, "to_status").choices = [
            ("", _("Keep “%(status)s”") % {"status": Status(action.status).label})
        ] + [(s.value, s.label) for s in targets]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to_status") and not data.get("effective_on"):
            self.add_error("effective_on", _("Give the date of the status change."))
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "status": Status(data["to_status"]) if data["to_status"] else None,
            "effective_on": data["effective_on"] if data["to_status"] else None,
            "result": data["result"],
            "note": data["note"],
        }
