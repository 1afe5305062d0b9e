"""Account pages of our own where Django's need one more step: a new password chosen by
the account's owner lifts the account's login locks (ADR 0019)."""

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpResponse

from mvimonitor.accounts import services
from mvimonitor.accounts.models import LoginLock


class _LiftsLoginLocks:
    """After the form's save, in the same transaction, lift the user's locks `how`."""

    lifted_how: str

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
            services.login_unlock(login_name=form.user.email, how=self.lifted_how)
        return response


class PasswordResetConfirmView(_LiftsLoginLocks, auth_views.PasswordResetConfirmView):
    """The link of the password-reset e-mail: choosing a password proves the owner."""

    lifted_how = LoginLock.Lifted.PASSWORD_RESET


class PasswordChangeView(_LiftsLoginLocks, auth_views.PasswordChangeView):
    """A logged-in owner (another session may outlive a lock) changes their password."""

    lifted_how = LoginLock.Lifted.PASSWORD_CHANGED
