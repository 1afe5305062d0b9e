"""Reports for the renderer tests: hand-made (`sample_report`, no database: the
renderers only ever see a Report) and real (`real_report`, through
selectors.report_for_date on the shared world)."""

from datetime import date

from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment, Monitor
from mvimonitor.monitoring.report import (
    STATUS_CODES,
    ActionItem,
    AttentionItem,
    CommunicationItem,
    PeriodFigures,
    Report,
    TrendPoint,
)
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.plans import services
from mvimonitor.plans.workflow import Status
from tests.factories import ActionFactory
from tests.monitoring.factories import (
    AttentionPointFactory,
    CommunicationMomentFactory,
    MonitorFactory,
    frozen_monitor,
)

D = date(2017, 9, 20)
PREVIOUS = date(2017, 7, 12)
NEXT = date(2017, 11, 22)
FORMULA_TITLE = '=HYPERLINK("http://evil.example","klik")'
MARKUP_TITLE = '<script>alert("x")</script> & "aanhalingstekens"'


def figures(period_id: int, name: str, change: dict[str, int] | None = None, **counts: int):
    return PeriodFigures(
        period_id,
        name,
        {code: counts.get(code, 0) for code in STATUS_CODES},
        {code: (change or {}).get(code, 0) for code in STATUS_CODES},
    )


#: The seed's table on 20 September 2017, with the changes since 12 July.
SEED_PERIODS = [
    figures(11, "Wat doen we al goed?", completed=54),
    figures(12, "Aan de slag in 2017", {"completed": 2, "running": -2}, completed=7, running=20),
    figures(13, "Aan de slag in 2018-2020", not_started=25),
    figures(14, "Actie doorlopend", running=12, not_started=5, postponed=1),
    figures(15, "Nog zonder acties"),
]


def action(number: int, status: str, **fields) -> ActionItem:
    values = {
        "action_id": number,
        "code": f"A{number:03d}",
        "title": f"Actie {number}: duurzaam inkopen van groenonderhoud en facilitaire diensten",
        "status": status,
        "result": "",
        "is_new": False,
        "start_date": date(2017, 10, 2),
        "due_date": date(2017, 11, 20),
        "period": "Aan de slag in 2017",
    }
    return ActionItem(**{**values, **fields})


def sample_report(*, realised: int = 2, planned: int = 3, periods=None, **fields) -> Report:
    realised_items = [
        action(
            1,
            "completed",
            title="Onderzoeken deelname aan Green deal Circulair inkopen",
            result="in 2017 (nog) niet deelnemen",
        ),
        action(2, "completed", title=FORMULA_TITLE, result="-5% minder CO2"),
    ]
    realised_items += [
        action(100 + n, "completed", result=f"Resultaat {n}") for n in range(realised - 2)
    ]
    planned_items = [
        action(
            3,
            "running",
            title="Deelname aan opleiding circulair voor aanbesteding groen",
            is_new=True,
        ),
        action(4, "not_started", title=MARKUP_TITLE, start_date=None),
        action(5, "postponed", due_date=date(2017, 11, 20)),
    ]
    planned_items += [action(500 + n, "running") for n in range(planned - 3)]
    values = {
        "organisation": "Gemeente Helmond",
        "organisation_slug": "helmond",
        "plan": "MVI-actieplan 2017-2020",
        "plan_slug": "helmond-mvi",
        "monitor_date": D,
        "status": "final",
        "previous_monitor_date": PREVIOUS,
        "baseline_date": PREVIOUS,
        "next_monitor_date": NEXT,
        "summary": "De uitvoering ligt op schema.\n\nTwee acties zijn gerealiseerd.",
        "window_months": 2,
        "window_end": date(2017, 11, 20),
        "periods": SEED_PERIODS if periods is None else periods,
        "realised": realised_items[:realised] if realised < 2 else realised_items,
        "planned": planned_items[:planned] if planned < 3 else planned_items,
        "attention_points": [
            AttentionItem(
                "event", "Regionale netwerkbijeenkomst MVI in Helmond", date(2017, 9, 25)
            ),
            AttentionItem("risk", "+Onterecht negatieve publiciteit (houtlobby)", None),
        ],
        "communication_realised": [
            CommunicationItem(
                date(2017, 7, 20), "Artikel actieplan MVI in zomereditie", "Helmond inside"
            ),
        ],
        "communication_planned": [
            CommunicationItem(date(2017, 10, 4), "Persmoment ondertekening Stop en Go", ""),
        ],
        "trend": [TrendPoint(PREVIOUS, 59, 121)],
    }
    return Report(**{**values, **fields})


def many_periods(count: int) -> list[PeriodFigures]:
    return [
        figures(
            1000 + n,
            f"Periode {n:02d} met een naam die over twee regels kan lopen",
            completed=n,
            running=count - n,
        )
        for n in range(count)
    ]


def change(action, to: Status, on: date) -> None:
    action.refresh_from_db()
    services.action_change_status(action=action, to_status=to, by=None, effective_on=on)


def real_report(world) -> Report:
    """A live draft on 20 September 2017 of the world's plan, after a finalised monitor
    on 12 July: one action completed in between, one new action planned in the window."""
    plan = world.plan
    first, continuous = plan.periods.order_by("position")
    done = ActionFactory(
        period=first,
        code="B1",
        title="Gunning aanbesteding Stop en Go",
        status=Status.RUNNING,
        result="contract getekend",
    )
    ActionFactory(period=first, code="B0", status=Status.COMPLETED, status_since=date(2017, 5, 1))
    ActionFactory(
        period=continuous,
        code="C1",
        title="Deelname aan opleiding circulair",
        status=Status.RUNNING,
        status_since=date(2017, 8, 1),
        added_on=date(2017, 8, 1),
        start_date=date(2017, 8, 1),
        due_date=date(2017, 10, 31),
    )
    frozen_monitor(plan, PREVIOUS)
    change(done, Status.COMPLETED, date(2017, 9, 1))
    AttentionPointFactory(
        plan=plan,
        kind=AttentionPoint.Kind.EVENT,
        date=date(2017, 9, 25),
        text="Regionale netwerkbijeenkomst MVI",
    )
    CommunicationMomentFactory(plan=plan, date=date(2017, 7, 20), text="Artikel Helmond inside")
    CommunicationMomentFactory(
        plan=plan,
        date=date(2017, 10, 4),
        text="Persmoment Stop en Go",
        state=CommunicationMoment.State.PLANNED,
    )
    monitor = MonitorFactory(plan=plan, date=D, next_monitor_on=NEXT, summary="Op schema.")
    assert monitor.state == Monitor.State.DRAFT
    return report_for_date(plan=plan, on=D, monitor=monitor)
