"""The demo's monitors reproduce the seed (the real monitor of 20 September 2017): live,
frozen in its edition, and through `mvi-monitor report --format json`."""

import dataclasses
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from mvimonitor.demo.data.helmond_2017 import NEW_ACTION, PLANNED
from mvimonitor.monitoring.models import AttentionPoint, Monitor
from mvimonitor.monitoring.report import Report, TrendPoint
from mvimonitor.monitoring.selectors import current_edition, report_for_date
from mvimonitor.plans.models import ActionPlan

PREVIOUS_MONITOR = date(2017, 7, 12)
MONITOR = date(2017, 9, 20)
GREEN_DEAL = "Onderzoeken deelname aan Green deal Circulair inkopen"
STOP_AND_GO = "Gunning aanbesteding Stop and Go (dementerende ouderen ondersteunen met techniek)"

# The seed's table: period, total, and the count it shows (completed, or running).
SEED_PERIODS = [
    ("Wat doen we al goed?", 54, "completed", 54),
    ("Aan de slag in 2017", 27, "completed", 7),
    ("Aan de slag in 2018-2020", 25, "completed", 0),
    ("Actie doorlopend", 18, "running", 12),
]
SEED_ATTENTION_POINTS = [
    ("event", "'learning history'", None),
    ("event", "Regionale netwerkbijeenkomst MVI", date(2017, 9, 25)),
    ("event", "KoopWijsPrijs", date(2017, 12, 14)),
    ("risk", "houtlobby", None),
    ("question", "interne capaciteit", None),
    ("question", "Social Return in regio Helmond", None),
]
SEED_PLANNED = {spec.title for spec in (*PLANNED, NEW_ACTION)}


def helmond_plan() -> ActionPlan:
    return ActionPlan.objects.get(organisation__slug="helmond", slug="helmond-mvi")


def monitor_on(day: date) -> Monitor:
    return Monitor.objects.get(plan=helmond_plan(), date=day)


def live_report(day: date) -> Report:
    monitor = monitor_on(day)
    return report_for_date(plan=monitor.plan, on=day, monitor=monitor)


def frozen_report(day: date) -> Report:
    edition = current_edition(monitor=monitor_on(day))
    assert edition is not None
    return Report.from_storage(edition.report)


@pytest.fixture
def report_command_json(demo) -> dict:
    out = io.StringIO()
    call_command(
        "report",
        "--plan",
        "helmond-mvi",
        "--monitor",
        "2017-09-20",
        "--format",
        "json",
        stdout=out,
    )
    return json.loads(out.getvalue())


pytestmark = pytest.mark.usefixtures("demo")


def test_the_plan_has_two_finalised_monitors_each_pointing_to_the_next():
    # (and the draft of 22 November 2017 with its update round: tests/demo/test_rounds.py)
    monitors = Monitor.objects.filter(plan=helmond_plan(), state=Monitor.State.FINAL).order_by(
        "date"
    )

    assert [(m.date, m.state, m.next_monitor_on) for m in monitors] == [
        (PREVIOUS_MONITOR, Monitor.State.FINAL, MONITOR),
        (MONITOR, Monitor.State.FINAL, date(2017, 11, 22)),
    ]
    assert all(m.summary for m in monitors)
    assert [m.editions.count() for m in monitors] == [1, 1]
    assert current_edition(monitor=monitors[1]).frozen_by.email == "coordinator@helmond.demo"


@pytest.mark.parametrize("source", [live_report, frozen_report], ids=["live", "frozen"])
def test_the_report_of_20_september_2017_has_the_seeds_figures(source):
    report = source(MONITOR)

    assert [
        (p.name, p.total, status, p.counts[status])
        for p, (_, _, status, _) in zip(report.periods, SEED_PERIODS, strict=True)
    ] == SEED_PERIODS
    assert report.periods[3].counts["completed"] == 0
    assert [p.all_completed for p in report.periods] == [True, False, False, False]
    assert [p.change["completed"] for p in report.periods] == [0, 2, 0, 0]
    assert report.trend == [TrendPoint(PREVIOUS_MONITOR, completed=59, total=123)]


@pytest.mark.parametrize("source", [live_report, frozen_report], ids=["live", "frozen"])
def test_the_report_of_20_september_2017_has_the_seeds_lists(source):
    report = source(MONITOR)

    assert (report.previous_monitor_date, report.next_monitor_date) == (
        PREVIOUS_MONITOR,
        date(2017, 11, 22),
    )
    assert [(a.title, a.status) for a in report.realised] == [
        (GREEN_DEAL, "completed"),
        (STOP_AND_GO, "completed"),
    ]
    assert report.realised[0].result == "In 2017 (nog) niet deelnemen"
    assert {a.title for a in report.planned} == SEED_PLANNED
    assert [(a.title, a.status) for a in report.planned if a.is_new] == [
        (NEW_ACTION.title, "running")
    ]
    assert report.window_end == date(2017, 11, 20)


