"""The forms of the organisations' administration, for site administrators: an
organisation's details (to create it, and to change them later) and the invitation of
its coordinator."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField
from mvimonitor.kernel.texts import free_text
from mvimonitor.organisations.forms import LOGO_HELP, read_logo
from mvimonitor.organisations.models import INHABITANTS_MAX, Organisation


def _kind_choices() -> list[tuple[str, str]]:
    """The kinds, each starting with a capital as a choice on its own line does."""
    return [(value, str(capfirst(label))) for value, label in Organisation.Kind.choices]


#: Long enough for the TOOI URI, which is accepted and stored as its code.
CODE_TYPED_MAX_LENGTH = 100


class OrganisationForm(forms.Form):
    name = free_text(
        Organisation,
        "name",
        label=_("Name"),
        help_text=_("The name as it appears on the reports, e.g. Gemeente Oss."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=_kind_choices,
        initial=Organisation.Kind.MUNICIPALITY,
        widget=forms.RadioSelect,
    )
    inhabitants = forms.IntegerField(
        label=_("Number of inhabitants"),
        required=False,
        min_value=1,
        max_value=INHABITANTS_MAX,
        help_text=_("Optional. Whole number, without dots, e.g. 91000."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    tooi_code = forms.CharField(
        label=_("CBS or TOOI code"),
        required=False,
        max_length=CODE_TYPED_MAX_LENGTH,
        help_text=_(
            "Optional: the organisation's code at CBS or in the government's list of "
            "organisations (TOOI). A municipality has its CBS municipality code, e.g. "
            "GM0794 (TOOI: gm0794); a province e.g. PV30, a water board WS0155, a "
            "ministry mnre1034. No code? Leave it empty."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=LOGO_HELP,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        return None if not upload else read_logo(upload)

    def details(self) -> dict[str, Any]:
        """The cleaned details, as the services take them."""
        data = self.cleaned_data
        return {name: data[name] for name in ("name", "kind", "inhabitants", "tooi_code", "logo")}


class OrganisationCreateForm(OrganisationForm):
    slug = forms.SlugField(
        label=_("Short name in the web address"),
        required=False,
        max_length=60,
        help_text=_(
            "Optional: lower-case letters, digits and hyphens, e.g. oss. Left empty, it is "
            "made from the name. It cannot be changed later."
        ),
    )

    field_order = ["name", "kind", "inhabitants", "tooi_code", "logo", "slug"]


class OrganisationEditForm(OrganisationForm):
    version = VersionField()  # of the organisation, as the page showed it

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["logo"].label = _("New logo")
        self.fields["logo"].help_text = _("Optional: only to replace the logo. %(rules)s") % {
            "rules": LOGO_HELP
        }


class CoordinatorInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the coordinator"),
        help_text=_("We send an e-mail with a link to join the organisation as coordinator."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
