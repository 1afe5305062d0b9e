"""The tender register as rows of plain values, for apps that compute figures from it
as of any date (targets' KPIs): three queries, whatever the number of tenders."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from mvimonitor.procurement.models import AppliedTheme, Contract, Tender

#: (tender id, registered on, planned start on, estimated value, effective on, to phase);
#: one row per phase change, in order, or one row with two Nones for a tender without any.
TenderPhaseRow = tuple[int, date, date | None, Decimal | None, date | None, Any]


def tender_phase_rows(*, organisation_id: int, registered_by: date) -> list[TenderPhaseRow]:
    """The organisation's tenders registered by `registered_by`, each with its phase
    history (by tender, then by effective date, time recorded and id)."""
    return list(
        Tender.objects.filter(organisation_id=organisation_id, registered_on__lte=registered_by)
        .order_by(
            "pk", "phase_changes__effective_on", "phase_changes__recorded_at", "phase_changes__id"
        )
        .values_list(
            "pk",
            "registered_on",
            "planned_start_on",
            "estimated_value",
            "phase_changes__effective_on",
            "phase_changes__to_phase",
        )
    )


def applied_theme_rows(
    *, organisation_id: int, registered_by: date, instruments: Sequence[str]
) -> list[tuple[Any, ...]]:
    """(tender id, theme id, *the named instrument flags) of every theme applied in the
    organisation's tenders registered by `registered_by`."""
    return list(
        AppliedTheme.objects.filter(
            tender__organisation_id=organisation_id, tender__registered_on__lte=registered_by
        ).values_list("tender_id", "theme_id", *instruments)
    )


def awarded_contract_rows(*, organisation_id: int, awarded_by: date) -> list[tuple[Any, ...]]:
    """(tender id, awarded on, awarded value) of the organisation's contracts of a tender
    with an awarded value, awarded by `awarded_by`."""
    return list(
        Contract.objects.filter(
            organisation_id=organisation_id,
            tender__isnull=False,
            awarded_value__isnull=False,
            awarded_on__lte=awarded_by,
        ).values_list("tender_id", "awarded_on", "awarded_value")
    )
