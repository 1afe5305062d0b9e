from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "mvimonitor.exchange"
    verbose_name = _("Import and export")

    def ready(self) -> None:
        from mvimonitor.exchange.dependents import DEPENDENT
        from mvimonitor.plans.dependents import register as register_dependent

        register_dependent(DEPENDENT)
