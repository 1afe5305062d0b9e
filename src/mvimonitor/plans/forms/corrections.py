"""The form that corrects a status change (services.status_change_correct)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import free_text
from mvimonitor.plans.models import StatusCorrection
from mvimonitor.plans.workflow import STATUS_ORDER
from mvimonitor.web.forms import DateInput, choice_field

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, StatusChange


class StatusCorrectionForm(forms.Form):
    """Every status is offered: whether the corrected history is still a chain is the
    service's to judge, and it says why when it is not. The version is the action's."""

    effective_on = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        help_text=_("The date the action got this status; not in the future."),
    )
    to_status = forms.ChoiceField(label=_("Status"))
    reason = free_text(
        StatusCorrection,
        "reason",
        label=_("Reason for the correction"),
        help_text=_("Shown with the status history, for everyone who reads the action."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()

    def __init__(self, *args: Any, action: Action, change: StatusChange, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(
            effective_on=change.effective_on, to_status=change.to_status, version=action.version
        )
        super().__init__(*args, **kwargs)
        choice_field(self, "to_status").choices = [(s.value, s.label) for s in STATUS_ORDER]
        self.fields["reason"].error_messages["required"] = _("Give the reason for this correction.")
