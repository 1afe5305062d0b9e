"""Reads of contracts and suppliers. Every function returns a queryset with its joins
made, so a page or report reads them in a fixed number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from mvimonitor.procurement.models import Contract, Supplier, Tender

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation


def _contracts(organisation: Organisation) -> QuerySet[Contract]:
    return Contract.objects.filter(organisation=organisation).select_related("supplier", "tender")


def contract_list(
    *,
    organisation: Organisation,
    supplier: Supplier | None = None,
    tender: Tender | None = None,
    running_on: date | None = None,
) -> QuerySet[Contract]:
    """The organisation's contracts, newest award first; optionally only those of one
    supplier or tender, or those running on a date (started on or before it and ending
    on or after it; options to extend that have not been used do not count)."""
    contracts = _contracts(organisation)
    if supplier is not None:
        contracts = contracts.filter(supplier=supplier)
    if tender is not None:
        contracts = contracts.filter(tender=tender)
    if running_on is not None:
        contracts = contracts.filter(starts_on__lte=running_on, ends_on__gte=running_on)
    return contracts.order_by("-awarded_on", "reference_sort_key")


def contract_get(*, organisation: Organisation, pk: int) -> Contract | None:
    return _contracts(organisation).filter(pk=pk).first()


def contracts_awarded_between(
    *, organisation: Organisation, after: date, until: date
) -> QuerySet[Contract]:
    """Contracts awarded after `after` up to and including `until` (a monitor's "since
    the previous monitor"), in the order they were awarded."""
    return (
        _contracts(organisation)
        .filter(awarded_on__gt=after, awarded_on__lte=until)
        .order_by("awarded_on", "reference_sort_key")
    )


def tender_contracts(*, tender: Tender) -> QuerySet[Contract]:
    """The contracts (lots) a tender led to."""
    return (
        Contract.objects.filter(tender=tender)
        .select_related("supplier")
        .order_by("lot", "reference_sort_key")
    )


def supplier_list(*, organisation: Organisation) -> QuerySet[Supplier]:
    """The organisation's suppliers by name, each annotated with `contract_count` and
    `total_value` (the sum of the awarded values known; 0 when none is)."""
    return (
        Supplier.objects.filter(organisation=organisation)
        .annotate(
            contract_count=Count("contracts"),
            total_value=Coalesce(
                Sum("contracts__awarded_value"),
                Value(Decimal("0.00")),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            ),
        )
        .order_by("name", "pk")
    )


def supplier_get(*, organisation: Organisation, pk: int) -> Supplier | None:
    return supplier_list(organisation=organisation).filter(pk=pk).first()


def suppliers_matching(*, organisation: Organisation, text: str) -> QuerySet[Supplier]:
    """Suppliers whose name, KvK number or city contains `text`."""
    found = supplier_list(organisation=organisation)
    if text.strip():
        words = text.strip()
        found = found.filter(
            Q(name__icontains=words) | Q(kvk_number__contains=words) | Q(city__icontains=words)
        )
    return found


def contract_with_reference(*, organisation: Organisation, reference: str) -> Contract | None:
    """The organisation's contract with this reference, or None."""
    return _contracts(organisation).filter(reference=reference).first()


def supplier_with_kvk_number(*, organisation: Organisation, kvk_number: str) -> Supplier | None:
    """The organisation's supplier with this KvK number (its 8 digits, as stored), or
    None; None too for an empty number, which any number of suppliers may have."""
    if not kvk_number:
        return None
    return Supplier.objects.filter(organisation=organisation, kvk_number=kvk_number).first()
