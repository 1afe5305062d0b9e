from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import FreeTextField
from mvimonitor.organisations.logo import LOGO_MAX_BYTES, LOGO_MAX_PIXELS
from mvimonitor.organisations.roles import MEMBER_ROLES, ROLE_HELP, Role


def _role_choices_with_help() -> list[tuple[str, str]]:
    """Colleagues' roles: an outside reviewer is invited from a plan's review page."""
    return [(role.value, f"{capfirst(role.label)}: {ROLE_HELP[role]}") for role in MEMBER_ROLES]


def _member_role_choices() -> list[tuple[str, Any]]:
    return [(role.value, role.label) for role in MEMBER_ROLES]


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
    role = forms.ChoiceField(label=_("Role"), choices=_member_role_choices)
    version = VersionField()  # of the membership, as the members page showed it


def read_logo(upload: Any) -> bytes:
    """The uploaded logo's bytes; an oversized file is refused before it is read (the
    service checks the rest, organisations.logo)."""
    if (upload.size or 0) > LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("The logo may be at most %(size)s kB.") % {"size": LOGO_MAX_BYTES // 1024}
        )
    return bytes(upload.read())


def _logo_help() -> str:
    return gettext("A PNG or JPEG image of at most %(size)s kB and %(max)s by %(max)s pixels.") % {
        "size": LOGO_MAX_BYTES // 1024,
        "max": LOGO_MAX_PIXELS,
    }


# Built when rendered, in the visitor's language (a lazy text formatted here would be
# translated once, when the module is imported).
LOGO_HELP = lazy(_logo_help, str)()


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=LOGO_HELP,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        error_messages={"required": _("Choose an image file for the logo.")},
    )
    version = VersionField()  # of the organisation, as the settings page showed it

    def clean_logo(self) -> bytes:
        return read_logo(self.cleaned_data["logo"])


# Built when rendered, so the list of rules appears in the visitor's language.
_password_rules = lazy(password_validation.password_validators_help_text_html, str)


class NewAccountForm(forms.Form):
    """Name and password of someone who accepts an invitation without an account."""

    # accounts.User.full_name takes 150 characters (its model is accounts' own).
    full_name = FreeTextField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_password_rules(),
    )
    password_confirm = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", _("The two passwords are not the same."))
        return cleaned
