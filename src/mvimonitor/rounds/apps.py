from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "mvimonitor.rounds"
    verbose_name = _("Update rounds")

    def ready(self) -> None:
        from mvimonitor.rounds import receivers  # noqa: F401 - connects the receivers
