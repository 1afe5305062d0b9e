"""Factories of the tender register. Tenders go through services.tender_create, so
every tender has its first phase history row, as in the product.

    tender = TenderFactory(organisation=world.helmond, registered_on=date(2017, 5, 1))
    AppliedThemeFactory(tender=tender, theme=Theme.objects.get(code="klimaat"))
    ContractFactory(tender=tender)   # supplier and organisation follow the tender
"""

from datetime import date
from decimal import Decimal

import factory

from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import AppliedTheme, Contract, Supplier, Tender
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.services import tenders as services
from tests.factories import OrganisationFactory


class TenderFactory(factory.Factory):
    class Meta:
        model = Tender

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"AB-2017-{n:03d}")
    title = factory.Faker("sentence", nb_words=5, locale="nl_NL")
    phase = Phase.PREPARATION
    registered_on = date(2017, 4, 1)
    estimated_value = Decimal("250000.00")
    procedure = Tender.Procedure.EU_OPEN
    planned_publication_on = date(2017, 10, 1)
    planned_start_on = date(2018, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.tender_create(by=kwargs.pop("by", None), **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("by", None)
        return model_class(*args, **kwargs)


class AppliedThemeFactory(factory.django.DjangoModelFactory):
    """A national theme ("klimaat" unless given) applied as an award criterion."""

    class Meta:
        model = AppliedTheme

    tender = factory.SubFactory(TenderFactory)
    theme = factory.LazyFunction(lambda: Theme.objects.get(organisation=None, code="klimaat"))
    as_award = True
    ambition_level = AppliedTheme.Ambition.SIGNIFICANT


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("company", locale="nl_NL")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    city = "Helmond"


class ContractFactory(factory.django.DjangoModelFactory):
    """A contract of a tender (organisation and supplier follow the tender's
    organisation), or without one: ContractFactory(tender=None, organisation=org)."""

    class Meta:
        model = Contract

    tender = factory.SubFactory(TenderFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.tender.organisation if o.tender else OrganisationFactory()
    )
    supplier = factory.SubFactory(
        SupplierFactory, organisation=factory.SelfAttribute("..organisation")
    )
    reference = factory.Sequence(lambda n: f"OV-2017-{n:03d}")
    title = factory.Faker("sentence", nb_words=5, locale="nl_NL")
    awarded_value = Decimal("200000.00")
    awarded_on = date(2017, 7, 1)
    starts_on = date(2017, 9, 1)
    ends_on = date(2019, 8, 31)
