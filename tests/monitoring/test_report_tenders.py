"""The report's section "Tenders and targets" (Aanbestedingen en doelen): what each list
holds at its boundaries (the previous monitor's date, the monitor date, the window's
end), what finalising freezes, editions frozen before the section existed, the JSON
format, every renderer, and a constant number of queries."""

import io
import json
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.html import report_html
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from mvimonitor.plans.models import ActionPlan
from mvimonitor.procurement.models import Tender
from mvimonitor.targets.report_data import TendersTargets, tenders_planned
from tests.factories import ActionPlanFactory
from tests.monitoring.docx_reading import (
    headings,
    opened,
    pictures,
    repeats_its_header_row,
    table_rows,
    texts,
)
from tests.monitoring.factories import MonitorFactory, frozen_monitor
from tests.monitoring.helpers import url
from tests.monitoring.pdf_layout import text_beyond_its_cell
from tests.monitoring.tender_samples import (
    change_phase,
    contract,
    five_tenders_target,
    share_target,
    tender,
)

PREVIOUS = date(2017, 7, 12)
D = date(2017, 9, 20)
WINDOW_END = date(2017, 11, 20)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def report(world, on: date = D) -> Report:
    return report_for_date(plan=world.plan, on=on)


def tenders_of(report: Report) -> TendersTargets:
    return report.section("tenders_targets")


def section_of(world, on: date = D) -> TendersTargets:
    return tenders_of(report(world, on))


def planned_of(report: Report) -> list:
    return tenders_planned(tenders_of(report), report.monitor_date, report.window_end)


def english_page(login, user) -> str:
    client = login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(url("detail", day=D)).content.decode()


def references(items) -> list[str]:
    return [item.reference for item in items]


@pytest.fixture
def previous(world) -> Monitor:
    return frozen_monitor(world.plan, PREVIOUS)


# -- tenders whose phase changed ----------------------------------------------------------


def test_a_phase_change_on_the_previous_monitors_date_is_not_reported_again(world, previous):
    tender(world.helmond, "T-ON-PREVIOUS", phases=((PREVIOUS, "publication"),))

    assert section_of(world).tenders_changed == []


def test_a_phase_change_on_the_monitor_date_is_reported_with_from_to_and_date(world, previous):
    tender(
        world.helmond,
        "T-ON-D",
        phases=((date(2017, 6, 1), "publication"), (D, "award")),
        themes=("klimaat",),
    )

    (item,) = section_of(world).tenders_changed
    assert (item.reference, item.phase_before, item.phase, item.phase_changed_on) == (
        "T-ON-D",
        "publication",
        "award",
        D,
    )
    assert item.themes_applied == ["klimaat"] and item.theme_names == ["Klimaat"]


def test_a_phase_change_after_the_monitor_date_is_not_in_its_report(world, previous):
    tender(world.helmond, "T-LATER", phases=((D + timedelta(days=1), "publication"),))

    assert section_of(world).tenders_changed == []


def test_a_tender_that_moved_and_moved_back_has_not_changed_phase(world, previous):
    tender(
        world.helmond,
        "T-BACK",
        phases=((date(2017, 8, 1), "publication"), (date(2017, 8, 15), "preparation")),
    )

    assert section_of(world).tenders_changed == []


def test_a_tender_registered_after_the_previous_monitor_is_new_in_the_register(world, previous):
    tender(world.helmond, "T-NEW", registered_on=date(2017, 8, 1))
    tender(world.helmond, "T-AFTER-D", registered_on=D + timedelta(days=1))

    (item,) = section_of(world).tenders_changed
    assert (item.reference, item.phase_before, item.phase, item.is_new) == (
        "T-NEW",
        None,
        "preparation",
        True,
    )
    assert item.phase_changed_on == date(2017, 8, 1)


def test_without_a_previous_monitor_changes_count_since_the_plans_adoption(world):
    tender(world.helmond, "T-MAY", phases=((date(2017, 5, 1), "publication"),))
    tender(world.helmond, "T-MARCH", registered_on=date(2017, 1, 2), phases=())

    assert references(section_of(world).tenders_changed) == ["T-MAY"]


