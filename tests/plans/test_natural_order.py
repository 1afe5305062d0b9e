"""Natural order in the database: codes 2.1, 2.2, 2.10, 2.11 (not 2.1, 2.10, 2.11, 2.2) on
the action list, in the report in every format and in the export; tender and contract
references A3 before A12; the stored keys kept by every kind of write and filled by the
data migration (docs/adr/0031-natural-order.md)."""

import importlib
import io
import json
import re
from datetime import date

import docx
import pypdf
import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.urls import reverse
from openpyxl import load_workbook

from mvimonitor.audit.base import audited
from mvimonitor.exchange.services import plan_export_xlsx
from mvimonitor.kernel.natural import natural_sort_key
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans import services
from mvimonitor.plans.models import Action
from mvimonitor.procurement.exchange.services import contracts_export, tenders_export
from mvimonitor.procurement.models import Contract, Tender
from mvimonitor.procurement.services import contracts as contract_services
from mvimonitor.procurement.services import tenders as tender_services
from tests.conftest import sort_keys_out_of_date
from tests.factories import ActionFactory
from tests.procurement.factories import ContractFactory, TenderFactory

NATURAL = ["2.1", "2.2", "2.10", "2.11"]
AS_TEXT = sorted(NATURAL)  # what the database gave before: 2.1, 2.10, 2.11, 2.2
CODE = re.compile(r"(?<![\w.])2\.(?:1|2|10|11)(?![\w.])")
MONITOR_DAY = date(2017, 9, 20)


@pytest.fixture
def numbered(world):
    """The four actions, made in text order, due in the report's next two months."""
    period = world.owned_action.period
    return [
        ActionFactory(period=period, code=code, title=f"Actie {code}", due_date=date(2017, 10, 15))
        for code in AS_TEXT
    ]


def codes_in(text: str) -> list[str]:
    """The four codes in the order they first appear in `text`."""
    found: list[str] = []
    for code in CODE.findall(text):
        if code not in found:
            found.append(code)
    return found


def test_the_text_order_is_wrong_and_the_key_order_right(world, numbered):
    plan_codes = Action.objects.filter(plan=world.plan, code__startswith="2.")

    assert list(plan_codes.order_by("code").values_list("code", flat=True)) == AS_TEXT
    assert list(plan_codes.values_list("code", flat=True)) == NATURAL  # Meta.ordering


def test_the_action_list_shows_the_codes_in_natural_order_and_sorts_on_them(world, login, numbered):
    client = login(world.viewer)
    url = reverse("plans:action_list", kwargs={"org_slug": "helmond", "plan_slug": "helmond-mvi"})

    def listed(**query) -> list[str]:
        page = client.get(url, {"q": "Actie 2.", **query}).context["page"]
        return [action.code for action in page.object_list]

    assert listed() == NATURAL
    assert listed(sort="code") == NATURAL
    assert listed(sort="-code") == NATURAL[::-1]
    assert listed(sort="due_date") == NATURAL  # equal due dates: by code


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx", "docx", "pdf"])
def test_the_report_lists_the_codes_in_natural_order_in_every_format(world, numbered, fmt):
    report = report_for_date(plan=world.plan, on=MONITOR_DAY)
    content = report_file(report=report, fmt=fmt, organisation=world.helmond)

    assert [item.code for item in report.planned if item.code in NATURAL] == NATURAL
    assert codes_in(_text(content, fmt)) == NATURAL


def _text(content: bytes, fmt: str) -> str:
    if fmt == "json":
        return " ".join(item["code"] for item in json.loads(content)["planned"])
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(content))
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if fmt == "docx":
        document = docx.Document(io.BytesIO(content))
        parts = []
        for block in document.iter_inner_content():
            rows = getattr(block, "rows", None)
            if rows is None:
                parts.append(block.text)
            else:
                parts += [cell.text for row in rows for cell in row.cells]
        return " ".join(parts)
    if fmt == "pdf":
        return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    return content.decode()


def test_the_export_read_back_lists_the_codes_in_natural_order(world, numbered):
    sheet = load_workbook(io.BytesIO(plan_export_xlsx(plan=world.plan))).worksheets[0]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert [code for code in exported if code in NATURAL] == NATURAL


# -- tenders and contracts ------------------------------------------------------------------

REFERENCES = ["A12", "A3", "a20", "B1"]  # as text: A12, A3, B1, a20 (or A12, A3, a20, B1)
IN_ORDER = ["A3", "A12", "a20", "B1"]


@pytest.fixture
def tenders(world):
    """Tenders of one planned start, so that only their reference orders them."""
    return [
        TenderFactory(organisation=world.helmond, reference=r, title=f"Aanbesteding {r}")
        for r in REFERENCES
    ]


def test_the_tender_register_and_pipeline_list_references_in_natural_order(world, login, tenders):
    client = login(world.viewer)
    kwargs = {"org_slug": "helmond"}
    register = client.get(reverse("procurement:tender_list", kwargs=kwargs))
    pipeline = client.get(reverse("procurement:pipeline", kwargs=kwargs)).content.decode()

    assert [t.reference for t in register.context["page"].object_list] == IN_ORDER
    assert [pipeline.index(f"Aanbesteding {r}") for r in IN_ORDER] == sorted(
        pipeline.index(f"Aanbesteding {r}") for r in IN_ORDER
    )


