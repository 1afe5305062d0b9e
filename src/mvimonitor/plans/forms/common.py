"""What the plan forms share: date inputs, field helpers and `add_service_errors`,
which puts a service's messages on the right field."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from mvimonitor.accounts.models import User
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.plans.models import ActionPlan

#: Plan slugs that would hide a page of the plans section (see plans/urls.py).
RESERVED_PLAN_SLUGS = frozenset({"new", "themes"})
ADDED_INITIAL, ADDED_NEW = "initial", "new"
NOT_IN_PLAN, NO_LEVEL = "", "0"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the
    form has that field, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def model_field(form: forms.Form, name: str) -> "forms.ModelChoiceField[Any]":
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def organisation_members(plan: ActionPlan) -> QuerySet[User]:
    """Colleagues who can own an action: outside reviewers cannot."""
    return User.objects.filter(
        memberships__organisation_id=plan.organisation_id, memberships__role__in=MEMBER_ROLES
    ).order_by("full_name", "email")
