from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "mvimonitor.procurement"
    verbose_name = _("Tenders and contracts")

    def ready(self) -> None:
        from mvimonitor.plans.dependents import register as register_dependent
        from mvimonitor.procurement.dependents import DEPENDENT

        register_dependent(DEPENDENT)