def test_another_organisations_tenders_are_not_in_the_report(world, previous):
    tender(world.other, "T-OTHER", phases=((date(2017, 8, 1), "publication"),))

    section = section_of(world)
    assert section.tenders == [] and section.tender_count == 0


# -- tenders planned in the window ------------------------------------------------------


def test_tenders_planned_after_d_up_to_and_including_the_windows_end(world):
    tender(world.helmond, "P-ON-D", planned_publication_on=D)
    tender(world.helmond, "P-NEXT-DAY", planned_publication_on=D + timedelta(days=1))
    tender(world.helmond, "P-WINDOW-END", planned_start_on=WINDOW_END)
    tender(world.helmond, "P-TOO-LATE", planned_publication_on=WINDOW_END + timedelta(days=1))
    tender(
        world.helmond,
        "P-STARTS",
        planned_publication_on=date(2017, 8, 1),
        planned_start_on=date(2017, 10, 1),
    )

    planned = planned_of(report(world))

    assert references(planned) == ["P-NEXT-DAY", "P-STARTS", "P-WINDOW-END"]


def test_a_withdrawn_or_completed_tender_is_not_planned(world):
    in_window = {"planned_start_on": date(2017, 10, 1)}
    tender(world.helmond, "P-WITHDRAWN", phases=((date(2017, 9, 1), "withdrawn"),), **in_window)
    tender(world.helmond, "P-DONE", phases=((date(2017, 9, 1), "completed"),), **in_window)
    tender(world.helmond, "P-OPEN", **in_window)

    assert references(planned_of(report(world))) == ["P-OPEN"]


def test_a_tender_in_both_lists_is_one_tender_in_the_json(world, previous):
    tender(
        world.helmond,
        "BOTH",
        phases=((date(2017, 8, 1), "publication"),),
        planned_start_on=date(2017, 11, 1),
        estimated_value=Decimal("1250000.00"),
    )

    live = report(world)
    section = tenders_of(live)
    document = section.to_json()

    assert references(section.tenders_changed) == references(planned_of(live)) == ["BOTH"]
    assert [t["reference"] for t in document["tenders"]] == ["BOTH"]
    (item,) = document["tenders"]
    assert item["phase_changed_since_previous_monitor"] and item["planned_in_window"]
    assert item["estimated_value"] == 1250000 and item["planned_start"] == "2017-11-01"


# -- contracts awarded ------------------------------------------------------------------


def test_contracts_awarded_after_the_previous_monitor_up_to_and_including_d(world, previous):
    stop_and_go = tender(world.helmond, "SG", title="Stop and Go")
    contract(world.helmond, "C-ON-PREVIOUS", PREVIOUS)
    contract(world.helmond, "C-ON-D", D, tender=stop_and_go, supplier="Zorgtech B.V.")
    contract(world.helmond, "C-AFTER-D", D + timedelta(days=1))
    contract(world.other, "C-OTHER", D)

    (item,) = section_of(world).contracts

    assert (item.reference, item.supplier, item.tender_reference, item.tender_title) == (
        "C-ON-D",
        "Zorgtech B.V.",
        "SG",
        "Stop and Go",
    )
    assert item.awarded_value == Decimal("125000.50") and item.awarded_on == D


def test_a_contract_without_a_tender_has_no_tender_reference(world):
    contract(world.helmond, "C-SMALL", date(2017, 6, 1), value=None)

    (item,) = section_of(world).contracts
    assert item.tender_reference == "" and item.awarded_value is None
    assert item.to_json()["tender_reference"] is None


# -- targets and the share per theme ----------------------------------------------------


