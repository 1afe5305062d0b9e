from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "mvimonitor.monitoring"
    verbose_name = _("Monitors")

    def ready(self) -> None:
        from mvimonitor.monitoring.report_sections import register_core_sections

        register_core_sections()

        # What it holds of a plan: undoing an import, deleting a plan (plans.dependents).
        from mvimonitor.monitoring.dependents import DEPENDENT
        from mvimonitor.plans.dependents import register as register_dependent

        register_dependent(DEPENDENT)