def test_the_contract_list_and_exports_list_references_in_natural_order(world, login, tenders):
    for reference in REFERENCES:
        ContractFactory(tender=tenders[0], reference=f"K-{reference}", awarded_on=date(2017, 6, 1))
    response = login(world.viewer).get(
        reverse("procurement:contract_list", kwargs={"org_slug": "helmond"})
    )
    contract_refs = [f"K-{r}" for r in IN_ORDER]

    assert [c.reference for c in response.context["page"].object_list] == contract_refs
    assert _first_column(tenders_export(organisation=world.helmond)) == IN_ORDER
    assert _first_column(contracts_export(organisation=world.helmond)) == contract_refs


def _first_column(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


# -- every collation sorts the keys alike ---------------------------------------------------

TRICKY = [*NATURAL, "2.10.1", "02.1", "A3", "a12", "Émission", "emission", "Z", "z-1", "ß", "1"]


def _collations() -> list[str | None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT collname FROM pg_collation WHERE collname = ANY(%s)",
                [["C", "POSIX", "C.utf8", "en_US.utf8", "nl_NL.utf8", "und-x-icu", "nl-NL-x-icu"]],
            )
            return [None, *(row[0] for row in cursor.fetchall())]
    return [None, "BINARY", "NOCASE", "RTRIM"]


def test_every_collation_of_the_database_sorts_the_keys_as_python_does(world):
    period = world.owned_action.period
    for code in TRICKY:
        ActionFactory(period=period, code=code)
    expected = sorted([*TRICKY, "A1", "A2"], key=natural_sort_key)
    actions = Action.objects.filter(plan=world.plan)

    column = f"{connection.ops.quote_name(Action._meta.db_table)}.code_sort_key"
    for collation in _collations():
        key = F("code_sort_key")
        if collation is not None:  # RawSQL: Django's Collate refuses "C.utf8" and "en_US.utf8"
            collate = f"{column} COLLATE {connection.ops.quote_name(collation)}"
            key = RawSQL(collate, [])  # noqa: S611  # names of the model and the database
        assert list(actions.order_by(key).values_list("code", flat=True)) == expected, collation


# -- the keys are kept by every kind of write -----------------------------------------------


def _stored_key(model, pk) -> str:
    field = "code_sort_key" if model is Action else "reference_sort_key"
    return model._base_manager.values_list(field, flat=True).get(pk=pk)


def test_editing_a_code_or_reference_keeps_its_key_in_the_database_and_in_memory(world):
    action = world.unowned_action
    services.action_update(action=action, expected_version=action.version, by=None, code="2.10")
    tender = TenderFactory(organisation=world.helmond, reference="A3")
    tender_services.tender_update(tender=tender, by=None, version=tender.version, reference="A12")
    contract = ContractFactory(tender=tender, reference="K3")
    contract_services.contract_update(
        contract=contract, expected_version=contract.version, reference="K12"
    )

    assert action.code_sort_key == _stored_key(Action, action.pk) == natural_sort_key("2.10")
    assert tender.reference_sort_key == _stored_key(Tender, tender.pk) == natural_sort_key("A12")
    assert (
        contract.reference_sort_key == _stored_key(Contract, contract.pk) == natural_sort_key("K12")
    )


def test_the_bulk_writes_keep_the_key(world):
    first, second = world.owned_action, world.unowned_action
    audited(Action).filter(pk=first.pk).update(code="3.10")
    second.code = "3.9"
    Action.objects.bulk_update([second], ["code"])
    first.code, second.code = "4.10", "4.9"
    audited(Action).update_many([first, second], ["code"])

    assert _stored_key(Action, first.pk) == natural_sort_key("4.10")
    assert _stored_key(Action, second.pk) == natural_sort_key("4.9")
    assert not sort_keys_out_of_date()


def test_a_code_written_as_an_expression_is_refused_rather_than_left_without_its_key(
    world,
):
    with pytest.raises(TypeError, match="must be written as text"):
        Action.objects.filter(pk=world.owned_action.pk).update(code=F("title"))


def test_the_check_after_every_test_finds_a_key_left_behind(world):
    Action._base_manager.filter(pk=world.owned_action.pk).update(code="9.99")  # unaudited

    assert sort_keys_out_of_date() == [
        f"Action {world.owned_action.pk}: '9.99' has the key {natural_sort_key('A1')!r}"
    ]
    Action._base_manager.filter(pk=world.owned_action.pk).update(
        code_sort_key=natural_sort_key("9.99")
    )


# -- the data migration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "models"),
    [
        ("mvimonitor.plans.migrations.0009_action_code_sort_key", [Action]),
        ("mvimonitor.procurement.migrations.0006_reference_sort_keys", [Tender, Contract]),
    ],
)
def test_the_migration_fills_the_key_of_every_existing_row(world, tenders, module, models):
    ContractFactory(tender=tenders[0], reference="K-7")
    for model in models:  # rows as the migration finds them: the column added, empty
        field = "code_sort_key" if model is Action else "reference_sort_key"
        model._base_manager.update(**{field: ""})
    assert sort_keys_out_of_date()

    importlib.import_module(module).fill_keys(django_apps, None)

    assert not sort_keys_out_of_date()
