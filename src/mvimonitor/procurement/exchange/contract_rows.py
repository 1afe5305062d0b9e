"""Reading a contract sheet's rows and writing each through the contract services.

Suppliers are found by KvK number, else by name (without case); one that is not found
is created. A supplier found by KvK number takes the name in the file, and the city
when the file has that column; a supplier without KvK number that is found by name
gets the KvK number the file gives. Rows naming one supplier, by KvK number or by name,
must agree on its name and city. See docs/adr/0010-contracts-and-tender-exchange.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import HeaderMap
from mvimonitor.exchange.rows import unique_index
from mvimonitor.exchange.values import cell_text, key, parse_date, parse_text
from mvimonitor.kernel.imports import Problem
from mvimonitor.kernel.texts import max_length_of
from mvimonitor.procurement.exchange.columns import CONTRACT_REQUIRED, ContractField
from mvimonitor.procurement.exchange.common import (
    Outcome,
    ParsedRow,
    RowParser,
    same_text,
)
from mvimonitor.procurement.exchange.values import parse_amount, parse_count, parse_kvk
from mvimonitor.procurement.models import Contract, Supplier, Tender
from mvimonitor.procurement.services import contracts as services

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

C = ContractField
_DATES = (C.AWARDED_ON, C.STARTS_ON, C.ENDS_ON)
_STRIPPED = (C.REFERENCE, C.TITLE, C.LOT, C.SUPPLIER, C.CITY)
#: The text columns, and the longest text each takes (the field it fills).
TEXTS = {
    C.REFERENCE: max_length_of(Contract, "reference"),
    C.TITLE: max_length_of(Contract, "title"),
    C.LOT: max_length_of(Contract, "lot"),
    C.SUPPLIER: max_length_of(Supplier, "name"),
    C.CITY: max_length_of(Supplier, "city"),
}
#: Columns that are fields of the contract itself, under the field's own name.
CONTRACT_FIELDS = (
    C.TENDER,
    C.LOT,
    C.TITLE,
    C.AWARDED_VALUE,
    C.AWARDED_ON,
    C.STARTS_ON,
    C.ENDS_ON,
    C.EXTENSION_OPTIONS,
    C.EXTENSION_MONTHS,
)
COLUMN_OF_FIELD: dict[str, ContractField] = {
    **{f.value: f for f in CONTRACT_FIELDS},
    "reference": C.REFERENCE,
    "supplier": C.SUPPLIER,
    "name": C.SUPPLIER,
    "kvk_number": C.KVK,
    "city": C.CITY,
}


@dataclass
class ContractLookups:
    """Everything a contract row is checked against, read once per import; suppliers
    are added as the import creates them or gives them a KvK number or a name."""

    contracts: dict[str, Contract]  # by reference
    tenders: dict[str, Tender]  # by reference, without case
    by_kvk: dict[str, Supplier]
    by_name: dict[str, Supplier | None]  # by name without case; None: more than one
    #: Per supplier (pk), the first row of the file that named it: its row number and
    #: the supplier's name and city as that row gives them.
    described: dict[int, tuple[int, str, str | None]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, *, contracts: list[Contract], tenders: list[Tender], suppliers: list[Supplier]
    ) -> ContractLookups:
        return cls(
            contracts={c.reference: c for c in contracts},
            tenders={t.reference.casefold(): t for t in tenders},
            by_kvk={s.kvk_number: s for s in suppliers if s.kvk_number},
            by_name=unique_index((s.name, s) for s in suppliers),
        )

    def add(self, supplier: Supplier) -> None:
        if supplier.kvk_number:
            self.by_kvk[supplier.kvk_number] = supplier
        k = key(supplier.name)
        self.by_name[k] = supplier if self.by_name.get(k, supplier) == supplier else None

    def check_described(self, supplier: Supplier, row: ParsedRow[ContractField]) -> None:
        """Rows that name one supplier give it one name and city, also when one names it
        by KvK number and another by name (which the parser cannot tell)."""
        described = (row.values[C.SUPPLIER], row.values.get(C.CITY))
        first = self.described.get(supplier.pk)
        if first is None or (first[1], first[2]) == described:
            return
        raise ValidationError({"supplier": _inconsistent(*first)})

    def saved(self, supplier: Supplier, row: ParsedRow[ContractField]) -> None:
        """The row's supplier is saved: it is found by its KvK number and name from now on."""
        self.add(supplier)
        self.described.setdefault(
            supplier.pk, (row.number, row.values[C.SUPPLIER], row.values.get(C.CITY))
        )


def _inconsistent(row: int, name: str, city: str | None) -> str:
    return _(
        "Row %(row)s names this supplier “%(name)s”%(city)s; give the supplier the "
        "same name and city in every row."
    ) % {"row": row, "name": name, "city": f" ({city})" if city else ""}


