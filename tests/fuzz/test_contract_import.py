"""The contract import (procurement.exchange.services.contracts_import) given any
workbook: problems or a result, never an exception, and all rows saved or none
(tests/fuzz/properties.py)."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.audit.context import acting_as
from mvimonitor.procurement.exchange.columns import (
    CONTRACT_COLUMNS,
    CONTRACT_REQUIRED,
    ContractField,
)
from mvimonitor.procurement.exchange.services import contracts_import
from mvimonitor.procurement.models import Contract, Supplier, Tender
from tests.fuzz.cells import short_texts, spelled
from tests.fuzz.conftest import FUZZ, MAX_ROWS
from tests.fuzz.properties import assert_all_or_nothing
from tests.fuzz.sheets import ColumnModel, column_models, sometimes, workbooks
from tests.fuzz.vocabulary import AMOUNTS, TITLES, days

pytestmark = pytest.mark.usefixtures("frozen_today", "register")

C = ContractField
NEW_REFERENCES = st.integers(1, 9999).map("OV-NEW-{}".format)
NEW_SUPPLIERS = ["Groen BV", "groen bv", "Nieuw & Zonen", "Zorgtech"]
#: KvK numbers: eight digits, as text or as a number cell (which loses leading zeros).
NEW_KVK = st.integers(1, 99_999_999).flatmap(
    lambda n: st.sampled_from([f"{n:08d}", n, f"{n:08d}"[:4] + " " + f"{n:08d}"[4:]])
)


def contract_columns(world) -> list[ColumnModel]:
    organisation = world.helmond
    references = list(
        Contract.objects.filter(organisation=organisation).values_list("reference", flat=True)
    )
    tenders = list(
        Tender.objects.filter(organisation=organisation).values_list("reference", flat=True)
    )
    suppliers = Supplier.objects.filter(organisation=organisation)
    names = [s.name for s in suppliers] + NEW_SUPPLIERS
    kvks = [s.kvk_number for s in suppliers if s.kvk_number]
    values = {
        C.REFERENCE: st.one_of(st.sampled_from(references), NEW_REFERENCES),
        C.TENDER: sometimes(st.one_of(spelled(tenders), st.just("AB-9999-999"))),
        C.LOT: sometimes(short_texts),
        C.TITLE: TITLES,
        C.SUPPLIER: st.one_of(st.sampled_from(names), spelled(names), short_texts),
        C.KVK: sometimes(st.one_of(st.sampled_from(kvks), NEW_KVK)),
        C.CITY: sometimes(st.one_of(st.sampled_from(["Helmond", "Eindhoven"]), short_texts)),
        C.AWARDED_VALUE: sometimes(AMOUNTS),
        C.AWARDED_ON: days(date(2016, 1, 1), date(2017, 9, 20)),
        C.STARTS_ON: days(date(2017, 1, 1), date(2017, 12, 31)),
        C.ENDS_ON: days(date(2017, 12, 1), date(2021, 12, 31)),
        C.EXTENSION_OPTIONS: sometimes(st.one_of(st.integers(0, 3), st.sampled_from(["2", "0"]))),
        C.EXTENSION_MONTHS: sometimes(st.one_of(st.integers(1, 24), st.sampled_from(["12", "6"]))),
    }
    return column_models(CONTRACT_COLUMNS, CONTRACT_REQUIRED, values, reference=C.REFERENCE)


@FUZZ
@given(data=st.data())
def test_the_contract_import_saves_every_row_of_any_workbook_or_none(world, data):
    drawn = data.draw(workbooks(contract_columns(world), max_rows=MAX_ROWS))

    def run(content: bytes, filename: str):
        with acting_as(world.coordinator, label="fuzz"):
            return contracts_import(
                organisation=world.helmond, data=content, filename=filename, by=world.coordinator
            )

    def find(reference: str) -> Contract | None:
        return Contract.objects.filter(organisation=world.helmond, reference=reference).first()

    with transaction.atomic():
        assert_all_or_nothing(run, drawn, reference=C.REFERENCE, title=C.TITLE, find=find)
        transaction.set_rollback(True)
