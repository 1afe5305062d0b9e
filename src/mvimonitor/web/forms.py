"""What the forms of every app share: the date input, the version a form carries for the
optimistic lock, typed access to a form's fields, and `add_service_errors`, which puts a
service's messages on the right field."""

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


OUT_OF_DATE = _("This page is out of date: reload it and make your change again.")
STILL_IN_THE_FORM = _(
    "What you entered is still in the form below: copy what you want to keep before you "
    "reload the page."
)


class VersionField(forms.IntegerField):
    """The version of the record the page was opened with, sent back hidden; the service
    saves only while it is still the record's version (kernel.locking). Missing or
    damaged, the page is out of date: nothing is saved."""

    widget = forms.HiddenInput
    default_error_messages = dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


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
