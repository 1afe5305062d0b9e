from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "mvimonitor.rounds"
    verbose_name = _("Update rounds")

    def ready(self) -> None:
        from mvimonitor.monitoring.sections import register
        from mvimonitor.rounds import receivers  # noqa: F401 - connects the receivers
        from mvimonitor.rounds.report_sections import NotUpdatedSection, UpdateRoundSection

        register(UpdateRoundSection())
        register(NotUpdatedSection())

        # What it holds of a plan: undoing an import, deleting a plan (plans.dependents).
        from mvimonitor.plans.dependents import register as register_dependent
        from mvimonitor.rounds.dependents import DEPENDENT

        register_dependent(DEPENDENT)
