from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mvimonitor.organisations.roles import ROLE_HELP, Role


def _role_choices_with_help() -> list[tuple[str, str]]:
    return [(role.value, f"{capfirst(role.label)}: {ROLE_HELP[role]}") for role in Role]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_role_choices_with_help,
        widget=forms.RadioSelect,
        initial=Role.EDITOR,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