@pytest.fixture
def register(world):
    """Three tenders starting in 2018 (two with MVI), one withdrawn, and two targets."""
    in_2018 = {"planned_start_on": date(2018, 3, 1)}
    tender(world.helmond, "R1", themes=("klimaat", "circulair"), **in_2018)
    tender(world.helmond, "R2", themes=("social-return",), **in_2018)
    tender(world.helmond, "R3", **in_2018)
    tender(world.helmond, "R4", themes=("klimaat",), phases=((date(2017, 6, 1), "withdrawn"),))
    five_tenders_target(world.plan)
    share_target(world.plan)


def test_the_targets_have_their_values_and_states_on_d(world, register):
    section = section_of(world)

    five, share = section.targets
    assert (five.value, five.target, five.unit, five.state) == (2, 5, "count", "on_track")
    assert share.value == Decimal("66.7") and share.unit == "percent"
    assert share.state == "behind"


def test_the_share_per_theme_counts_the_tenders_in_the_register_on_d(world, register):
    section = section_of(world)

    shares = {s.theme_code: (s.with_mvi, s.total, s.share) for s in section.mvi_share}
    assert shares["klimaat"] == (1, 3, Decimal("33.3"))
    assert shares["social-return"] == (1, 3, Decimal("33.3"))
    assert shares["isv"] == (0, 3, Decimal("0.0"))
    assert (section.tender_count, section.tenders_with_mvi) == (3, 2)


def test_the_kpis_are_in_the_installations_language_whoever_asks(world, register):
    assert settings.LANGUAGE_CODE == "nl"
    five, _ = section_of(world).targets  # the tests run in English

    assert five.kpi.startswith("Aanbestedingen met MVI-impact") or "2018" in five.kpi


# -- freezing ---------------------------------------------------------------------------


def test_a_finalised_monitor_keeps_its_section_when_the_register_changes(world, register, previous):
    moving = tender(world.helmond, "MOVES", phases=((date(2017, 8, 1), "publication"),))
    contract(world.helmond, "C1", date(2017, 9, 1), tender=moving)
    monitor = frozen_monitor(world.plan, D)
    frozen = Report.from_storage(current_edition(monitor=monitor).report)

    change_phase(moving, "award", date(2017, 9, 10))  # back-dated
    contract(world.helmond, "C2", date(2017, 9, 15))
    tender(world.helmond, "LATE", themes=("klimaat",), planned_start_on=date(2018, 1, 1))
    moving.title = "Renamed"
    moving.save()

    again = Report.from_storage(current_edition(monitor=monitor).report)
    live = report(world)
    assert again == frozen
    assert [(t.reference, t.phase, t.title) for t in tenders_of(again).tenders_changed] == [
        ("MOVES", "publication", "Aanbesteding MOVES")
    ]
    assert references(tenders_of(again).contracts) == ["C1"]
    assert [t.value for t in tenders_of(again).targets] == [Decimal(2), Decimal("50.0")]
    assert [t.value for t in tenders_of(live).targets] == [Decimal(3), Decimal("60.0")]
    assert references(tenders_of(live).contracts) == ["C1", "C2"]


def test_the_frozen_section_survives_storage_exactly(world, register, previous):
    tender(world.helmond, "S1", phases=((date(2017, 8, 1), "award"),), themes=("klimaat",))
    contract(world.helmond, "C1", date(2017, 9, 1))
    live = report(world)

    stored = json.loads(json.dumps(live.to_storage()))

    assert Report.from_storage(stored) == live
    assert stored["targets"][0]["target"] == "5.00" and stored["contracts"][0]["awarded_value"]


def test_an_edition_frozen_before_the_section_existed_still_loads(world, register, previous):
    monitor = MonitorFactory(plan=world.plan, date=D, state=Monitor.State.FINAL)
    stored = report(world).to_storage()
    for key in ("tender_count", "tenders_with_mvi", "tenders", "contracts", "targets", "mvi_share"):
        del stored[key]
    monitor.editions.create(number=1, report=stored, pdf=b"%PDF", completed_count=0, action_count=2)

    old = Report.from_storage(current_edition(monitor=monitor).report)

    section = tenders_of(old)
    assert (section.tenders, section.contracts, section.targets, section.mvi_share) == (
        [],
        [],
        [],
        [],
    )
    assert not section.has_procurement
    assert report_json(old)["tenders"] == [] and report_json(old)["targets"] == []


