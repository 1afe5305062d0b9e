"""Reads of the tender register for the monitor's report section "Tenders and targets"
(targets.report_section), as plain rows so the section never touches procurement's
models: the tenders registered by a date with their phase histories, the themes applied
in them and the contracts awarded by the date (four queries in all, three without
tenders). Also the words for the register's codes that the section writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.procurement.models import AppliedTheme, Contract, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: Phases in which a tender is no longer "planned".
CLOSED_PHASES: tuple[str, ...] = (Phase.WITHDRAWN.value, Phase.COMPLETED.value)

TENDER_FIELDS = (
    "pk",
    "reference",
    "title",
    "procedure",
    "department",
    "estimated_value",
    "planned_publication_on",
    "planned_start_on",
    "registered_on",
)

#: A tender's phase changes as (effective on, to phase), by tender id.
PhaseHistory = dict[int, list[tuple[date, str]]]


def tenders_registered_by(
    *, organisation: Organisation, on: date
) -> tuple[list[dict[str, Any]], PhaseHistory]:
    """The organisation's tenders registered on or before `on`, by reference, as plain
    rows with TENDER_FIELDS (one query), and each one's phase changes as (effective on,
    to phase) in the history's order (one query, only when there are tenders). Two
    queries rather than one join: repeating the tender's columns on every change costs
    more than a query."""
    registered = Tender.objects.filter(organisation=organisation, registered_on__lte=on)
    tenders = list(registered.order_by("reference_sort_key", "pk").values(*TENDER_FIELDS))
    history: PhaseHistory = {}
    if tenders:
        changes = TenderPhaseChange.objects.filter(
            tender__organisation=organisation, tender__registered_on__lte=on
        ).order_by("tender_id", "effective_on", "recorded_at", "id")
        for tender_id, effective_on, to_phase in changes.values_list(
            "tender_id", "effective_on", "to_phase"
        ):
            history.setdefault(tender_id, []).append((effective_on, to_phase))
    return tenders, history


#: A theme applied in a tender: (tender id, theme id, code, (Dutch name, English name),
#: flags).
AppliedRow = tuple[int, int, str, tuple[str, str], tuple[bool, ...]]


def themes_applied_by(
    *, organisation: Organisation, on: date, flags: Sequence[str]
) -> list[AppliedRow]:
    """The themes applied in the tenders registered on or before `on`, in theme order,
    each with the values of its instrument `flags` (AppliedTheme's `as_...` fields, in
    the caller's order): one query."""
    rows = (
        AppliedTheme.objects.filter(
            tender__organisation=organisation, tender__registered_on__lte=on
        )
        .order_by("theme__position", "theme__name", "theme_id")
        .values_list(
            "tender_id", "theme_id", "theme__code", "theme__name", "theme__name_en", *flags
        )
    )
    return [
        (tender, theme, code, (name, name_en), tuple(fl))
        for tender, theme, code, name, name_en, *fl in rows
    ]


CONTRACT_FIELDS = (
    "pk",
    "reference",
    "title",
    "lot",
    "supplier__name",
    "supplier__city",
    "awarded_value",
    "awarded_on",
    "starts_on",
    "ends_on",
    "tender_id",
    "tender__reference",
    "tender__title",
)


def contracts_awarded_by(*, organisation: Organisation, on: date) -> list[dict[str, Any]]:
    """The organisation's contracts awarded on or before `on`, in the order they were
    awarded (as contracts.contracts_awarded_between), as plain rows with
    CONTRACT_FIELDS: one query."""
    contracts = Contract.objects.filter(organisation=organisation, awarded_on__lte=on)
    return list(
        contracts.order_by("awarded_on", "reference_sort_key", "pk").values(*CONTRACT_FIELDS)
    )


def phase_label(code: str | None) -> str:
    """A phase in words in the active language ("new in the register" for None); the
    code itself for one this version does not know (from a later version's report)."""
    if code is None:
        return _("new in the register")
    return label_or_code(Phase, code)


def procedure_label(code: str) -> str:
    """A Tender.Procedure in words ("" for none); the code itself for an unknown one."""
    return label_or_code(Tender.Procedure, code) if code else ""
