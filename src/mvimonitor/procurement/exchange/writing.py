"""The cells of an exported tender or contract row, written so that the import reads
back exactly what is stored (exchange.tables renders them as .xlsx or .ods)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mvimonitor.exchange.rows import unique_index
from mvimonitor.exchange.tables import Table
from mvimonitor.exchange.values import key
from mvimonitor.procurement.exchange.columns import (
    CONTRACT_COLUMNS,
    TENDER_COLUMNS,
    ContractField,
    TenderField,
    exported,
)
from mvimonitor.procurement.exchange.links import (
    ThemeApplied,
    action_label,
    themes_applied_label,
)
from mvimonitor.procurement.exchange.values import PHASE_DUTCH, PROCEDURE_DUTCH
from mvimonitor.procurement.models import Contract, Tender
from mvimonitor.procurement.phases import Phase

if TYPE_CHECKING:
    from mvimonitor.plans.models import Action, Theme

T, C = TenderField, ContractField
TENDER_SHEET, CONTRACT_SHEET = "Aanbestedingen", "Opdrachten"
_WIDE: dict[str, int] = {
    T.TITLE: 50,
    T.DESCRIPTION: 60,
    T.THEMES: 50,
    T.CPV_CODES: 24,
    C.SUPPLIER: 30,
}


def theme_labels(themes: Iterable[Theme]) -> dict[Theme, str]:
    """Each theme's name, or its code where the name would be read back as another
    theme or would be cut at a separator (";" between themes, ":" before how)."""
    themes = list(themes)
    index = unique_index(
        [(t.code, t) for t in themes] + [(n, t) for t in themes for n in (t.name, t.name_en)]
    )
    return {
        t: t.name if index.get(key(t.name)) == t and not set(t.name) & set(";:") else t.code
        for t in themes
    }


def _buyer(tender: Tender, members: dict[str, Any]) -> str:
    if tender.buyer is None:
        return tender.buyer_name
    if tender.buyer.full_name and members.get(key(tender.buyer.full_name)) == tender.buyer:
        return tender.buyer.full_name
    return tender.buyer.email


def tender_cells(
    tender: Tender,
    *,
    themes: dict[Theme, str],
    members: dict[str, Any],
    actions_by_code: dict[str, list[Action]],
) -> dict[TenderField, Any]:
    applied = [ThemeApplied.of(a) for a in tender.applied_themes.all()]
    return {
        T.REFERENCE: tender.reference,
        T.TITLE: tender.title,
        T.DESCRIPTION: tender.description,
        T.CPV_CODES: ", ".join(tender.cpv_codes or []),
        T.ESTIMATED_VALUE: tender.estimated_value,
        T.PROCEDURE: PROCEDURE_DUTCH.get(tender.procedure, ""),
        T.PLANNED_PUBLICATION: tender.planned_publication_on,
        T.PLANNED_START: tender.planned_start_on,
        T.PHASE: PHASE_DUTCH[Phase(tender.phase)],
        T.PHASE_SINCE: getattr(tender, "phase_since", None),
        T.BUYER: _buyer(tender, members),
        T.DEPARTMENT: tender.department,
        T.REGISTERED_ON: tender.registered_on,
        T.THEMES: themes_applied_label(applied, themes),
        T.ACTIONS: ", ".join(action_label(a, actions_by_code) for a in tender.actions.all()),
    }


def contract_cells(contract: Contract) -> dict[ContractField, Any]:
    return {
        C.REFERENCE: contract.reference,
        C.TENDER: contract.tender.reference if contract.tender else "",
        C.LOT: contract.lot,
        C.TITLE: contract.title,
        C.SUPPLIER: contract.supplier.name,
        C.KVK: contract.supplier.kvk_number,
        C.CITY: contract.supplier.city,
        C.AWARDED_VALUE: contract.awarded_value,
        C.AWARDED_ON: contract.awarded_on,
        C.STARTS_ON: contract.starts_on,
        C.ENDS_ON: contract.ends_on,
        C.EXTENSION_OPTIONS: contract.extension_options,
        C.EXTENSION_MONTHS: contract.extension_months,
    }


def tender_table(rows: Iterable[dict[TenderField, Any]]) -> Table:
    columns = exported(TENDER_COLUMNS)
    return Table(
        title=TENDER_SHEET,
        headers=[c.header for c in columns],
        rows=([row[c.field] for c in columns] for row in rows),
        widths=[_WIDE.get(c.field, 16) for c in columns],
    )


def contract_table(rows: Iterable[dict[ContractField, Any]]) -> Table:
    columns = exported(CONTRACT_COLUMNS)
    return Table(
        title=CONTRACT_SHEET,
        headers=[c.header for c in columns],
        rows=([row[c.field] for c in columns] for row in rows),
        widths=[_WIDE.get(c.field, 16) for c in columns],
    )