def test_the_page_of_an_old_edition_shows_the_section_as_empty(world, login, previous):
    monitor = MonitorFactory(plan=world.plan, date=D, state=Monitor.State.FINAL)
    stored = report(world).to_storage()
    for key in ("tenders", "contracts", "targets", "mvi_share"):
        del stored[key]
    monitor.editions.create(number=1, report=stored, pdf=b"", completed_count=0, action_count=2)

    page = english_page(login, world.viewer)

    assert "No tenders, contracts or targets have been registered yet." in page


# -- the JSON format --------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker()
    )


def test_the_json_with_tenders_and_targets_validates_against_the_schema(
    world, register, previous, validator
):
    tender(world.helmond, "J1", phases=((date(2017, 8, 1), "publication"),), themes=("klimaat",))
    contract(world.helmond, "C1", date(2017, 9, 1))
    document = json.loads(json.dumps(report_json(report(world))))

    assert [e.message for e in validator.iter_errors(document)] == []
    (item,) = document["tenders"]
    assert item == {
        "reference": "J1",
        "title": "Aanbesteding J1",
        "phase": "publication",
        "themes_applied": ["klimaat"],
        "planned_start": None,
        "estimated_value": None,
        "planned_publication": None,
        "procedure": "",
        "phase_before": "preparation",
        "phase_changed_on": "2017-08-01",
        "phase_changed_since_previous_monitor": True,
        "planned_in_window": False,
    }
    five = document["targets"][0]
    assert {k: five[k] for k in ("title", "kpi", "target", "value", "state", "deadline")} == {
        "title": "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018",
        "kpi": five["kpi"],
        "target": 5,
        "value": 2,
        "state": "on_track",
        "deadline": "2017-12-31",
    }
    assert document["targets"][1]["value"] == 75
    assert document["contracts"][0]["awarded_value"] == 125000.5
    assert document["tender_totals"] == {"in_register": 4, "with_mvi": 3}


def test_the_schema_refuses_a_phase_or_state_that_is_not_a_code(world, register, validator):
    tender(world.helmond, "J2", registered_on=date(2017, 8, 1))
    document = json.loads(json.dumps(report_json(report(world))))
    document["tenders"][0]["phase"] = "publicatie"
    document["targets"][0]["state"] = "op schema"
    document["targets"][1]["value"] = "66,7"

    assert len(list(validator.iter_errors(document))) == 3


# -- every renderer ---------------------------------------------------------------------


@pytest.fixture
def full(world, register, previous) -> Report:
    tender(
        world.helmond,
        "GROEN-2018",
        title="Groenonderhoud 2018-2021",
        phases=((date(2017, 9, 1), "publication"),),
        themes=("circulair",),
        planned_start_on=date(2017, 11, 1),
        estimated_value=Decimal("1200000"),
    )
    stop_and_go = tender(world.helmond, "SG", title="Stop and Go")
    contract(world.helmond, "SG-1", date(2017, 9, 14), tender=stop_and_go, supplier="Zorgtech")
    MonitorFactory(plan=world.plan, date=D)
    return report(world)


def test_the_report_page_shows_the_section(world, login, full):
    page = english_page(login, world.viewer)

    assert "Tenders and targets" in page
    assert "Groenonderhoud 2018-2021" in page and "Zorgtech" in page
    assert "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018" in page
    assert 'id="mvi-share-chart-title"' in page and "€\xa01,200,000.00" in page
    groen = Tender.objects.get(reference="GROEN-2018")
    assert (
        reverse("procurement:tender_detail", kwargs={"org_slug": "helmond", "pk": groen.pk}) in page
    )


