"""Forms for suppliers and contracts: thin, the rules are in services.contracts."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.texts import free_text
from mvimonitor.procurement.models import Contract, Supplier, Tender
from mvimonitor.procurement.selectors.contracts import supplier_list
from mvimonitor.web.forms import DateInput, model_field

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: What the contract form's fields are called in services.contracts.
CONTRACT_FIELDS = (
    "reference",
    "title",
    "tender",
    "lot",
    "supplier",
    "awarded_value",
    "awarded_on",
    "starts_on",
    "ends_on",
    "extension_options",
    "extension_months",
)
SUPPLIER_FIELDS = ("name", "kvk_number", "city")
#: Service field -> form field for a supplier created from the contract form.
NEW_SUPPLIER_FIELDS = {
    "name": "new_supplier_name",
    "kvk_number": "new_supplier_kvk",
    "city": "new_supplier_city",
}


def organisation_tenders(organisation: Organisation) -> QuerySet[Tender]:
    return Tender.objects.filter(organisation=organisation).order_by("reference_sort_key")


class TenderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} {obj.title}"


def _changes(form: forms.Form, names: tuple[str, ...], record: Any) -> dict[str, Any]:
    """The cleaned values that differ from the record (all of them for a new one)."""
    data = form.cleaned_data
    if record is None:
        return {name: data[name] for name in names}
    return {name: data[name] for name in names if getattr(record, name) != data[name]}


class SupplierForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = free_text(Supplier, "name", label=_("Name"))
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=20,
        required=False,
        help_text=_("8 digits; leave empty for a supplier abroad."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    city = free_text(Supplier, "city", label=_("City"), required=False)

    def __init__(self, *args: Any, supplier: Supplier | None = None, **kwargs: Any) -> None:
        if supplier is not None:
            kwargs.setdefault(
                "initial",
                {"version": supplier.version, **{n: getattr(supplier, n) for n in SUPPLIER_FIELDS}},
            )
        super().__init__(*args, **kwargs)
        self.supplier = supplier

    def changes(self) -> dict[str, Any]:
        return _changes(self, SUPPLIER_FIELDS, self.supplier)


class ContractForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reference = free_text(Contract, "reference", label=_("Reference"))
    title = free_text(Contract, "title", label=_("Title"))
    tender = TenderChoiceField(
        label=_("Tender"),
        queryset=Tender.objects.none(),
        required=False,
        empty_label=_("No tender (below the thresholds)"),
    )
    lot = free_text(
        Contract, "lot", label=_("Lot"), required=False, help_text=_("For example “Perceel 2”.")
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"),
        queryset=Supplier.objects.none(),
        required=False,
        empty_label=_("A new supplier (fill in below)"),
    )
    new_supplier_name = free_text(
        Supplier, "name", label=_("Name of the new supplier"), required=False
    )
    new_supplier_kvk = forms.CharField(
        label=_("KvK number of the new supplier"),
        max_length=20,
        required=False,
        help_text=_("8 digits; leave empty for a supplier abroad."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    new_supplier_city = free_text(
        Supplier, "city", label=_("City of the new supplier"), required=False
    )
    awarded_value = forms.DecimalField(
        label=_("Awarded value (EUR, excl. VAT)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DateInput)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    extension_options = forms.IntegerField(
        label=_("Options to extend"),
        min_value=0,
        max_value=99,
        initial=0,
        help_text=_("How many times the contract may be extended."),
    )
    extension_months = forms.IntegerField(
        label=_("Months per extension"), min_value=1, max_value=999, required=False
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        contract: Contract | None = None,
        **kwargs: Any,
    ) -> None:
        if contract is not None:
            kwargs.setdefault(
                "initial",
                {"version": contract.version, **{n: getattr(contract, n) for n in CONTRACT_FIELDS}},
            )
        super().__init__(*args, **kwargs)
        self.contract = contract
        model_field(self, "tender").queryset = organisation_tenders(organisation)
        model_field(self, "supplier").queryset = supplier_list(organisation=organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("supplier") is None and not (data.get("new_supplier_name") or "").strip():
            self.add_error(
                "supplier", _("Choose the supplier, or fill in the name of a new supplier.")
            )
        return data

    def new_supplier(self) -> dict[str, str] | None:
        """The new supplier's fields when no existing one was chosen."""
        if self.cleaned_data.get("supplier") is not None:
            return None
        return {name: self.cleaned_data[field] for name, field in NEW_SUPPLIER_FIELDS.items()}

    def changes(self) -> dict[str, Any]:
        """The contract's fields to save; the supplier is left out while a new one is to
        be created."""
        changes = _changes(self, CONTRACT_FIELDS, self.contract)
        if self.cleaned_data.get("supplier") is None:
            changes.pop("supplier", None)
        return changes


class ContractFilterForm(forms.Form):
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=Supplier.objects.none(), required=False, empty_label=_("All")
    )
    tender = TenderChoiceField(
        label=_("Tender"), queryset=Tender.objects.none(), required=False, empty_label=_("All")
    )
    running_on = forms.DateField(
        label=_("Running on"),
        widget=DateInput,
        required=False,
        help_text=_("Only contracts that have started and not yet ended on this date."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "supplier").queryset = Supplier.objects.filter(
            organisation=organisation
        ).order_by("name")
        model_field(self, "tender").queryset = organisation_tenders(organisation)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for selectors.contracts.contract_list."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


class SupplierSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, KvK number or city."))
