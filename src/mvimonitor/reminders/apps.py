from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "mvimonitor.reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from mvimonitor.plans.dependents import register as register_dependent
        from mvimonitor.reminders.dependents import DEPENDENT

        register_dependent(DEPENDENT)
