from datetime import date

from mvimonitor.procurement.phases import Phase
from tests.procurement.factories import AppliedThemeFactory, ContractFactory, TenderFactory


def test_the_factories_make_a_tender_with_history_a_theme_and_a_contract(world):
    tender = TenderFactory(organisation=world.helmond, registered_on=date(2017, 5, 1))
    assert list(tender.phase_changes.values_list("to_phase", "effective_on")) == [
        (Phase.PREPARATION, date(2017, 5, 1))
    ]
    AppliedThemeFactory(tender=tender)
    contract = ContractFactory(tender=tender)
    assert contract.organisation == world.helmond
    assert contract.supplier.organisation == world.helmond
