"""Reads of the tender register. The phase on a date comes from the phase history, as
an action's status does (plans.selectors)."""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mvimonitor.organisations.models import Organisation
from mvimonitor.procurement.models import Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase


def phase_on_expression(on: date) -> Coalesce:
    """SQL for a tender's phase on `on` (preparation before its first change), to
    annotate a Tender queryset with."""
    latest = (
        TenderPhaseChange.objects.filter(tender=OuterRef("pk"), effective_on__lte=on)
        .order_by("-effective_on", "-recorded_at", "-id")
        .values("to_phase")[:1]
    )
    return Coalesce(Subquery(latest), Value(Phase.PREPARATION.value))


def tenders_registered_on(*, organisation: Organisation, on: date) -> QuerySet[Tender]:
    """The organisation's tenders registered on or before `on`, annotated with
    `phase_on`: their phase on that date."""
    return Tender.objects.filter(organisation=organisation, registered_on__lte=on).annotate(
        phase_on=phase_on_expression(on)
    )
