"""The report's sections "Update round" (Monitorronde) and "Not updated" (Niet
bijgewerkt, "stale" in the code): the round's counts and the actions not answered, the
marks in the action lists, what finalising freezes, editions frozen before the sections
existed, the JSON format and schema, every renderer, and a constant number of queries."""

import io
import json
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from mvimonitor.monitoring import services as monitoring_services
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.rendering.docx import report_docx
from mvimonitor.monitoring.rendering.html import report_html
from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.rendering.pdf import report_pdf
from mvimonitor.monitoring.rendering.xlsx import report_xlsx
from mvimonitor.monitoring.report import Report
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import ActionPlan
from mvimonitor.plans.workflow import Status
from mvimonitor.rounds import selectors as round_selectors
from mvimonitor.rounds import services as round_services
from mvimonitor.rounds.models import RoundItem, UpdateRound
from tests.factories import ActionFactory
from tests.monitoring.conftest import TODAY
from tests.monitoring.docx_reading import headings, opened, table_rows, texts
from tests.monitoring.helpers import url

M = TODAY  # the monitor's date: 1 December 2017, so it can be finalised today
DEADLINE = TODAY
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"

pytestmark = pytest.mark.django_db


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def item(update_round: UpdateRound, code: str) -> RoundItem:
    return RoundItem.objects.get(round=update_round, action__code=code)


@pytest.fixture
def quiet(world, time_machine):
    """S1, owned by "P. Jansen" (no account), entered on 1 April 2017, to start on 1 May
    2017 and due in January 2018 (planned in the window); not started and untouched
    since, so not updated on the monitor date."""
    time_machine.move_to(datetime(2017, 4, 1, 12, tzinfo=AMSTERDAM), tick=False)
    action = ActionFactory(
        period=world.owned_action.period,
        code="S1",
        title="Stille actie",
        owner_name="P. Jansen",
        start_date=date(2017, 5, 1),
        due_date=date(2018, 1, 15),
    )
    time_machine.move_to(datetime(2017, 12, 1, 12, tzinfo=AMSTERDAM), tick=False)
    return action


@pytest.fixture
def monitor(world) -> Monitor:
    return Monitor.objects.create(plan=world.plan, date=M, next_monitor_on=date(2018, 2, 1))


@pytest.fixture
def update_round(world, quiet, monitor) -> UpdateRound:
    """A1 (owner) updated, A3 (owner) confirmed, A2 (no owner) and S1 (P. Jansen) open."""
    ActionFactory(period=world.owned_action.period, code="A3", owner=world.owner)
    opened = round_services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    round_services.round_update(
        item=item(opened, "A1"), by=world.owner, version=1, note="Loopt volgens plan"
    )
    round_services.round_confirm(item=item(opened, "A3"), by=world.owner)
    return opened


def live(world, monitor) -> Report:
    return report_for_date(plan=world.plan, on=M, monitor=monitor)


def english_page(login, user) -> str:
    client = login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(url("detail", day=M)).content.decode()


