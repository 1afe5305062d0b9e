from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import VersionField


class PreferencesForm(forms.Form):
    receives_reminders = forms.BooleanField(
        label=_("I want to receive reminders by e-mail"),
        required=False,
        help_text=_(
            "Reminders about your open actions before and after the deadline of an update "
            "round, and for coordinators a summary of the round."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=settings.LANGUAGES,
    )
    version = VersionField()  # of the user, as the page showed the preferences
