"""Every figure of the report is traceable: each count in the table (totals included),
each bar segment and each count of stale actions per period links to the list of
exactly the actions it counts, with their status on the monitor date (stale actions:
their last touch). And the report page costs a constant number of queries."""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.monitoring import services
from mvimonitor.plans import services as plan_services
from mvimonitor.plans.models import Action, StatusChange
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from tests.factories import ActionFactory, PeriodFactory
from tests.monitoring.factories import MonitorFactory, frozen_monitor
from tests.monitoring.helpers import change, url

D = date(2017, 9, 20)


@pytest.fixture(autouse=True)
def _english_pages(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


class FigureLinks(HTMLParser):
    """The figure links of a report page: those in the table with the number they show,
    and those of the chart's bar segments."""

    def __init__(self) -> None:
        super().__init__()
        self.table: list[tuple[str, int]] = []
        self.stale: list[tuple[str, int]] = []  # the table of stale actions per period
        self.chart: list[str] = []
        self._in_table: list[tuple[str, int]] | None = None
        self._in_svg = False
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "table" and "report-table" in classes:
            self._in_table = self.table
        elif tag == "table" and "report-stale" in classes:
            self._in_table = self.stale
        elif tag == "svg":
            self._in_svg = True
        elif tag == "a" and "/figures/" in (attributes.get("href") or ""):
            self._href, self._text = attributes["href"], ""
            if self._in_svg:
                self.chart.append(self._href or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = None
        elif tag == "svg":
            self._in_svg = False
        elif tag == "a" and self._href and self._in_table is not None:
            self._in_table.append((self._href.replace("&amp;", "&"), int(self._text.strip())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href:
            self._text += data


def figure_links(page: str) -> FigureLinks:
    parser = FigureLinks()
    parser.feed(page)
    return parser


@pytest.fixture
def varied_plan(world):
    """Two periods with actions in every status on D, plus actions that must not count:
    added after D, withdrawn before D, and changes made after D."""
    start, ongoing = world.plan.periods.order_by("position")
    later = PeriodFactory(plan=world.plan, name="Aan de slag in 2018-2020", position=2)
    statuses = [Status.COMPLETED, Status.RUNNING, Status.POSTPONED, Status.CANCELLED]
    for number, (period, status) in enumerate(
        [(p, s) for p in (start, ongoing) for s in statuses] + [(start, Status.COMPLETED)]
    ):
        action = ActionFactory(plan=world.plan, period=period, code=f"V{number:02d}")
        if status in (Status.COMPLETED, Status.CANCELLED):
            change(action, status, date(2017, 6, 1))
        else:
            change(action, Status.RUNNING, date(2017, 6, 1))
            if status == Status.POSTPONED:
                change(action, Status.POSTPONED, date(2017, 8, 1))
    ActionFactory(
        plan=world.plan,
        period=later,
        code="N1",
        added_on=date(2017, 10, 1),
        status_since=date(2017, 10, 1),
    )
    withdrawn = ActionFactory(plan=world.plan, period=ongoing, code="W1")
    plan_services.action_withdraw(
        action=withdrawn, expected_version=withdrawn.version, by=None, withdrawn_on=date(2017, 9, 1)
    )
    change(world.unowned_action, Status.COMPLETED, date(2017, 10, 5))  # after D
    return world.plan


def assert_every_figure_lists_exactly_its_actions(client, plan) -> None:
    page = client.get(url("detail", day=D)).content.decode()
    links = figure_links(page)
    periods = plan.periods.count()
    # Per period and for the totals row: the total and one count per status.
    assert len(links.table) == (periods + 1) * (len(STATUS_ORDER) + 1)
    for href, figure in links.table:
        response = client.get(href)
        assert response.status_code == 200, href
        assert len(response.context["actions"]) == figure, href
        assert response.context["figure"] == figure, href
        assert not response.context["history_changed"], href
    # Each bar segment leads to the same list as its cell in the table.
    assert links.chart
    table = dict(links.table)
    for href in links.chart:
        assert table[href.replace("&amp;", "&")] > 0
    # Stale actions: one count per period and the total, each its list of stale actions.
    assert len(links.stale) == periods + 1
    *per_period, (_total_href, total) = links.stale
    assert total == sum(figure for _href, figure in per_period) > 0
    stale = set()
    for href, figure in links.stale:
        response = client.get(href)
        assert response.status_code == 200, href
        assert "stale=1" in href and len(response.context["actions"]) == figure, href
        assert response.context["figure"] == figure, href
        assert not response.context["history_changed"], href
        stale |= {a.code for a in response.context["actions"]}
    # V01 runs since 1 June, untouched since: stale on D; V06 was postponed on 1 August.
    assert "V01" in stale and "V06" not in stale


def test_every_figure_of_a_draft_lists_exactly_its_actions(world, login, varied_plan):
    MonitorFactory(plan=varied_plan, date=D)
    assert_every_figure_lists_exactly_its_actions(login(world.viewer), varied_plan)


def test_every_figure_of_a_freshly_finalised_monitor_lists_exactly_its_actions(
    world, login, varied_plan
):
    monitor = MonitorFactory(plan=varied_plan, date=D)
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    assert_every_figure_lists_exactly_its_actions(login(world.viewer), varied_plan)


def test_the_list_shows_each_actions_status_on_the_monitor_date(world, login, varied_plan):
    MonitorFactory(plan=varied_plan, date=D)
    period = world.unowned_action.period_id

    response = login(world.viewer).get(
        url("figure", day=D) + f"?period={period}&status=not_started"
    )

    actions = response.context["actions"]
    assert world.unowned_action in actions  # completed only after D
    assert {a.status_on for a in actions} == {"not_started"}
    page = response.content.decode()
    assert world.unowned_action.title in page and "status--not-started" in page


def test_a_changed_history_after_finalising_is_said_not_hidden(world, login, varied_plan):
    monitor = MonitorFactory(plan=varied_plan, date=D)
    services.monitor_finalise(monitor=monitor, by=world.coordinator)
    period = world.unowned_action.period_id
    link = url("figure", day=D) + f"?period={period}&status=completed"
    client = login(world.viewer)
    frozen = len(client.get(link).context["actions"])

    running = Action.objects.get(plan=varied_plan, code="V01")
    assert running.period_id == period and running.status == Status.RUNNING
    change(running, Status.COMPLETED, date(2017, 9, 1))  # back-dated before D
    response = client.get(link)

    assert response.context["figure"] == frozen
    assert len(response.context["actions"]) == frozen + 1
    assert response.context["history_changed"]
    assert "The history has changed since this monitor was finalised" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?status=done",
        "?period=abc",
        "?period=999999",
        "?period=-1&status=running",
        "?stale=yes",
        "?stale=1&status=running",
        "?stale=1&period=999999",
    ],
)
def test_a_figure_that_does_not_exist_is_not_found(world, login, query):
    MonitorFactory(plan=world.plan, date=D)
    assert login(world.viewer).get(url("figure", day=D) + query).status_code == 404


def test_a_period_of_another_plan_is_not_found(world, login):
    MonitorFactory(plan=world.plan, date=D)
    other_period = world.other_action.period_id
    response = login(world.viewer).get(url("figure", day=D) + f"?period={other_period}")
    assert response.status_code == 404


# -- a constant number of queries ---------------------------------------------------------

MAX_QUERIES = 20  # a draft: 20 (the report: 10, and 3 for tenders, contracts and targets), final: 8


def grow(plan, actions: int, monitors: int, start: int = 0) -> None:
    """More actions (a third completed) and more finalised monitors before D."""
    periods = list(plan.periods.all())
    for number in range(start, start + actions):
        action = ActionFactory(plan=plan, period=periods[number % 2], code=f"Q{number:04d}")
        if number % 3 == 0:
            change(action, Status.COMPLETED, date(2017, 5, 1 + number % 28))
    for number in range(start, start + monitors):
        frozen_monitor(plan, date(2017, 4, 2) + timedelta(days=3 * number))


def report_queries(client, final: bool) -> int:
    if final:
        client.post(url("finalise", day=D))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("detail", day=D)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
@pytest.mark.parametrize(("actions", "monitors"), [(10, 1), (200, 12)])
def test_the_report_page_runs_a_bounded_number_of_queries(
    world, login, django_assert_max_num_queries, actions, monitors, final
):
    grow(world.plan, actions, monitors)
    MonitorFactory(plan=world.plan, date=D)
    client = login(world.viewer if not final else world.coordinator)
    if final:
        client.post(url("finalise", day=D))
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url("detail", day=D)).status_code == 200


def grow_in_bulk(plan, actions: int, start: int) -> None:
    """Many actions at once (a third completed in May 2017), history rows included."""
    periods = list(plan.periods.all())
    numbers = range(start, start + actions)
    created = Action.objects.bulk_create(
        Action(
            plan=plan,
            period=periods[n % 2],
            code=f"Q{n:04d}",
            title=f"Actie {n}",
            added_on=plan.adopted_on,
            status=Status.COMPLETED if n % 3 == 0 else Status.NOT_STARTED,
        )
        for n in numbers
    )
    StatusChange.objects.bulk_create(
        StatusChange(action=a, to_status=Status.NOT_STARTED, effective_on=plan.adopted_on)
        for a in created
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            action=a,
            from_status=Status.NOT_STARTED,
            to_status=Status.COMPLETED,
            effective_on=date(2017, 5, 1 + n % 28),
        )
        for n, a in zip(numbers, created, strict=True)
        if n % 3 == 0
    )


@pytest.mark.parametrize("final", [False, True], ids=["draft", "final"])
def test_the_report_page_costs_the_same_queries_at_10_and_1000_actions(world, login, final):
    MonitorFactory(plan=world.plan, date=D)
    client = login(world.coordinator)
    grow(world.plan, 10, 1)
    small = report_queries(client, final)
    if final:
        client.post(url("reopen", day=D), {"reason": "Meer acties"})
    grow_in_bulk(world.plan, 990, start=10)
    grow(world.plan, 0, 19, start=1)
    assert report_queries(client, final) == small
