"""The pipeline's filters (GET): theme, department and whether finished tenders show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.procurement.selectors.pipeline import tender_departments

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Theme


class _ThemeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.name_en if get_language() == "en" and obj.name_en else obj.name


class PipelineFilterForm(forms.Form):
    theme = _ThemeField(
        label=_("MVI theme applied"),
        queryset=None,  # the organisation's themes, set in __init__
        required=False,
        empty_label=_("(all tenders)"),
    )
    department = forms.ChoiceField(label=_("Department"), required=False)
    finished = forms.BooleanField(label=_("Also completed and withdrawn tenders"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme: _ThemeField = self.fields["theme"]  # type: ignore[assignment]
        theme.queryset = themes_for_organisation(organisation=organisation).order_by(
            "position", "name"
        )
        department: forms.ChoiceField = self.fields["department"]  # type: ignore[assignment]
        department.choices = [
            ("", _("(all departments)")),
            *((d, d) for d in tender_departments(organisation=organisation)),
        ]

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; an invalid choice filters nothing."""
        if not self.is_valid():
            return {}
        return {
            "theme": self.cleaned_data["theme"],
            "department": self.cleaned_data["department"],
            "include_finished": self.cleaned_data["finished"],
        }
