"""Helmond's demo tender register (demo.data.tenders): the seed's tenders linked to the
seed's actions, contracts for the awarded ones, the targets, and exactly the section
"Tenders and targets" of the monitor of 20 September 2017, live and frozen."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from mvimonitor.demo.data.tenders import SELECT_FIVE, STOP_AND_GO, STRATEGY, TENDERS
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from mvimonitor.plans.models import ActionPlan
from mvimonitor.procurement.cpv import cpv_normalise_list
from mvimonitor.procurement.kvk import kvk_normalise
from mvimonitor.procurement.models import Contract, Supplier, Tender, TenderPhaseChange
from mvimonitor.targets.models import Target
from mvimonitor.targets.report_data import tenders_planned
from mvimonitor.targets.selectors import target_values_on

MONITOR = date(2017, 9, 20)
FIVE = "Minimaal vijf aanbestedingen met MVI-impact geselecteerd in Q4 2017 die starten in 2018"
SHARE = "Driekwart van de aanbestedingen die in 2018 starten heeft MVI-impact"


def helmond_plan() -> ActionPlan:
    return ActionPlan.objects.select_related("organisation").get(
        organisation__slug="helmond", slug="helmond-mvi"
    )


def tender_titled(start: str) -> Tender:
    return Tender.objects.get(organisation__slug="helmond", title__startswith=start)


def live() -> Report:
    return report_for_date(plan=helmond_plan(), on=MONITOR)


def frozen() -> Report:
    monitor = helmond_plan().monitors.get(date=MONITOR)
    return Report.from_storage(current_edition(monitor=monitor).report)


pytestmark = pytest.mark.usefixtures("demo")


def test_the_seeds_tenders_serve_the_seeds_actions():
    for start in ("Groenonderhoud", "Facilitaire", "Zwemvoorziening", "WMO Hulpmiddelen"):
        assert STRATEGY in set(tender_titled(start).actions.values_list("title", flat=True))
    stop_and_go = tender_titled("Stop and Go")
    assert list(stop_and_go.actions.values_list("title", flat=True)) == [STOP_AND_GO]
    selected = Tender.objects.filter(actions__title=SELECT_FIVE)
    assert selected.count() == 6
    assert all(t.applied_themes.exists() for t in selected)
    assert {t.planned_start_on.year for t in selected} == {2018}


def test_stop_and_go_was_awarded_in_the_summer_of_2017_and_signed_on_4_october():
    stop_and_go = tender_titled("Stop and Go")
    (contract,) = stop_and_go.contracts.all()
    history = list(stop_and_go.phase_changes.values_list("to_phase", "effective_on"))

    assert contract.awarded_on == date(2017, 9, 14)
    assert contract.supplier.kvk_number == "17284539"
    assert history[-2:] == [("award", date(2017, 7, 17)), ("contract", date(2017, 10, 4))]
    assert stop_and_go.applied_themes.get(theme__code="innovatie").as_award


def test_every_tender_has_valid_cpv_codes_a_value_a_procedure_and_a_2017_history():
    tenders = Tender.objects.filter(organisation__slug="helmond")

    assert tenders.count() == len(TENDERS) == 12
    for tender in tenders:
        assert cpv_normalise_list(tender.cpv_codes) == tender.cpv_codes
        assert tender.estimated_value and tender.procedure and tender.department
        assert tender.registered_on.year == 2017
    changes = TenderPhaseChange.objects.filter(tender__organisation__slug="helmond")
    assert {c.effective_on.year for c in changes} == {2017}
    assert tenders.filter(applied_themes__isnull=True).count() == 3  # some without MVI


def test_the_awarded_tenders_have_contracts_with_suppliers_with_kvk_numbers():
    contracts = Contract.objects.filter(organisation__slug="helmond")

    assert contracts.count() == 5
    assert all(c.tender is not None and c.tender.contracts.exists() for c in contracts)
    for supplier in Supplier.objects.filter(organisation__slug="helmond"):
        assert kvk_normalise(supplier.kvk_number) == supplier.kvk_number
        assert len(supplier.kvk_number) == 8


def test_the_five_tenders_target_is_on_track_in_september_and_met_at_its_deadline():
    plan = helmond_plan()
    september = {t.title: t for t in target_values_on(plan=plan, on=MONITOR)}
    deadline = {t.title: t for t in target_values_on(plan=plan, on=date(2017, 12, 31))}

    assert (september[FIVE].value, september[FIVE].state) == (3, "on_track")
    assert (deadline[FIVE].value, deadline[FIVE].state) == (6, "met")
    assert (september[SHARE].value, september[SHARE].state) == (Decimal("60.0"), "on_track")
    assert (deadline[SHARE].value, deadline[SHARE].state) == (Decimal("75.0"), "met")
    five = Target.objects.get(plan=plan, title=FIVE)
    assert (five.starts_on, five.deadline, five.start_year, five.kpi_kind) == (
        date(2017, 10, 1),
        date(2017, 12, 31),
        2018,
        "mvi_count",
    )


@pytest.mark.parametrize("source", [live, frozen], ids=["live", "frozen"])
def test_the_report_of_20_september_2017_has_the_tenders_section(source):
    report = source()
    section = report.section("tenders_targets")

    assert (section.tender_count, section.tenders_with_mvi) == (8, 6)
    changed = section.tenders_changed
    assert [(t.reference, t.phase_before, t.phase, t.phase_changed_on) for t in changed] == [
        ("HLM-2017-001", "publication", "award", date(2017, 7, 17)),
        ("HLM-2017-002", "publication", "award", date(2017, 8, 14)),
        ("HLM-2017-012", "publication", "withdrawn", date(2017, 8, 28)),
    ]
    assert [
        t.reference for t in tenders_planned(section, report.monitor_date, report.window_end)
    ] == [
        "HLM-2017-003",
        "HLM-2017-001",
        "HLM-2017-005",
        "HLM-2017-007",
    ]
    assert [(c.reference, c.supplier, c.awarded_value) for c in section.contracts] == [
        ("HLM-C-2017-012", "Van Lieshout Accountants", Decimal("396000.00")),
        ("HLM-C-2017-014", "Zorg & Techniek Peelland B.V.", Decimal("428500.00")),
    ]
    assert {t.title: (t.value, t.state) for t in section.targets} == {
        FIVE: (Decimal(3), "on_track"),
        SHARE: (Decimal("60.0"), "on_track"),
    }
    shares = {s.theme_code: (s.with_mvi, s.total) for s in section.mvi_share}
    assert shares["circulair"] == (5, 8) and shares["social-return"] == (4, 8)


def test_the_frozen_section_is_the_live_one():
    assert frozen().section("tenders_targets") == live().section("tenders_targets")


def test_the_report_command_prints_tenders_and_targets_as_json():
    out = io.StringIO()
    call_command(
        "report", "--plan", "helmond-mvi", "--monitor", "2017-09-20", "--format", "json", stdout=out
    )
    document = json.loads(out.getvalue())
    assert [t["reference"] for t in document["tenders"]] == [
        "HLM-2017-001",
        "HLM-2017-002",
        "HLM-2017-003",
        "HLM-2017-005",
        "HLM-2017-007",
        "HLM-2017-012",
    ]
    five = next(t for t in document["targets"] if t["title"] == FIVE)
    assert (five["target"], five["value"], five["state"], five["deadline"]) == (
        5,
        3,
        "on_track",
        "2017-12-31",
    )


def test_loading_again_adds_no_tender_contract_or_target():
    def state():
        return [m.objects.count() for m in (Tender, TenderPhaseChange, Contract, Supplier, Target)]

    before = state()
    with override_settings(DEMO_MODE=True):
        call_command("load_demo", stdout=io.StringIO())

    assert state() == before
