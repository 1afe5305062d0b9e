"""Forms of the action plan pages. They only read and check input; the services in
the services package do the writing and the business rules, and
mvimonitor.web.forms.add_service_errors puts the services' messages on the right field."""

from mvimonitor.plans.forms.actions import (
    ActionCreateForm,
    ActionForm,
    BulkStatusForm,
    OwnerActionForm,
    StatusChangeForm,
    WithdrawForm,
)
from mvimonitor.plans.forms.corrections import StatusCorrectionForm
from mvimonitor.plans.forms.plans import (
    PeriodsForm,
    PlanCreateForm,
    PlanDeleteForm,
    PlanForm,
    PlanThemesForm,
    ThemeForm,
)

__all__ = [
    "ActionCreateForm",
    "ActionForm",
    "BulkStatusForm",
    "OwnerActionForm",
    "PeriodsForm",
    "PlanCreateForm",
    "PlanDeleteForm",
    "PlanForm",
    "PlanThemesForm",
    "StatusChangeForm",
    "StatusCorrectionForm",
    "ThemeForm",
    "WithdrawForm",
]
