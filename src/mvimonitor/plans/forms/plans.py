"""Forms that set a plan up: the plan, its periods and themes, own themes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import LONG_TEXT_MAX_LENGTH, FreeTextField, free_text
from mvimonitor.plans.forms.common import NO_LEVEL, NOT_IN_PLAN
from mvimonitor.plans.models import ActionPlan, Period, PlanTheme, Theme
from mvimonitor.plans.selectors import plan_periods, themes_for_organisation
from mvimonitor.plans.services import PLAN_FIELDS, period_names_clean, plan_slug_check
from mvimonitor.web.forms import DateInput

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation


class PlanForm(forms.Form):
    name = free_text(ActionPlan, "name", label=_("Name"))
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        required=False,
        help_text=_(
            "Used in the web address: lower-case letters, digits and hyphens. "
            "Left empty, it is made from the name."
        ),
        # static/js/slug.js fills it in from the name while the user types
        widget=forms.TextInput(attrs={"data-slug-from": "name"}),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput)
    starts_on = forms.DateField(label=_("Runs from"), widget=DateInput)
    ends_on = forms.DateField(label=_("Runs until"), widget=DateInput)
    description = free_text(ActionPlan, "description", label=_("Description"), required=False)
    planning_window_months = forms.IntegerField(
        label=_("Planning window (months)"),
        min_value=1,
        max_value=12,
        initial=2,
        required=False,
        help_text=_("A monitor lists the actions planned in this many months after its date."),
    )
    version = VersionField()  # of the plan edited; a new plan has none

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        plan: ActionPlan | None = None,
        **kwargs: Any,
    ) -> None:
        self.organisation, self.plan = organisation, plan
        super().__init__(*args, **kwargs)
        if plan is None:
            del self.fields["version"]
        else:  # an existing plan keeps a short name: its pages' addresses use it
            self.fields["slug"].required = True
            self.fields["slug"].widget.attrs.pop("data-slug-from")
            self.fields["slug"].help_text = _(
                "Used in the web address: lower-case letters, digits and hyphens."
            )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug:  # a new plan without one gets one made from its name (plan_create)
            try:
                plan_slug_check(organisation=self.organisation, slug=slug, plan=self.plan)
            except ValidationError as error:
                raise ValidationError(error.message_dict["slug"]) from error
        return slug

    def clean_planning_window_months(self) -> int:
        # Left empty: the plan keeps its window (a new plan gets the usual two months).
        months: int | None = self.cleaned_data["planning_window_months"]
        if months is None:
            return self.plan.planning_window_months if self.plan else 2
        return months

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The plan cannot end before it starts."))
        return data


class AmbitionFieldsMixin:
    """One select per theme: not in the plan, in the plan without a level, or level 1-3."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_theme_fields(self, themes: QuerySet[Theme], current: dict[int, int | None]) -> None:
        choices = [
            (NOT_IN_PLAN, _("Not in the plan")),
            (NO_LEVEL, _("In the plan, no ambition level")),
        ]
        choices += [(str(value), label) for value, label in PlanTheme.Ambition.choices]
        self.themes = list(themes)
        for theme in self.themes:
            self.fields[f"theme_{theme.pk}"] = forms.ChoiceField(
                label=theme.label,
                choices=choices,
                required=False,
                initial=str(current[theme.pk] or NO_LEVEL) if theme.pk in current else NOT_IN_PLAN,
            )

    def theme_fields(self) -> list[Any]:
        return [self[f"theme_{theme.pk}"] for theme in self.themes]  # type: ignore[index]

    def ambitions(self) -> dict[Theme, int | None]:
        result: dict[Theme, int | None] = {}
        for theme in self.themes:
            value = self.cleaned_data.get(f"theme_{theme.pk}", NOT_IN_PLAN)
            if value != NOT_IN_PLAN:
                result[theme] = int(value) or None
        return result


class PlanCreateForm(AmbitionFieldsMixin, PlanForm):
    # Each line is a period's name, which period_names_clean checks against its maximum.
    period_names = FreeTextField(
        label=_("Periods"),
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        required=False,
        help_text=_("One period per line, in the order of the plan."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        self.add_theme_fields(themes_for_organisation(organisation=organisation), {})

    def clean_period_names(self) -> list[str]:
        return period_names_clean(self.cleaned_data["period_names"].splitlines())


class PlanThemesForm(AmbitionFieldsMixin, forms.Form):
    version = VersionField()  # the plan's: it locks the set of themes as shown

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", plan.version)
        super().__init__(*args, **kwargs)
        current = {pt.theme_id: pt.ambition_level for pt in plan.plan_themes.all()}
        self.add_theme_fields(themes_for_organisation(organisation=plan.organisation), current)


class PeriodsForm(forms.Form):
    """Rename and reorder the existing periods, and add one."""

    new_name = free_text(Period, "name", label=_("Name of a new period"), required=False)
    version = VersionField()  # the plan's: it locks the periods as shown

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("version", plan.version)
        super().__init__(*args, **kwargs)
        self.periods = plan_periods(plan=plan)
        for number, period in enumerate(self.periods, start=1):
            self.fields[f"name_{period.pk}"] = free_text(
                Period,
                "name",
                label=_("Name of period %(name)s") % {"name": period.name},
                initial=period.name,
            )
            self.fields[f"position_{period.pk}"] = forms.IntegerField(
                label=_("Order of period %(name)s") % {"name": period.name},
                min_value=1,
                max_value=999,
                initial=number,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new_name = data.get("new_name", "").strip().casefold()
        names = {str(data.get(f"name_{p.pk}", "")).strip().casefold() for p in self.periods}
        if new_name and new_name in names:
            self.add_error("new_name", _("The plan already has a period with this name."))
        return data

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"name_{p.pk}"], self[f"position_{p.pk}"]) for p in self.periods]

    def names_and_positions(self) -> dict[int, tuple[str, int]]:
        data = self.cleaned_data
        return {p.pk: (data[f"name_{p.pk}"], data[f"position_{p.pk}"]) for p in self.periods}


class ThemeForm(forms.Form):
    name = free_text(Theme, "name", label=_("Name"))
    name_en = free_text(
        Theme,
        "name_en",
        label=_("Name in English"),
        required=False,
        help_text=_("Shown when the site is in English; the Dutch name if left empty."),
    )
    version = VersionField()  # of the theme renamed; a new theme has none

    def __init__(self, *args: Any, theme: Theme | None = None, **kwargs: Any) -> None:
        if theme is not None:
            initial = {"name": theme.name, "name_en": theme.name_en, "version": theme.version}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if theme is None:
            del self.fields["version"]


class PlanDeleteForm(forms.Form):
    """The plan's name typed again, to confirm its deletion (plans.services.plan_delete
    compares it)."""

    confirmation = free_text(ActionPlan, "name", label=_("Name of the plan"))
    version = VersionField()