@pytest.mark.parametrize("source", [live_report, frozen_report], ids=["live", "frozen"])
def test_the_report_of_20_september_2017_has_the_seeds_attention_points_and_communication(
    source,
):
    report = source(MONITOR)

    assert len(report.attention_points) == len(SEED_ATTENTION_POINTS)
    for point, (kind, words, day) in zip(
        report.attention_points, SEED_ATTENTION_POINTS, strict=True
    ):
        assert (point.kind, point.date) == (kind, day)
        assert words in point.text
    assert [c.text for c in report.communication_realised] == [
        "Artikel actieplan MVI in zomereditie Helmond inside",
        "Delen van presentatie 'Totstandkoming MVI-actieplan gemeente Helmond'",
    ]
    assert all(c.date.month == 7 for c in report.communication_realised)
    assert [(c.date, c.text) for c in report.communication_planned] == [
        (date(2017, 10, 4), "Persmoment ondertekening Stop en Go")
    ]


def test_the_frozen_edition_is_the_live_report_marked_final():
    assert frozen_report(MONITOR) == dataclasses.replace(live_report(MONITOR), status="final")
    assert frozen_report(PREVIOUS_MONITOR) == dataclasses.replace(
        live_report(PREVIOUS_MONITOR), status="final"
    )


def test_the_monitor_of_12_july_2017_counts_from_the_adoption_of_the_plan():
    report = frozen_report(PREVIOUS_MONITOR)

    assert (report.previous_monitor_date, report.baseline_date) == (None, date(2017, 4, 1))
    assert [(p.total, p.counts["completed"]) for p in report.periods][:2] == [(54, 54), (26, 5)]
    assert len(report.attention_points) == 3
    assert report.communication_realised == []
    assert len(report.communication_planned) == 3
    assert report.next_monitor_date == MONITOR


def test_the_report_command_prints_the_seeds_report_as_json(report_command_json):
    data = report_command_json

    assert (data["monitor_date"], data["status"]) == ("2017-09-20", "final")
    assert (data["previous_monitor_date"], data["next_monitor_date"]) == (
        "2017-07-12",
        "2017-11-22",
    )
    assert [
        (p["name"], p["total"], status, p["counts"][status])
        for p, (_, _, status, _) in zip(data["periods"], SEED_PERIODS, strict=True)
    ] == SEED_PERIODS
    assert [(a["title"], a["status"]) for a in data["realised"]] == [
        (GREEN_DEAL, "completed"),
        (STOP_AND_GO, "completed"),
    ]
    assert {a["title"] for a in data["planned"]} == SEED_PLANNED
    assert [a["title"] for a in data["planned"] if a["is_new"]] == [NEW_ACTION.title]
    assert [p["kind"] for p in data["attention_points"]] == [k for k, _, _ in SEED_ATTENTION_POINTS]
    assert [len(data["communication"][key]) for key in ("realised", "planned")] == [2, 1]


def test_the_stored_pdf_reads_like_the_seed():
    edition = current_edition(monitor=monitor_on(MONITOR))
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(bytes(edition.pdf))).pages
    )

    for words in (
        "Wat doen we al goed?",
        "Aan de slag in 2018-2020",
        GREEN_DEAL,
        "In 2017 (nog) niet deelnemen",
        "Deelname aan opleiding circulair",
        "Persmoment ondertekening Stop en Go",
        "houtlobby",
        "22 november 2017",
    ):
        assert words in text, words


def test_the_monitoring_history_is_attributed_to_the_command_in_the_audit_trail():
    from mvimonitor.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(actor_label="command load_demo")

    # The two finalised monitors and the draft of 22 November 2017 (test_rounds.py).
    assert entries.filter(model="monitoring.Monitor", operation="create").count() == 3
    assert entries.filter(model="monitoring.MonitorEdition", operation="create").count() == 2
    assert entries.filter(model="monitoring.AttentionPoint").count() == 6
    assert entries.filter(model="monitoring.CommunicationMoment").count() == 3


def test_attention_points_close_after_their_event_and_stay_open_on_the_monitor_date():
    points = AttentionPoint.objects.filter(plan=helmond_plan())

    assert points.count() == 6
    assert all(
        p.raised_on < MONITOR and (p.closed_on is None or p.closed_on > MONITOR) for p in points
    )
    network = points.get(text__startswith="Regionale netwerkbijeenkomst")
    assert network.closed_on == date(2017, 9, 26)


def test_the_load_command_reports_the_monitors_it_finalised(demo):
    assert "12 juli 2017" in demo
    assert "20 september 2017" in demo
