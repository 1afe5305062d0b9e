from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "mvimonitor.review"
    verbose_name = _("Outside review")

    def ready(self) -> None:
        from mvimonitor.plans.dependents import register as register_dependent
        from mvimonitor.review.dependents import DEPENDENT

        register_dependent(DEPENDENT)
