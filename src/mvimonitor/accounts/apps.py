from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mvimonitor.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from mvimonitor.accounts.sessions import mark_refreshed

        user_logged_in.connect(mark_refreshed, dispatch_uid="accounts.sessions.mark_refreshed")
