"""Forms of the review pages: a comment (or reply), and inviting an outside reviewer."""

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.texts import FreeTextField
from mvimonitor.review.models import COMMENT_MAX_LENGTH
from mvimonitor.utils.dates import today


class CommentForm(forms.Form):
    """`parent` is the thread a reply joins; empty for a new thread. The service checks
    the length and that the body is not empty, the form only tells early."""

    body = FreeTextField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _default_access_end() -> date:
    return today() + timedelta(days=30)


class ReviewerInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    expires_on = forms.DateField(
        label=_("Access until"),
        help_text=_("The reviewer can read and comment until the end of this day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=_default_access_end,
    )
