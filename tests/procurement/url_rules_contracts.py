"""Access rules of the contract and supplier pages and of the tender and contract
import/export, for tests/test_url_access.py."""

from tests.procurement.factories import ContractFactory
from tests.test_url_access import Rule, org


def _contract(o) -> dict:
    return {**org(o), "pk": o.extra["contract_id"]}


def _foreign_contract(o) -> dict:
    return {**org(o), "pk": o.extra["other_contract_id"]}


def _supplier(o) -> dict:
    return {**org(o), "pk": o.extra["supplier_id"]}


def _foreign_supplier(o) -> dict:
    return {**org(o), "pk": o.extra["other_supplier_id"]}


RULES: dict[str, Rule] = {
    "procurement:contract_list": Rule("read", org),
    "procurement:contract_create": Rule("edit", org),
    "procurement:contract_detail": Rule("read", _contract, _foreign_contract),
    "procurement:contract_edit": Rule("edit", _contract, _foreign_contract),
    "procurement:supplier_list": Rule("read", org),
    "procurement:supplier_create": Rule("edit", org),
    "procurement:supplier_detail": Rule("read", _supplier, _foreign_supplier),
    "procurement:supplier_edit": Rule("edit", _supplier, _foreign_supplier),
    "procurement:tender_export": Rule("read", lambda o: {**org(o), "fmt": "xlsx"}),
    "procurement:tender_import": Rule("edit", org),
    "procurement:contract_export": Rule("read", lambda o: {**org(o), "fmt": "ods"}),
    "procurement:contract_import": Rule("edit", org),
}


def objects(world) -> dict:
    mine = ContractFactory(organisation=world.helmond, tender=None)
    theirs = ContractFactory(organisation=world.other, tender=None)
    return {
        "contract_id": mine.pk,
        "other_contract_id": theirs.pk,
        "supplier_id": mine.supplier_id,
        "other_supplier_id": theirs.supplier_id,
    }
