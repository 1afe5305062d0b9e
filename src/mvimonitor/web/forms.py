"""What the forms of every app share: the date input, typed access to a form's fields,
and `add_service_errors`, which puts a service's messages on the right field (and says,
for a conflict of the optimistic lock, that the input is kept). The version a form
carries is kernel.locking.VersionField."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import is_stale


class DateInput(forms.DateInput):
    """The browser's date picker; the value as ISO 8601, as that input requires."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


STILL_IN_THE_FORM = _(
    "What you entered is still in the form below: copy what you want to keep before you "
    "reload the page."
)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names when the
    form has that field, otherwise above the form. A conflict of the optimistic lock
    also says that what the user typed is still there, as the form is shown again."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        if is_stale(error):
            form.add_error(None, STILL_IN_THE_FORM)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def model_field(form: forms.Form, name: str) -> "forms.ModelChoiceField[Any]":
    return cast("forms.ModelChoiceField[Any]", form.fields[name])
