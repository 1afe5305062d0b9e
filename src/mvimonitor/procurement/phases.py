"""Tender phases: codes, labels, order and chart colours in one place (like
plans.workflow for action statuses)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    PREPARATION = "preparation", pgettext_lazy("tender phase", "preparation")
    PUBLICATION = "publication", pgettext_lazy("tender phase", "publication")
    AWARD = "award", pgettext_lazy("tender phase", "award")
    CONTRACT = "contract", pgettext_lazy("tender phase", "contract")
    COMPLETED = "completed", pgettext_lazy("tender phase", "completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("tender phase", "withdrawn")


#: Pipeline order; a tender normally moves forward through it, but may step back
#: (a publication withdrawn for repair) or be withdrawn from any phase.
PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)

#: Chart fills with enough contrast against white text (WCAG AA).
PHASE_COLOUR: dict[Phase, str] = {
    Phase.PREPARATION: "#616161",
    Phase.PUBLICATION: "#1565c0",
    Phase.AWARD: "#6a1b9a",
    Phase.CONTRACT: "#2e7d32",
    Phase.COMPLETED: "#1b5e20",
    Phase.WITHDRAWN: "#b45309",
}
