"""What the forms of every app share: the date input, typed access to a form's fields,
and `add_service_errors`, which puts a service's messages on the right field."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """The browser's date picker; the value as ISO 8601, as that input requires."""

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