@pytest.mark.parametrize("fmt", ["json", "html", "pdf", "xlsx", "docx"])
def test_the_report_command_writes_the_section_in_every_format(full, fmt, tmp_path):
    output = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "--plan",
        "helmond-mvi",
        "--monitor",
        "2017-09-20",
        "--format",
        fmt,
        "-o",
        str(output),
    )
    content = output.read_bytes()

    if fmt == "json":
        assert "GROEN-2018" in [t["reference"] for t in json.loads(content)["tenders"]]
    elif fmt == "html":
        assert "Groenonderhoud 2018-2021" in content.decode()
    elif fmt == "pdf":
        assert content.startswith(b"%PDF")
    elif fmt == "docx":
        assert any("GROEN-2018 Groenonderhoud 2018-2021" in text for text in texts(opened(content)))
    else:
        assert (
            len(load_workbook(io.BytesIO(content)).sheetnames) == 12
        )  # with stale and late actions


def test_the_standalone_html_shows_the_section(full):
    html = report_html(full)

    assert "Groenonderhoud 2018-2021" in html and "SG-1" in html


def test_the_pdf_shows_the_section_in_dutch(full, tmp_path):
    from mvimonitor.monitoring.rendering.pdf import report_pdf

    source = tmp_path / "report.pdf"
    source.write_bytes(report_pdf(full))
    text = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    words = " ".join(text.split())

    assert "Groenonderhoud 2018-2021" in words
    # pdftotext joins a word broken after its hyphen at a line's end and drops the hyphen.
    target = "Minimaal vijf aanbestedingen met MVI-impact die starten in 2018"
    assert target.replace("-", "") in words.replace("-", "")
    assert "SG-1 Opdracht SG-1" in words and "€ 125.000,50" in words.replace("\xa0", " ")
    assert "20 september 2017" in words


def test_the_word_document_shows_the_section_with_its_tables_and_chart(full):
    from mvimonitor.monitoring.rendering.docx import report_docx

    document = opened(report_docx(full))
    found = headings(document)
    everything = texts(document)

    assert ("Heading 1", "Aanbestedingen en doelen") in found
    assert ("Heading 2", "Doelen") in found
    targets = next(t for t in document.tables if table_rows(t)[0][0] == "Doel")
    five = table_rows(targets)[1]
    assert five[0].startswith("Minimaal vijf aanbestedingen met MVI-impact die starten in 2018\n")
    assert five[1:3] == ["2", "5"]
    shares = next(t for t in document.tables if table_rows(t)[0][0] == "Thema")
    assert repeats_its_header_row(shares)
    share_chart = next(p for p in pictures(document) if p.title.startswith("Aandeel"))
    assert "Klimaat: 1 van 5 aanbestedingen (20,0%)" in share_chart.description
    contract = next(text for text in everything if text.startswith("SG-1 Opdracht SG-1"))
    assert "€\xa0125.000,50" in contract
    assert any("GROEN-2018 Groenonderhoud 2018-2021" in text for text in everything)


def test_no_heading_of_the_pdf_runs_into_the_next_column(full):
    # Dutch headings are the longest ("Streefwaarde", "Aanbestedingen") and cannot wrap.
    assert text_beyond_its_cell(full) == []


def test_the_workbook_has_a_sheet_per_list_with_real_numbers_and_dates(full):
    from mvimonitor.monitoring.rendering.xlsx import report_xlsx

    book = load_workbook(io.BytesIO(report_xlsx(full)))
    first = book.sheetnames.index("Aanbestedingen")
    names = book.sheetnames[first : first + 4]
    tenders, contracts, targets, shares = (book[name] for name in names)

    rows = {row[0]: row for row in tenders.iter_rows(min_row=2, values_only=True)}
    assert rows["GROEN-2018"][9] == 1200000
    assert rows["GROEN-2018"][8].date() == date(2017, 11, 1)
    (awarded,) = contracts.iter_rows(min_row=2, values_only=True)
    assert awarded[5] == 125000.5 and awarded[6].date() == date(2017, 9, 14)
    five, share = targets.iter_rows(min_row=2, values_only=True)
    assert (five[2], five[3]) == (2, 5)
    assert share[2] == pytest.approx(0.6) and targets["C3"].number_format == "0.0%"
    assert len(shares._charts) == 1


