"""The form that copies a plan into a new plan: the new plan's name, short name and
dates (checked like a new plan's), and the actions to take over."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.plans.forms.plans import PlanForm
from mvimonitor.plans.models import Action, ActionPlan

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: The fields the copy asks for; the description and planning window are taken over.
COPY_FIELDS = ("name", "slug", "adopted_on", "starts_on", "ends_on")


class PlanCopyForm(PlanForm):
    actions = forms.TypedMultipleChoiceField(
        label=_("Actions to take over"), coerce=int, required=False
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        source: ActionPlan,
        candidates: Sequence[Action],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        del self.fields["description"], self.fields["planning_window_months"]
        self.source = source
        field = self.fields["actions"]
        assert isinstance(field, forms.TypedMultipleChoiceField)  # noqa: S101
        field.choices = [(action.pk, str(action)) for action in candidates]

    def new_plan(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in COPY_FIELDS}


def copy_initial(plan: ActionPlan) -> dict[str, Any]:
    """Suggested dates: the new plan starts the day after this one ends and runs a year."""
    starts_on = plan.ends_on + timedelta(days=1)
    try:
        ends_on = starts_on.replace(year=starts_on.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        ends_on = starts_on + timedelta(days=364)
    return {"starts_on": starts_on, "ends_on": ends_on, "adopted_on": starts_on}
