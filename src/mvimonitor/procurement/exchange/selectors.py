"""Reads for the tender and contract import and export: everything a sheet is checked
against is read once per import, in a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from mvimonitor.organisations import selectors as organisation_selectors
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.procurement.models import (
    AppliedTheme,
    Contract,
    Supplier,
    Tender,
    TenderPhaseChange,
)

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Action, Theme


def exportable_tenders(*, organisation: Organisation) -> QuerySet[Tender]:
    """The organisation's tenders by reference, each annotated with `phase_since` (the
    date of its latest phase change), with buyer, themes applied and actions read."""
    latest = (
        TenderPhaseChange.objects.filter(tender=OuterRef("pk"))
        .order_by("-effective_on", "-recorded_at", "-id")
        .values("effective_on")[:1]
    )
    return (
        Tender.objects.filter(organisation=organisation)
        .select_related("buyer")
        .prefetch_related(
            Prefetch(
                "applied_themes",
                queryset=AppliedTheme.objects.select_related("theme").order_by(
                    "theme__position", "theme__name"
                ),
            ),
            Prefetch(
                "actions", queryset=plan_selectors.actions_with_plan().order_by("code_sort_key")
            ),
        )
        .annotate(phase_since=Subquery(latest))
        .order_by("reference_sort_key")
    )


def exportable_contracts(*, contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    return contracts.select_related("supplier", "tender").order_by("reference_sort_key")


def organisation_contracts(*, organisation: Organisation) -> QuerySet[Contract]:
    return Contract.objects.filter(organisation=organisation)


def organisation_suppliers(*, organisation: Organisation) -> QuerySet[Supplier]:
    return Supplier.objects.filter(organisation=organisation).order_by("pk")


def organisation_tenders(*, organisation: Organisation) -> QuerySet[Tender]:
    return Tender.objects.filter(organisation=organisation)


def organisation_actions(*, organisation: Organisation) -> QuerySet[Action]:
    """Every action of every plan of the organisation (withdrawn ones too: a tender may
    still name them)."""
    return plan_selectors.organisation_actions(organisation=organisation)


def organisation_colleagues(*, organisation: Organisation) -> QuerySet[User]:
    """Members who may be a tender's buyer (not outside reviewers)."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__role__in=MEMBER_ROLES)
        .distinct()
    )


def organisation_themes(*, organisation: Organisation) -> QuerySet[Theme]:
    return plan_selectors.themes_for_organisation(organisation=organisation)


def organisation_by_slug(*, slug: str) -> Organisation | None:
    return organisation_selectors.organisation_with_slug(slug=slug)
