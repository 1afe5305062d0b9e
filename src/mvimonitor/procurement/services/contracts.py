"""Writes to suppliers and contracts: create, and edit under an optimistic lock (one
`UPDATE ... WHERE version = N`, mvimonitor.kernel.locking).

Every function runs in one transaction and saves nothing when it refuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.procurement.kvk import kvk_normalise
from mvimonitor.procurement.models import Contract, Supplier, Tender

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: Fields supplier_update may change.
SUPPLIER_FIELDS = ("name", "kvk_number", "city")
#: Fields contract_update may change.
CONTRACT_FIELDS = (
    "tender",
    "reference",
    "title",
    "lot",
    "supplier",
    "awarded_value",
    "awarded_on",
    "starts_on",
    "ends_on",
    "extension_options",
    "extension_months",
)
_STRIPPED = ("name", "city", "reference", "title", "lot")


class StaleSupplierError(StaleRecordError):
    record = gettext_lazy("this supplier")


class StaleContractError(StaleRecordError):
    record = gettext_lazy("this contract")


def _check_fields(names: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = set(names) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _strip(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.strip() if name in _STRIPPED and isinstance(value, str) else value
        for name, value in values.items()
    }


# Suppliers


def _check_supplier(supplier: Supplier) -> None:
    try:
        supplier.kvk_number = kvk_normalise(supplier.kvk_number)
    except ValidationError as error:
        raise ValidationError({"kvk_number": error.messages}) from error
    if supplier.kvk_number:
        other = (
            Supplier.objects.filter(
                organisation_id=supplier.organisation_id, kvk_number=supplier.kvk_number
            )
            .exclude(pk=supplier.pk)
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "kvk_number": _(
                        "The supplier “%(name)s” already has the KvK number %(kvk)s; "
                        "choose that supplier instead."
                    )
                    % {"name": other.name, "kvk": supplier.kvk_number}
                }
            )
    supplier.full_clean(exclude=["organisation"])


@transaction.atomic
def supplier_create(
    *, organisation: Organisation, name: str, kvk_number: str = "", city: str = ""
) -> Supplier:
    """A supplier of the organisation; the KvK number is normalised to its 8 digits and
    may be used by one supplier of the organisation only."""
    supplier = Supplier(organisation=organisation, **_strip({"name": name, "city": city}))
    supplier.kvk_number = kvk_number
    _check_supplier(supplier)
    supplier.save()
    return supplier


@transaction.atomic
def supplier_update(*, supplier: Supplier, expected_version: int, **changes: Any) -> Supplier:
    """Change a supplier's name, KvK number or city; a stale version raises
    StaleSupplierError and nothing is saved."""
    _check_fields(changes, SUPPLIER_FIELDS, "supplier")
    for name, value in _strip(changes).items():
        setattr(supplier, name, value)
    _check_supplier(supplier)
    locked_update(
        supplier,
        expected_version=expected_version,
        values=field_values(supplier, changes),
        stale=StaleSupplierError,
    )
    return supplier


# Contracts


def _check_contract(contract: Contract) -> None:
    errors: dict[str, str] = {}
    organisation_id = contract.organisation_id
    tender: Tender | None = contract.tender
    if tender is not None and tender.organisation_id != organisation_id:
        errors["tender"] = _("This tender belongs to another organisation.")
    supplier: Supplier | None = getattr(contract, "supplier", None)
    if supplier is not None and supplier.organisation_id != organisation_id:
        errors["supplier"] = _("This supplier belongs to another organisation.")
    if contract.starts_on and contract.ends_on and contract.ends_on < contract.starts_on:
        errors["ends_on"] = _("The end date lies before the start date.")
    if contract.extension_options and not contract.extension_months:
        errors["extension_months"] = _(
            "A contract with options to extend needs the number of months each extension lasts."
        )
    if contract.extension_months == 0:
        errors["extension_months"] = _("An extension lasts at least one month.")
    if contract.reference and (
        Contract.objects.filter(organisation_id=organisation_id, reference=contract.reference)
        .exclude(pk=contract.pk)
        .exists()
    ):
        errors["reference"] = _(
            "There is already a contract with the reference “%(reference)s”."
        ) % {"reference": contract.reference}
    if errors:
        raise ValidationError(errors)
    contract.full_clean(exclude=["organisation", "tender", "supplier"])


@transaction.atomic
def contract_create(
    *,
    organisation: Organisation,
    reference: str,
    title: str,
    supplier: Supplier,
    awarded_on: date,
    starts_on: date,
    ends_on: date,
    tender: Tender | None = None,
    lot: str = "",
    awarded_value: Decimal | None = None,
    extension_options: int = 0,
    extension_months: int | None = None,
) -> Contract:
    """A contract of the organisation, as a lot of one of its tenders or without a
    tender; its supplier must be the organisation's too."""
    contract = Contract(
        organisation=organisation,
        tender=tender,
        supplier=supplier,
        awarded_value=awarded_value,
        awarded_on=awarded_on,
        starts_on=starts_on,
        ends_on=ends_on,
        extension_options=extension_options,
        extension_months=extension_months,
        **_strip({"reference": reference, "title": title, "lot": lot}),
    )
    _check_contract(contract)
    contract.save()
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, expected_version: int, **changes: Any) -> Contract:
    """Change a contract's fields; a stale version raises StaleContractError and
    nothing is saved."""
    _check_fields(changes, CONTRACT_FIELDS, "contract")
    for name, value in _strip(changes).items():
        setattr(contract, name, value)
    _check_contract(contract)
    locked_update(
        contract,
        expected_version=expected_version,
        values=field_values(contract, changes),
        stale=StaleContractError,
    )
    return contract