def pdf_words(tmp_path, report: Report) -> str:
    source = tmp_path / "report.pdf"
    source.write_bytes(report_pdf(report))
    text = subprocess.run(
        ["pdftotext", str(source), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(
        json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=FormatChecker()
    )


def as_printed(report: Report) -> dict:
    return json.loads(json.dumps(report_json(report), ensure_ascii=False))


# -- the round ---------------------------------------------------------------------------


def test_the_report_shows_the_rounds_counts_and_the_actions_not_answered(world, update_round):
    section = live(world, update_round.monitor).section("round")

    assert (section.deadline, section.closed) == (DEADLINE, False)
    assert (section.updated, section.confirmed, section.open, section.total) == (1, 1, 2, 4)
    missing = [(a.code, a.owner, a.period) for a in section.not_answered]
    assert missing == [
        ("A2", "", "Aan de slag in 2017"),
        ("S1", "P. Jansen", "Aan de slag in 2017"),
    ]


def test_a_closed_round_is_reported_closed(world, update_round):
    round_services.round_close(round=update_round, by=world.coordinator)
    assert live(world, update_round.monitor).section("round").closed is True


def test_a_monitor_without_a_round_and_a_date_without_a_monitor_report_no_round(world, monitor):
    assert live(world, monitor).section("round") is None
    assert report_for_date(plan=world.plan, on=M).section("round") is None
    assert as_printed(live(world, monitor))["round"] is None


def test_the_page_shows_the_round_and_links_the_actions_not_answered(
    world, login, update_round, quiet
):
    page = english_page(login, world.viewer)

    assert 'id="report-round"' in page
    assert "Still open; owners answer by Dec. 1, 2017." in page
    assert '<td class="number">2</td>' in page
    assert "P. Jansen" in page
    assert f"/actions/{quiet.pk}/" in page


# -- stale actions -----------------------------------------------------------------------


def test_stale_actions_are_listed_and_marked_in_the_planned_list(world, quiet, monitor):
    report = live(world, monitor)

    assert [(a.code, a.owner, a.last_touched) for a in report.section("not_updated").actions] == [
        ("S1", "P. Jansen", date(2017, 4, 1))
    ]
    assert report.section("not_updated").after_days == settings.STALE_AFTER_DAYS
    marks = {a.code: a.stale for a in report.planned}
    assert marks == {"S1": True}
    assert all(a.stale is False for a in report.realised)


def test_a_touch_after_the_report_date_does_not_change_a_past_report(world, quiet, monitor):
    def stale_on_1_november() -> list[str]:
        past = report_for_date(plan=world.plan, on=date(2017, 11, 1))
        return [a.code for a in past.section("not_updated").actions if a.code == "S1"]

    assert stale_on_1_november() == ["S1"]

    quiet.refresh_from_db()  # touched today, 1 December:
    plan_services.action_change_status(action=quiet, to_status=Status.RUNNING, by=None)
    assert stale_on_1_november() == ["S1"]
    assert live(world, monitor).section("not_updated").actions == []


def test_the_page_counts_stale_actions_per_period_and_links_their_list(
    world, login, quiet, monitor
):
    page = english_page(login, world.viewer)

    assert 'id="report-stale"' in page
    assert "Not updated (1)" in page and "Not updated per period" in page
    assert 'aria-describedby="stale-legend"' in page and 'id="stale-legend"' in page
    assert "Last touched" not in page  # the full list is in Excel and JSON, not here
    link = url("figure", day=M) + "?stale=1"
    assert f'href="{link}" aria-label="1 actions not updated in all periods">1</a>' in page

    client = login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(link)
    assert [(a.code, a.owner, a.last_touched) for a in response.context["actions"]] == [
        ("S1", "P. Jansen", date(2017, 4, 1))
    ]
    listed = response.content.decode()
    assert "Actions not updated on Dec. 1, 2017" in listed and "Last touched" in listed
    period = quiet.period_id
    other = world.plan.periods.exclude(pk=period).first().pk
    assert len(client.get(f"{link}&period={period}").context["actions"]) == 1
    assert client.get(f"{link}&period={other}").context["actions"] == []


def test_a_final_monitors_stale_list_is_the_frozen_one(world, login, quiet, monitor):
    monitoring_services.monitor_finalise(monitor=monitor, by=world.coordinator)
    quiet.refresh_from_db()  # touched after finalising: no longer stale today
    plan_services.action_change_status(action=quiet, to_status=Status.RUNNING, by=None)
    assert live(world, monitor).section("not_updated").actions == []

    response = login(world.viewer).get(url("figure", day=M) + "?stale=1")
    assert [a.code for a in response.context["actions"]] == ["S1"]
    assert response.context["figure"] == 1 and not response.context["history_changed"]


# -- finalising freezes both sections ----------------------------------------------------


def test_finalising_freezes_the_round_and_later_answers_do_not_change_the_edition(
    world, login, update_round
):
    monitoring_services.monitor_finalise(monitor=update_round.monitor, by=world.coordinator)
    round_services.round_confirm(item=item(update_round, "A2"), by=world.coordinator)
    assert round_selectors.round_result(monitor=update_round.monitor).open == 1

    frozen = Report.from_storage(current_edition(monitor=update_round.monitor).report)
    assert (frozen.section("round").open, len(frozen.section("round").not_answered)) == (2, 2)
    assert [a.code for a in frozen.section("not_updated").actions] == ["S1"]
    assert {a.code: a.stale for a in frozen.planned} == {"S1": True}
    assert "Still open; owners answer by" in english_page(login, world.viewer)


def test_an_edition_frozen_before_the_sections_loads_as_no_round_and_no_stale_marks(
    world, login, update_round, validator
):
    monitoring_services.monitor_finalise(monitor=update_round.monitor, by=world.coordinator)
    edition = current_edition(monitor=update_round.monitor)
    old = dict(edition.report)
    del old["update_round"], old["stale"]
    old["planned"] = [{k: v for k, v in a.items() if k != "stale"} for a in old["planned"]]
    old["realised"] = [{k: v for k, v in a.items() if k != "stale"} for a in old["realised"]]
    type(edition).objects.filter(pk=edition.pk).update(report=old)

    report = Report.from_storage(old)
    assert report.section("round") is None and report.section("not_updated") is None
    assert all(a.stale is None for a in report.planned)
    document = as_printed(report)
    assert (document["round"], document["stale_actions"], document["stale_after_days"]) == (
        None,
        None,
        None,
    )
    assert validator.is_valid(document)
    page = english_page(login, world.viewer)
    assert 'id="report-round"' not in page and 'id="report-stale"' not in page
    assert login(world.viewer).get(url("figure", day=M) + "?stale=1").status_code == 404
    sheets = load_workbook(io.BytesIO(report_xlsx(report))).sheetnames
    assert dutch("Update round") not in sheets and dutch("Not updated") not in sheets


# -- the formats -------------------------------------------------------------------------


def test_the_json_has_the_round_and_the_stale_actions_and_validates(world, update_round, validator):
    document = as_printed(live(world, update_round.monitor))

    assert document["round"] == {
        "deadline": "2017-12-01",
        "closed": False,
        "updated": 1,
        "confirmed": 1,
        "open": 2,
        "total": 4,
        "not_answered": [
            {
                "code": "A2",
                "title": world.unowned_action.title,
                "owner": "",
                "period": "Aan de slag in 2017",
            },
            {
                "code": "S1",
                "title": "Stille actie",
                "owner": "P. Jansen",
                "period": "Aan de slag in 2017",
            },
        ],
    }
    assert document["stale_after_days"] == settings.STALE_AFTER_DAYS
    assert document["stale_actions"] == [
        {
            "code": "S1",
            "title": "Stille actie",
            "owner": "P. Jansen",
            "period": "Aan de slag in 2017",
            "last_touched": "2017-04-01",
        }
    ]
    assert [(a["code"], a["stale"]) for a in document["planned"]] == [("S1", True)]
    assert list(validator.iter_errors(document)) == []
    wrong = {**document, "round": {**document["round"], "open": -1}}
    assert not validator.is_valid(wrong)


def test_the_standalone_html_has_both_sections(world, update_round):
    html = report_html(live(world, update_round.monitor))
    assert 'id="report-round"' in html and 'id="report-stale"' in html
    assert "/actions/" not in html  # no links back to the server


def test_the_pdf_has_the_round_and_the_stale_actions_per_period(world, update_round, tmp_path):
    words = pdf_words(tmp_path, live(world, update_round.monitor))

    assert dutch("Update round") in words
    assert dutch("Not updated or confirmed in the round") in words
    assert "S1 Stille actie" in words and "P. Jansen" in words  # not answered in the round
    assert f"{dutch('Not updated')} (1)" in words
    assert f"{dutch('Not updated')} 1" in words  # the key figure
    assert dutch("Not updated per period") in words
    assert f"Aan de slag in 2017 1 Actie doorlopend 0 {dutch('Total')} 1" in words
    assert dutch("last touched") not in words  # no list: that is in the Excel file
    assert dutch("The Excel file lists every action not updated.") in words
    assert f"({dutch('not updated')})" in words  # the mark in the planned list


def test_the_word_document_has_the_round_and_the_actions_not_updated_per_period(
    world, update_round
):
    document = opened(report_docx(live(world, update_round.monitor)))
    found = headings(document)
    everything = texts(document)

    assert ("Heading 1", dutch("Update round")) in found
    assert ("Heading 2", dutch("Not updated or confirmed in the round")) in found
    assert f"S1 Stille actie\nP. Jansen · {world.owned_action.period.name}" in everything
    assert f"{dutch('Updated')}: 1 / 4" in everything
    assert ("Heading 1", "Niet bijgewerkt (1)") in found
    stale = next(t for t in document.tables if table_rows(t)[0][1] == "Niet bijgewerkt")
    assert table_rows(stale)[-1] == [dutch("Total"), "1"]
    assert dutch("The Excel file lists every action not updated.") in everything
    planned = "S1 Stille actie (niet bijgewerkt)\nNiet gestart · start 1 mei 2017 · gereed"
    assert any(text.startswith(planned) for text in everything)  # the mark in the list


def test_the_workbook_has_a_round_sheet_with_numbers_and_the_list(world, update_round):
    book = load_workbook(io.BytesIO(report_xlsx(live(world, update_round.monitor))))
    sheet = book[dutch("Update round")]
    rows = list(sheet.iter_rows(values_only=True))

    facts = {row[0]: row[1] for row in rows[:6]}
    assert facts[dutch("Deadline")].date() == DEADLINE
    assert [
        facts[dutch(k)] for k in ("Updated", "Confirmed unchanged", "Not answered", "Total")
    ] == [
        1,
        1,
        2,
        4,
    ]
    assert all(type(rows[n][1]) is int for n in range(2, 6))
    assert [row[0] for row in rows[9:]] == ["A2", "S1"]
    assert rows[10][2:] == ("P. Jansen", "Aan de slag in 2017")
    stale = list(book[dutch("Not updated")].iter_rows(values_only=True))
    assert [row[0] for row in stale[1:]] == ["S1"]
    planned = list(book[dutch("Planned")].iter_rows(values_only=True))
    assert planned[0][-1] == dutch("Not updated") and planned[1][-1] == dutch("yes")


# -- a constant number of queries --------------------------------------------------------


def _queries(plan: ActionPlan, monitor: Monitor | None) -> int:
    fresh = ActionPlan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as captured:
        report_for_date(plan=fresh, on=M, monitor=monitor)
    return len(captured)


def test_the_round_and_stale_actions_cost_three_queries_whatever_their_size(
    world, quiet, monitor, time_machine
):
    without_round = _queries(world.plan, monitor)
    round_services.round_open(monitor=monitor, deadline=DEADLINE, by=world.coordinator)
    small = _queries(world.plan, monitor)
    time_machine.move_to(datetime(2017, 4, 1, 12, tzinfo=AMSTERDAM), tick=False)
    for n in range(40):
        ActionFactory(
            period=quiet.period, code=f"Q{n:02d}", status=Status.RUNNING, due_date=date(2018, 1, 1)
        )
    time_machine.move_to(datetime(2017, 12, 1, 12, tzinfo=AMSTERDAM), tick=False)
    other = Monitor.objects.create(plan=world.plan, date=date(2017, 12, 2))
    round_services.round_close(round=monitor.round, by=world.coordinator)
    round_services.round_open(monitor=other, deadline=DEADLINE, by=world.coordinator)
    large = _queries(world.plan, other)

    assert small == large == without_round + 1  # the round's items; its row was read already
    assert (
        len(report_for_date(plan=world.plan, on=M, monitor=other).section("not_updated").actions)
        == 41
    )
    without_monitor = _queries(world.plan, None)
    assert without_monitor == without_round - 1  # no monitor: no round to look for
