"""web.forms: what every app's forms share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from mvimonitor.organisations.models import Membership
from mvimonitor.web.forms import DateInput, add_service_errors, choice_field, model_field


class NoteForm(forms.Form):
    note = forms.CharField(required=False)
    on = forms.DateField(widget=DateInput)
    kind = forms.ChoiceField(choices=[("a", "A")])
    owner = forms.ModelChoiceField(queryset=None)


def valid_form() -> NoteForm:
    form = NoteForm(data={"note": "", "on": "2017-09-20", "kind": "a", "owner": ""})
    form.fields["owner"].required = False
    form.fields["owner"].queryset = Membership.objects.none()
    assert form.is_valid(), form.errors
    return form


def test_a_refusal_naming_a_field_of_the_form_is_shown_on_that_field():
    form = valid_form()

    add_service_errors(form, ValidationError({"note": "Te lang."}))

    assert form.errors == {"note": ["Te lang."]}


def test_a_refusal_naming_no_field_of_the_form_is_shown_above_it():
    form = valid_form()

    add_service_errors(form, ValidationError({"effective_on": "Te vroeg."}))
    add_service_errors(form, ValidationError("Iemand anders was eerder."))

    assert form.non_field_errors() == ["Te vroeg.", "Iemand anders was eerder."]


def test_the_date_input_is_the_browsers_date_picker_with_an_iso_value():
    html = DateInput().render("on", "2017-09-20")

    assert 'type="date"' in html
    assert 'value="2017-09-20"' in html


def test_the_field_helpers_give_the_forms_own_fields():
    form = NoteForm()

    assert choice_field(form, "kind") is form.fields["kind"]
    assert model_field(form, "owner") is form.fields["owner"]


def test_a_conflict_shown_on_a_form_says_that_what_was_typed_is_still_in_it():
    from mvimonitor.plans.services import StaleActionError

    form = valid_form()
    with translation.override("nl"):
        add_service_errors(form, StaleActionError())
        errors = [str(error) for error in form.non_field_errors()]

    assert errors[0].startswith("Iemand anders heeft deze actie gewijzigd")
    assert errors[1] == (
        "Wat u invulde staat nog in het formulier hieronder: kopieer wat u wilt bewaren "
        "voordat u de pagina opnieuw laadt."
    )
