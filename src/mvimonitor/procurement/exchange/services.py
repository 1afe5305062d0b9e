"""Import and export of an organisation's tenders and contracts as spreadsheets, with
the rules of the plan import: headers in any order, every row checked first, all rows
saved or none, every problem reported as "Rij N, kolom X: ...", .xlsx and .ods read and
written. The caller sets who acts for the audit trail (audit.context.acting_as)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from mvimonitor.exchange.columns import match_headers
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import read_sheet
from mvimonitor.exchange.tables import render_table
from mvimonitor.kernel.imports import Problem
from mvimonitor.procurement.exchange import selectors
from mvimonitor.procurement.exchange.columns import (
    CONTRACT_COLUMNS,
    CONTRACT_REQUIRED,
    TENDER_COLUMNS,
    TENDER_REQUIRED,
    ContractField,
    TenderField,
    hint,
)
from mvimonitor.procurement.exchange.common import RegisterImportResult, parse_rows, save_rows
from mvimonitor.procurement.exchange.contract_rows import (
    COLUMN_OF_FIELD as CONTRACT_COLUMN_OF,
)
from mvimonitor.procurement.exchange.contract_rows import (
    ContractLookups,
    ContractRowParser,
    apply_contract_row,
)
from mvimonitor.procurement.exchange.tender_rows import COLUMN_OF_FIELD as TENDER_COLUMN_OF
from mvimonitor.procurement.exchange.tender_rows import (
    TenderLookups,
    TenderRowParser,
    apply_tender_row,
)
from mvimonitor.procurement.exchange.writing import (
    contract_cells,
    contract_table,
    tender_cells,
    tender_table,
    theme_labels,
)
from mvimonitor.procurement.models import Contract

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Organisation

__all__ = [
    "RegisterImportResult",
    "contracts_export",
    "contracts_import",
    "tenders_export",
    "tenders_import",
]


def tenders_export(*, organisation: Organisation, fmt: str = "xlsx") -> bytes:
    """The organisation's tenders as .xlsx or .ods (`fmt`); importing the file again
    changes nothing."""
    lookups = TenderLookups.build(organisation=organisation, tenders=[])
    themes = theme_labels(selectors.organisation_themes(organisation=organisation))
    rows = (
        tender_cells(
            tender,
            themes=themes,
            members=lookups.members,
            actions_by_code=lookups.actions_by_code,
        )
        for tender in selectors.exportable_tenders(organisation=organisation)
    )
    return render_table(tender_table(rows), fmt)


def contracts_export(
    *,
    organisation: Organisation,
    fmt: str = "xlsx",
    contracts: QuerySet[Contract] | None = None,
) -> bytes:
    """The organisation's contracts (or the given ones of it) as .xlsx or .ods."""
    chosen = selectors.organisation_contracts(organisation=organisation)
    if contracts is not None:
        chosen = chosen.filter(pk__in=contracts.values("pk"))
    rows = (contract_cells(c) for c in selectors.exportable_contracts(contracts=chosen))
    return render_table(contract_table(rows), fmt)


def tenders_import(
    *, organisation: Organisation, data: bytes, filename: str, by: User | None
) -> RegisterImportResult:
    """Create or update the organisation's tenders by reference, all or nothing."""
    try:
        sheet = read_sheet(
            data, filename=filename, headers_hint=hint(TENDER_COLUMNS, TENDER_REQUIRED)
        )
    except SpreadsheetError as error:
        return RegisterImportResult(problems=[Problem(None, None, error.message)])
    headers, problems = match_headers(
        sheet.header.cells, columns=TENDER_COLUMNS, required=TENDER_REQUIRED, row=1
    )
    result = RegisterImportResult(problems=problems, rows=len(sheet.rows))
    if problems:
        return result
    lookups = TenderLookups.build(
        organisation=organisation,
        tenders=list(selectors.exportable_tenders(organisation=organisation)),
    )
    parsed = parse_rows(TenderRowParser(headers, lookups), sheet.rows, result)
    save_rows(
        parsed,
        apply=lambda row: apply_tender_row(
            organisation=organisation, row=row, lookups=lookups, by=by
        ),
        headers=headers,
        column_of=TENDER_COLUMN_OF,
        reference=TenderField.REFERENCE,
        result=result,
    )
    return result


def contracts_import(
    *, organisation: Organisation, data: bytes, filename: str, by: User | None
) -> RegisterImportResult:
    """Create or update the organisation's contracts by reference, and their suppliers
    by KvK number or name, all or nothing."""
    try:
        sheet = read_sheet(
            data, filename=filename, headers_hint=hint(CONTRACT_COLUMNS, CONTRACT_REQUIRED)
        )
    except SpreadsheetError as error:
        return RegisterImportResult(problems=[Problem(None, None, error.message)])
    headers, problems = match_headers(
        sheet.header.cells, columns=CONTRACT_COLUMNS, required=CONTRACT_REQUIRED, row=1
    )
    result = RegisterImportResult(problems=problems, rows=len(sheet.rows))
    if problems:
        return result
    lookups = ContractLookups.build(
        contracts=list(
            selectors.organisation_contracts(organisation=organisation).select_related("supplier")
        ),
        tenders=list(selectors.organisation_tenders(organisation=organisation)),
        suppliers=list(selectors.organisation_suppliers(organisation=organisation)),
    )
    parsed = parse_rows(ContractRowParser(headers, lookups), sheet.rows, result)
    save_rows(
        # Rows with a KvK number first: a row that names its supplier by name only then
        # finds every supplier the file creates or numbers, whatever the order of rows.
        sorted(parsed, key=lambda row: not row.values.get(ContractField.KVK)),
        apply=lambda row: apply_contract_row(organisation=organisation, row=row, lookups=lookups),
        headers=headers,
        column_of=CONTRACT_COLUMN_OF,
        reference=ContractField.REFERENCE,
        result=result,
    )
    return result
