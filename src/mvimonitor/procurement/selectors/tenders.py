"""Reads of the tender register. The phase on a date comes from the phase history, as
an action's status does (plans.selectors)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.procurement.models import AppliedTheme, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Action


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


def has_mvi_expression() -> Exists:
    """SQL for "the tender has MVI impact": at least one theme applied in it."""
    return Exists(AppliedTheme.objects.filter(tender=OuterRef("pk")))


def organisation_tenders(*, organisation: Organisation) -> QuerySet[Tender]:
    """The register: the organisation's tenders with `has_mvi`, their buyer and the
    themes applied (three queries whatever the number of tenders)."""
    return (
        Tender.objects.filter(organisation=organisation)
        .select_related("buyer")
        .annotate(has_mvi=has_mvi_expression())
        .prefetch_related(
            Prefetch(
                "applied_themes",
                queryset=AppliedTheme.objects.select_related("theme").order_by(
                    "theme__position", "theme__name"
                ),
            )
        )
        .order_by(F("planned_start_on").asc(nulls_last=True), "reference_sort_key")
    )


def tender_for_organisation(*, organisation: Organisation, pk: int) -> Tender:
    """One tender of the organisation with everything its page shows; raises
    Tender.DoesNotExist for another organisation's tender."""
    return (
        organisation_tenders(organisation=organisation)
        .prefetch_related(
            Prefetch(
                "phase_changes",
                queryset=TenderPhaseChange.objects.select_related("recorded_by").order_by(
                    "effective_on", "recorded_at", "id"
                ),
            ),
            Prefetch(
                "actions",
                queryset=plan_selectors.actions_with_plan().order_by("plan__name", "code_sort_key"),
            ),
        )
        .get(pk=pk)
    )


def tender_phases_on(*, organisation: Organisation, on: date) -> dict[int, Phase]:
    """Tender id -> its phase on `on`, for the tenders registered by then (one query)."""
    registered = tenders_registered_on(organisation=organisation, on=on)
    rows = registered.values_list("pk", "phase_on")  # type: ignore[misc]  # annotated
    return {pk: Phase(phase) for pk, phase in rows}


def action_tenders(*, action: Action) -> QuerySet[Tender]:
    """The tenders that serve an action, for the action's page."""
    return (
        action.tenders.annotate(has_mvi=has_mvi_expression())
        .select_related("organisation")
        .order_by(F("planned_start_on").asc(nulls_last=True), "reference_sort_key")
    )


def linkable_actions(*, organisation: Organisation) -> QuerySet[Action]:
    """The actions a tender of the organisation may serve: those of its plans that are
    not withdrawn, plan by plan."""
    return plan_selectors.organisation_actions(organisation=organisation, withdrawn=False).order_by(
        "plan__name", "plan_id", "code_sort_key"
    )


def tender_departments(*, organisation: Organisation) -> list[str]:
    """The departments named on the organisation's tenders, for the list's filter."""
    return list(
        Tender.objects.filter(organisation=organisation)
        .exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )


def tender_references(*, organisation: Organisation) -> set[str]:
    """The references of the organisation's tenders (one query): what a loader checks a
    tender against before registering it again."""
    return set(Tender.objects.filter(organisation=organisation).values_list("reference", flat=True))
