from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mvimonitor.utils.words import one_full_stop

if TYPE_CHECKING:
    from mvimonitor.accounts.models import LoginLock


def lock_message(lock: "LoginLock") -> str:
    """Why a login is refused, in the visitor's language: for an address's lock when
    to try again, for the account's lock how to get in again. The same for an address
    nobody has as for an account."""
    if lock.locked_until is None:
        return gettext(
            "This account is blocked after too many attempts to log in with a wrong "
            "password. Ask the coordinator of your organisation to unblock it, or choose a "
            "new password with “Forgot your password?”."
        )
    until = formats.time_format(timezone.localtime(lock.locked_until), "TIME_FORMAT")
    return one_full_stop(
        gettext(
            "Too many attempts to log in with a wrong password. You can try again after %(time)s."
        )
        % {"time": until}
    )


class LockoutMessageMixin:
    """A login form that says so when the lockout refused the login (accounts.lockout
    leaves the lock on the request) instead of calling the password wrong."""

    request: Any

    def get_invalid_login_error(self) -> ValidationError:
        lock = getattr(self.request, "login_lock", None)
        if lock is not None:
            return ValidationError(lock_message(lock), code="locked")
        return super().get_invalid_login_error()  # type: ignore[misc]


class EmailAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    """Log in with an e-mail address, whatever its case (see UserManager.get_by_natural_key)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is not correct. Check both and try again."
        ),
        "inactive": _("This account has been switched off. Ask your coordinator."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class StaffAuthenticationForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The admin's login (/beheer/), under the same locks as the app's."""
