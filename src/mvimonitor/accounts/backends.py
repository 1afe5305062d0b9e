"""The one authentication backend: the login lockout, then the password.

axes' own backends only check the lockout and leave the password to a second backend in
AUTHENTICATION_BACKENDS. With two backends Django's login() needs to be told which one
logged a user in (accepting an invitation logs the new user in without authenticating),
so this backend does both steps itself."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend, ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        # Raises PermissionDenied while a lock holds (accounts.lockout), before any
        # password is checked; refuses to work without the request, which it counts by.
        AxesStandaloneBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )
