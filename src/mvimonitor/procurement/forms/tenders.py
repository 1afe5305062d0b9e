"""Forms of the tender register: a tender, its phase change, an MVI theme applied in
it and the actions it serves. The rules are in services.tenders; these only parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import free_text, free_text_formfield
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.procurement.models import AppliedTheme, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import INITIAL_PHASES, Phase
from mvimonitor.procurement.selectors.tenders import linkable_actions
from mvimonitor.procurement.services.tenders import EDITABLE_FIELDS
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import DateInput, choice_field, model_field

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Theme


def _members(organisation: Organisation) -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__role__in=MEMBER_ROLES)
        .order_by("full_name", "email")
    )


#: The tender's own fields, generated from the model (labels, choices, validators).
MODEL_FIELDS = [name for name in EDITABLE_FIELDS if name != "cpv_codes"]
WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
    "planned_publication_on": DateInput,
    "planned_start_on": DateInput,
    "registered_on": DateInput,
    "description": forms.Textarea(attrs={"rows": 4}),
}


class TenderForm(forms.Form):
    """A tender's fields; on a new tender also the phase it is registered in."""

    cpv_codes = forms.CharField(
        label=_("CPV codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One or more codes with check digit, such as 77310000-6, separated by commas "
            "or on separate lines."
        ),
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[(p.value, p.label) for p in INITIAL_PHASES],
        help_text=_("The phase the tender is in now; later changes are kept as its history."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, organisation: Organisation, tender: Tender | None = None, **kwargs: Any
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        if tender is None:
            initial.setdefault("registered_on", today())
        else:
            initial.update(forms.model_to_dict(tender, fields=MODEL_FIELDS))
            initial.update(version=tender.version, cpv_codes=", ".join(tender.cpv_codes))
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Tender,
                fields=MODEL_FIELDS,
                widgets=WIDGETS,
                formfield_callback=free_text_formfield,
            )
        )
        model_field(self, "buyer").queryset = _members(organisation)
        self.fields["registered_on"].help_text = _("Not in the future.")
        if tender is not None:
            del self.fields["phase"]

    def clean_cpv_codes(self) -> list[str]:
        # Normalised and checked by the service, which names every wrong code.
        return [part for part in re.split(r"[,;\n]+", self.cleaned_data["cpv_codes"]) if part]

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("New phase"))
    effective_on = forms.DateField(
        label=_("In this phase since"),
        widget=DateInput,
        help_text=_("The date the tender entered this phase; not in the future."),
    )
    note = free_text(
        TenderPhaseChange,
        "note",
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the tender is withdrawn or goes back a phase."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, tender: Tender, targets: list[Phase], **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("effective_on", today())
        initial.setdefault("version", tender.version)
        super().__init__(*args, **kwargs)
        choice_field(self, "to_phase").choices = [(p.value, p.label) for p in targets]


class AppliedThemeForm(forms.Form):
    theme: forms.ModelChoiceField[Theme] = forms.ModelChoiceField(label=_("Theme"), queryset=None)
    as_suitability = forms.BooleanField(label=_("suitability requirement"), required=False)
    as_selection = forms.BooleanField(label=_("selection criterion"), required=False)
    as_requirement = forms.BooleanField(label=_("requirement"), required=False)
    as_award = forms.BooleanField(label=_("award criterion"), required=False)
    as_contract_clause = forms.BooleanField(label=_("contract clause"), required=False)
    ambition_level = forms.TypedChoiceField(
        label=_("Ambition level"),
        choices=[("", _("no ambition level")), *AppliedTheme.Ambition.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    criteria_ids = free_text(
        AppliedTheme,
        "criteria_ids",
        label=_("MVI criteria tool IDs"),
        required=False,
        help_text=_("IDs from the MVI criteria tool, separated by commas."),
    )
    note = free_text(
        AppliedTheme,
        "note",
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = VersionField()  # the tender's: the themes applied belong to it

    INSTRUMENTS = AppliedTheme.INSTRUMENTS

    def __init__(
        self, *args: Any, tender: Tender, applied: AppliedTheme | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", tender.version)
        if applied is not None:
            initial = kwargs.setdefault("initial", {})
            initial.update(
                {name: getattr(applied, name) for name in self.INSTRUMENTS},
                theme=applied.theme_id,
                ambition_level=applied.ambition_level,
                criteria_ids=applied.criteria_ids,
                note=applied.note,
            )
        super().__init__(*args, **kwargs)
        model_field(self, "theme").queryset = themes_for_organisation(
            organisation=tender.organisation
        )
        if applied is not None:
            self.fields["theme"].disabled = True

    def instruments(self) -> list[forms.BoundField]:
        return [self[name] for name in self.INSTRUMENTS]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.INSTRUMENTS},
            "ambition_level": data["ambition_level"],
            "criteria_ids": data["criteria_ids"],
            "note": data["note"],
        }


class LinkActionsForm(forms.Form):
    """The actions the tender serves: the organisation's actions, grouped per plan."""

    actions = forms.TypedMultipleChoiceField(
        label=_("Actions this tender serves"), coerce=int, required=False
    )
    version = VersionField()  # the tender's: the set of actions belongs to it

    def __init__(self, *args: Any, tender: Tender, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("actions", [a.pk for a in tender.actions.all()])
        initial.setdefault("version", tender.version)
        super().__init__(*args, **kwargs)
        self.linkable = list(linkable_actions(organisation=tender.organisation))
        groups: dict[str, list[tuple[int, str]]] = {}
        for action in self.linkable:
            groups.setdefault(action.plan.name, []).append(
                (action.pk, f"{action.code} {action.title}")
            )
        choice_field(self, "actions").choices = list(groups.items())
        self.fields["actions"].widget = forms.CheckboxSelectMultiple()
        self.fields["actions"].error_messages["invalid_choice"] = _(
            "One of the chosen actions is not an action of this organisation."
        )

    @property
    def selected(self) -> set[int]:
        """The ids ticked: as posted, or the actions linked now."""
        selected: set[int] = set()
        for value in self["actions"].value() or []:
            try:
                selected.add(int(value))
            except (TypeError, ValueError):
                continue
        return selected

    def chosen(self) -> list[Any]:
        wanted = set(self.cleaned_data["actions"])
        return [a for a in self.linkable if a.pk in wanted]
