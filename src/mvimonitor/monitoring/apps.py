from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "mvimonitor.monitoring"
    verbose_name = _("Monitors")

    def ready(self) -> None:
        from mvimonitor.monitoring.report_sections import register_core_sections

        register_core_sections()
