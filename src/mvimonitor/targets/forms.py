"""Forms of the target pages. They only read input; the rules (a deadline after the
start, a share at most 100%, an instrument for the instrument KPIs) are the services'
and come back as ValidationErrors that web.forms.add_service_errors puts on the right
field."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.texts import free_text
from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.targets.models import Instrument, KpiKind, Target
from mvimonitor.targets.services import TARGET_FIELDS
from mvimonitor.web.forms import DateInput

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Theme


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.label


class TargetForm(forms.Form):
    title = free_text(
        Target,
        "title",
        label=_("Target"),
        help_text=_(
            "A measurable statement, e.g. “At least 5 tenders with MVI impact that start in 2018”."
        ),
    )
    kpi_kind = forms.ChoiceField(label=_("What is measured"), choices=KpiKind.choices)
    instrument = forms.ChoiceField(
        label=_("How MVI is applied"),
        choices=[("", _("(only for the KPIs about how MVI is applied)")), *Instrument.choices],
        required=False,
    )
    theme = ThemeChoiceField(
        label=_("Theme"),
        queryset=None,  # the organisation's themes, set in __init__
        required=False,
        empty_label=_("(any theme)"),
        help_text=_("Only tenders applying this theme count as having MVI impact."),
    )
    start_year = forms.IntegerField(
        label=_("Planned start in year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Only tenders whose contract is planned to start in this year count."),
    )
    phase = forms.ChoiceField(
        label=_("Phase reached"),
        choices=[("", _("(any phase)")), *Target._meta.get_field("phase").choices],  # type: ignore[misc]
        required=False,
        help_text=_("Only tenders in this phase or a later one count."),
    )
    target_value = forms.DecimalField(
        label=_("Target value"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("A number of tenders, or a percentage for the shares."),
    )
    starts_on = forms.DateField(
        label=_("Start"),
        widget=DateInput,
        help_text=_("The line to the target starts at the value on this day."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)
    note = free_text(Target, "note", label=_("Note"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme_field: ThemeChoiceField = self.fields["theme"]  # type: ignore[assignment]
        theme_field.queryset = themes_for_organisation(organisation=organisation).order_by(
            "position", "name"
        )

    @classmethod
    def initial_of(cls, target: Target) -> dict[str, Any]:
        initial = {name: getattr(target, name) for name in TARGET_FIELDS}
        return {**initial, "version": target.version}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in TARGET_FIELDS}


class DateChoiceForm(forms.Form):
    """The date a target's page shows its value on (GET)."""

    on = forms.DateField(label=_("Value on"), widget=DateInput, required=False)

    def day(self, default: date) -> date:
        if self.is_valid() and self.cleaned_data["on"]:
            day: date = self.cleaned_data["on"]
            return day
        return default


class DeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
