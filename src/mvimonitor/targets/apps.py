from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "mvimonitor.targets"
    verbose_name = _("Targets and KPIs")

    def ready(self) -> None:
        # The monitor report's section "Tenders and targets" (ADR 0018): monitoring
        # imports neither targets nor procurement, so the section adds itself.
        from mvimonitor.monitoring.sections import register
        from mvimonitor.targets.report_section import TendersTargetsSection

        register(TendersTargetsSection())

        # What it holds of a plan: undoing an import, deleting a plan (plans.dependents).
        from mvimonitor.plans.dependents import register as register_dependent
        from mvimonitor.targets.dependents import DEPENDENT

        register_dependent(DEPENDENT)
