"""Contract and supplier pages: lists, detail, create and edit. Thin: the rules are in
services.contracts, the reads in selectors.contracts."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.organisations.access import organisation_view
from mvimonitor.procurement.forms.contracts import (
    NEW_SUPPLIER_FIELDS,
    ContractFilterForm,
    ContractForm,
    SupplierForm,
    SupplierSearchForm,
    organisation_tenders,
)
from mvimonitor.procurement.models import Contract, Supplier
from mvimonitor.procurement.selectors import contracts as selectors
from mvimonitor.procurement.services import contracts as services
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, may_edit_all

PAGE_SIZE = 50


def _contract(request: OrganisationRequest, pk: int) -> Contract:
    contract = selectors.contract_get(organisation=request.organisation, pk=pk)
    if contract is None:
        raise Http404
    return contract


def _supplier(request: OrganisationRequest, pk: int) -> Supplier:
    supplier = selectors.supplier_get(organisation=request.organisation, pk=pk)
    if supplier is None:
        raise Http404
    return supplier


# Contracts


@require_GET
@organisation_view(requires="read")
def contract_list(request: OrganisationRequest) -> HttpResponse:
    form = ContractFilterForm(request.GET or None, organisation=request.organisation)
    contracts = selectors.contract_list(organisation=request.organisation, **form.filters())
    page = Paginator(contracts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page": page,
        "query": request.GET,
        "query_string": request.GET.urlencode(),
        "may_edit": may_edit_all(request),
    }
    return render(request, "procurement/contract_list.html", context)


@require_GET
@organisation_view(requires="read")
def contract_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    context = {"contract": contract, "may_edit": may_edit_all(request)}
    return render(request, "procurement/contract_detail.html", context)


def _new_supplier(request: OrganisationRequest, form: ContractForm) -> Supplier | None:
    fields = form.new_supplier()
    if fields is None:
        return None
    try:
        return services.supplier_create(organisation=request.organisation, **fields)
    except ValidationError as error:
        # The supplier's fields are the "new supplier" fields of this form.
        raise ValidationError(
            {
                NEW_SUPPLIER_FIELDS.get(name, name): messages
                for name, messages in error.message_dict.items()
            }
        ) from error


def _save_contract(request: OrganisationRequest, form: ContractForm) -> Contract:
    """Create the new supplier if one was given, then create or change the contract:
    both or neither."""
    changes = form.changes()
    with transaction.atomic():
        supplier = _new_supplier(request, form)
        if supplier is not None:
            changes["supplier"] = supplier
        if form.contract is None:
            return services.contract_create(organisation=request.organisation, **changes)
        if changes:
            services.contract_update(
                contract=form.contract,
                expected_version=form.cleaned_data["version"] or 0,
                **changes,
            )
        return form.contract


def _contract_form_page(
    request: OrganisationRequest, form: ContractForm, contract: Contract | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_contract(request, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contract has been saved."))
            return redirect("procurement:contract_detail", request.organisation.slug, saved.pk)
    if contract is not None:
        contract = _contract(request, contract.pk)  # a failed save may have changed it
    return render(request, "procurement/contract_form.html", {"form": form, "contract": contract})


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def contract_create(request: OrganisationRequest) -> HttpResponse:
    """A new contract; `?tender=ID` preselects the tender it is a lot of ("award a
    contract" on a tender's page)."""
    initial: dict[str, Any] = {}
    tender_id = request.GET.get("tender", "")
    if tender_id.isdigit():
        tender = organisation_tenders(request.organisation).filter(pk=int(tender_id)).first()
        if tender is not None:
            initial = {"tender": tender, "title": tender.title}
    form = ContractForm(request.POST or None, organisation=request.organisation, initial=initial)
    return _contract_form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def contract_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    contract = _contract(request, pk)
    form = ContractForm(request.POST or None, organisation=request.organisation, contract=contract)
    return _contract_form_page(request, form, contract)


# Suppliers


@require_GET
@organisation_view(requires="read")
def supplier_list(request: OrganisationRequest) -> HttpResponse:
    form = SupplierSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    suppliers = selectors.suppliers_matching(organisation=request.organisation, text=text)
    page = Paginator(suppliers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "search_form": form,
        "page": page,
        "query": request.GET,
        "may_edit": may_edit_all(request),
    }
    return render(request, "procurement/supplier_list.html", context)


@require_GET
@organisation_view(requires="read")
def supplier_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    contracts = selectors.contract_list(organisation=request.organisation, supplier=supplier)
    context = {"supplier": supplier, "contracts": contracts, "may_edit": may_edit_all(request)}
    return render(request, "procurement/supplier_detail.html", context)


def _supplier_form_page(
    request: OrganisationRequest, form: SupplierForm, supplier: Supplier | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            if supplier is None:
                supplier = services.supplier_create(
                    organisation=request.organisation, **form.changes()
                )
            elif changes := form.changes():
                services.supplier_update(
                    supplier=supplier,
                    expected_version=form.cleaned_data["version"] or 0,
                    **changes,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The supplier has been saved."))
            return redirect("procurement:supplier_detail", request.organisation.slug, supplier.pk)
        if supplier is not None and supplier.pk:
            supplier = _supplier(request, supplier.pk)
    return render(request, "procurement/supplier_form.html", {"form": form, "supplier": supplier})


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def supplier_create(request: OrganisationRequest) -> HttpResponse:
    return _supplier_form_page(request, SupplierForm(request.POST or None), None)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def supplier_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    supplier = _supplier(request, pk)
    form = SupplierForm(request.POST or None, supplier=supplier)
    return _supplier_form_page(request, form, supplier)