# -- theme names in the report's language ------------------------------------------------


def test_the_english_page_names_the_themes_in_english(world, login, full):
    page = english_page(login, world.viewer)

    assert '<th scope="row">Climate</th>' in page  # the share per theme
    assert "Circular (incl. biobased)" in page  # GROEN-2018's themes, and the chart
    assert "Klimaat" not in page and "Circulair" not in page


def test_the_files_name_the_themes_in_dutch_and_the_json_in_both(full):
    from mvimonitor.monitoring.rendering.xlsx import report_xlsx

    book = load_workbook(io.BytesIO(report_xlsx(full)))
    shares = book[book.sheetnames[book.sheetnames.index("Aanbestedingen") + 3]]
    assert "Klimaat" in [row[0] for row in shares.iter_rows(values_only=True)]
    tenders = {row[0]: row for row in book["Aanbestedingen"].iter_rows(values_only=True)}
    assert tenders["GROEN-2018"][-1] == "Circulair (incl. biobased)"
    klimaat = next(s for s in report_json(full)["mvi_share_per_theme"] if s["theme"] == "klimaat")
    assert (klimaat["name"], klimaat["name_en"]) == ("Klimaat", "Climate")


def test_a_finalised_monitor_names_its_themes_in_english_on_the_english_page(
    world, login, register, previous
):
    frozen_monitor(world.plan, D)

    page = english_page(login, world.viewer)

    assert '<th scope="row">Climate</th>' in page and "Klimaat" not in page


def test_an_edition_frozen_without_english_theme_names_shows_the_dutch_ones(
    world, register, previous
):
    tender(world.helmond, "S1", phases=((date(2017, 8, 1), "award"),), themes=("klimaat",))
    stored = json.loads(json.dumps(report(world).to_storage()))
    for share in stored["mvi_share"]:
        del share["theme_name_en"]
    for item in stored["tenders"]:
        del item["theme_names_en"]

    old = tenders_of(Report.from_storage(stored))  # in English, as the tests run

    assert next(s.label for s in old.mvi_share if s.theme_code == "klimaat") == "Klimaat"
    assert next(t.theme_labels for t in old.tenders if t.reference == "S1") == ["Klimaat"]


def test_without_tenders_or_targets_the_section_is_one_sentence(world, login):
    MonitorFactory(plan=world.plan, date=D)
    section = section_of(world)

    page = english_page(login, world.viewer)

    assert not section.has_procurement
    assert "No tenders, contracts or targets have been registered yet." in page
    assert "mvi-share-chart" not in page


# -- a constant number of queries -------------------------------------------------------


def _register_of(plan: ActionPlan, size: int) -> None:
    for n in range(size):
        registered = date(2017, 4, 1) + timedelta(days=n % 150)
        tender(
            plan.organisation,
            f"Q{n:04d}",
            registered_on=registered,
            phases=((registered + timedelta(days=30), "publication"),),
            themes=("klimaat",) if n % 2 else (),
            planned_start_on=date(2017, 10, 1) + timedelta(days=n % 90),
        )
        contract(plan.organisation, f"QC{n:04d}", registered + timedelta(days=60))
    five_tenders_target(plan)
    share_target(plan)


def _queries(plan: ActionPlan) -> tuple[int, Report]:
    fresh = ActionPlan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as captured:
        result = report_for_date(plan=fresh, on=D)
    return len(captured), result


def test_the_section_runs_as_many_queries_for_100_tenders_as_for_3(db):
    small, large = ActionPlanFactory(), ActionPlanFactory()
    _register_of(small, 3)
    _register_of(large, 100)

    small_count, small_report = _queries(small)
    large_count, large_report = _queries(large)

    assert tenders_of(small_report).tenders and tenders_of(small_report).contracts
    assert tenders_of(small_report).targets
    assert len(tenders_of(large_report).tenders) > len(tenders_of(small_report).tenders)
    assert len(tenders_of(large_report).contracts) > len(tenders_of(small_report).contracts)
    assert small_count == large_count
    assert large_count <= 20