class ContractRowParser(RowParser[ContractField]):
    required = CONTRACT_REQUIRED
    reference = C.REFERENCE

    def __init__(self, headers: HeaderMap[ContractField], lookups: ContractLookups) -> None:
        super().__init__(headers)
        self.lookups = lookups
        self.suppliers: dict[tuple[str, str], tuple[int, str, str | None]] = {}

    def value(self, name: ContractField, cell: Any) -> Any:
        if name in _DATES:
            return parse_date(cell)
        readers = {
            C.AWARDED_VALUE: parse_amount,
            C.KVK: parse_kvk,
            C.EXTENSION_OPTIONS: lambda c: parse_count(c, empty=0),
            C.EXTENSION_MONTHS: lambda c: parse_count(c, empty=None),
            C.TENDER: self._tender,
        }
        if name in readers:
            return readers[name](cell)
        return parse_text(cell, max_length=TEXTS[name], strip=name in _STRIPPED)

    def _tender(self, cell: Any) -> Tender | None:
        text = cell_text(cell).strip()
        if not text:
            return None
        tender = self.lookups.tenders.get(text.casefold())
        if tender is None:
            raise ValueError(
                _("There is no tender with the reference “%(value)s”; import the tenders first.")
                % {"value": text}
            )
        return tender

    def check(self, parsed: ParsedRow[ContractField]) -> list[Problem]:
        """Rows that name the same supplier give it the same name and city."""
        values = parsed.values
        kvk = values.get(C.KVK, "")
        identity = ("kvk", kvk) if kvk else ("name", key(values[C.SUPPLIER]))
        described = (values[C.SUPPLIER], values.get(C.CITY))
        first = self.suppliers.setdefault(identity, (parsed.number, *described))
        if first[0] == parsed.number or (first[1], first[2]) == described:
            return []
        return [self.problem(parsed.number, C.SUPPLIER, _inconsistent(*first))]


def apply_contract_row(
    *, organisation: Organisation, row: ParsedRow[ContractField], lookups: ContractLookups
) -> Outcome:
    supplier, created_supplier = _find_supplier(organisation, row, lookups)
    if not created_supplier:
        lookups.check_described(supplier, row)
    contract = lookups.contracts.get(row.reference)
    values = row.values
    fields = {f.value: values[f] for f in CONTRACT_FIELDS if f in values}
    if contract is None:
        contract = services.contract_create(
            organisation=organisation, reference=row.reference, supplier=supplier, **fields
        )
        outcome = Outcome(created=True)
    else:
        changes = {
            name: value
            for name, value in fields.items()
            if not _same(getattr(contract, name), value)
        }
        if contract.supplier_id != supplier.pk:
            changes["supplier"] = supplier
        if changes:
            _empty_dates_refused(changes)
            services.contract_update(
                contract=contract, expected_version=contract.version, **changes
            )
        outcome = Outcome(updated=bool(changes))
    supplier_changed = not created_supplier and _update_supplier(supplier, row)
    lookups.saved(supplier, row)
    return Outcome(created=outcome.created, updated=outcome.updated or supplier_changed)


def _same(current: Any, new: Any) -> bool:
    if isinstance(current, str):
        return same_text(current.strip(), new)
    return bool(current == new)


def _empty_dates_refused(changes: dict[str, Any]) -> None:
    for name in ("awarded_on", "starts_on", "ends_on"):
        if name in changes and changes[name] is None:
            raise ValidationError({name: _("This value is required.")})


def _find_supplier(
    organisation: Organisation, row: ParsedRow[ContractField], lookups: ContractLookups
) -> tuple[Supplier, bool]:
    """The supplier the row names, and whether it was created for it."""
    name, kvk = row.values[C.SUPPLIER], row.values.get(C.KVK, "")
    if kvk and kvk in lookups.by_kvk:
        return lookups.by_kvk[kvk], False
    k = key(name)
    found = lookups.by_name.get(k)
    if k in lookups.by_name and found is None:
        raise ValidationError(
            {
                "name": _("More than one supplier is called “%(name)s”; add the KvK number.")
                % {"name": name}
            }
        )
    if found is not None and not (kvk and found.kvk_number):
        return found, False
    supplier = services.supplier_create(
        organisation=organisation, name=name, kvk_number=kvk, city=row.values.get(C.CITY, "")
    )
    return supplier, True


def _update_supplier(supplier: Supplier, row: ParsedRow[ContractField]) -> bool:
    """Give a found supplier the file's name (when found by KvK number, or given its KvK
    number now: the next import finds it by that number), city (when the file has the
    column) and KvK number (when it had none)."""
    values = row.values
    changes: dict[str, str] = {}
    kvk = values.get(C.KVK, "")
    numbered = kvk and supplier.kvk_number in (kvk, "")
    if numbered and not same_text(supplier.name, values[C.SUPPLIER]):
        changes["name"] = values[C.SUPPLIER]
    if kvk and not supplier.kvk_number:
        changes["kvk_number"] = kvk
    if C.CITY in values and not same_text(supplier.city, values[C.CITY]):
        changes["city"] = values[C.CITY]
    if not changes:
        return False
    before = (supplier.version, supplier.name, supplier.kvk_number, supplier.city)
    try:
        services.supplier_update(supplier=supplier, expected_version=supplier.version, **changes)
    except Exception:
        # The row's savepoint is rolled back: so is this supplier in memory.
        supplier.version, supplier.name, supplier.kvk_number, supplier.city = before
        raise
    return True
