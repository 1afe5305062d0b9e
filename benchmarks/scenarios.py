"""What `make bench` measures, on two plans: the Helmond demo (124 actions, two finalised
monitors, 12 tenders and 2 targets, loaded as `make demo` does) and a generated plan of
thousands of actions with a finalised monitor every four weeks and a register of 500
tenders, 300 contracts and 20 targets. For each: the report page of a draft (live figures)
and of a finalised monitor (its frozen edition), the JSON, PDF, Excel and Word downloads
of the draft (rendered on request), the report's computation alone, and one raw SQL
aggregate of the same figures."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponseBase
from django.test import Client
from django.urls import reverse

from benchmarks.generate import bench_plan_create
from benchmarks.measure import Measurement, measure, raw_counts_agree, raw_status_counts
from mvimonitor.accounts.models import User
from mvimonitor.audit.context import acting_as
from mvimonitor.demo.services import demo_load
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.selectors import report_for_date
from mvimonitor.monitoring.services import monitor_create
from mvimonitor.plans.models import ActionPlan
from mvimonitor.targets.report_data import tenders_planned

PDF_TARGET_MS = 1500.0
EXCEL_TARGET_MS = 1000.0
DOCX_TARGET_MS = 1000.0  # issue 13: the Word document within 1 s at 2,000 actions
HELMOND_DRAFT = date(2017, 11, 22)


@dataclass(frozen=True)
class Subject:
    label: str
    plan: ActionPlan
    user: User
    draft: date  # a draft monitor: shows live figures
    final: date  # a finalised monitor: shows its frozen edition
    page_target_ms: float


@dataclass(frozen=True)
class Line:
    subject: str
    what: str
    measurement: Measurement
    target_ms: float | None = None

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        return "PASS" if self.measurement.median_ms <= self.target_ms else "MISS"


def subjects_create(
    *, actions: int, monitors: int, tenders: int = 500, contracts: int = 300, targets: int = 20
) -> list[Subject]:
    with acting_as(label="benchmark"):
        demo_load(demo_mode=False)
        helmond = ActionPlan.objects.select_related("organisation").get(
            organisation__slug="helmond", slug="helmond-mvi"
        )
        coordinator = User.objects.get(email="coordinator@helmond.demo")
        if not Monitor.objects.filter(plan=helmond, date=HELMOND_DRAFT).exists():
            # the demo creates this draft itself (with its update round) since ADR 0013
            monitor_create(plan=helmond, by=coordinator, date=HELMOND_DRAFT)
        bench = bench_plan_create(
            actions=actions,
            monitors=monitors,
            tenders=tenders,
            contracts=contracts,
            targets=targets,
        )
    count = bench.plan.actions.count()
    return [
        Subject(
            f"Helmond demo ({helmond.actions.count()} actions, 2 finalised monitors)",
            helmond,
            coordinator,
            draft=HELMOND_DRAFT,
            final=date(2017, 9, 20),
            page_target_ms=30.0,
        ),
        Subject(
            f"Generated plan ({count:,} actions, {len(bench.monitor_dates)} finalised monitors, "
            f"{bench.register.tenders} tenders, {bench.register.contracts} contracts, "
            f"{bench.register.targets} targets)",
            bench.plan,
            bench.coordinator,
            draft=bench.draft_date,
            final=bench.monitor_dates[-1],
            page_target_ms=100.0,
        ),
    ]


def subject_contents(subject: Subject) -> str:
    """What the draft's report holds, so the sizes behind the times are on record."""
    report = report_for_date(plan=subject.plan, on=subject.draft)
    tenders = report.section("tenders_targets")
    planned_tenders = tenders_planned(tenders, report.monitor_date, report.window_end)
    return (
        f"{subject.label}: draft of {subject.draft} counts {report.total} actions; "
        f"{len(report.realised)} realised, {len(report.planned)} planned, "
        f"{len(report.attention_points)} attention points, {len(report.trend)} trend points; "
        f"tenders: {tenders.tender_count} in the register, {len(tenders.tenders_changed)} "
        f"changed phase, {len(planned_tenders)} planned; {len(tenders.contracts)} contracts "
        f"awarded, {len(tenders.targets)} targets"
    )


def subject_lines(subject: Subject, *, runs: int) -> list[Line]:
    client = Client()
    client.force_login(subject.user)
    plan = subject.plan
    keys = {"org_slug": plan.organisation.slug, "plan_slug": plan.slug}

    def page(day: date) -> Callable[[], None]:
        return _get(client, reverse("monitoring:detail", kwargs={**keys, "day": day}))

    def download(fmt: str) -> Callable[[], None]:
        url = reverse("monitoring:download", kwargs={**keys, "day": subject.draft, "fmt": fmt})
        return _get(client, url)

    if not raw_counts_agree(plan=plan, on=subject.draft):
        raise SystemExit(f"The raw SQL aggregate disagrees with the selector for {plan}.")
    cases: list[tuple[str, Callable[[], object], float | None]] = [
        ("Report page, draft (live figures)", page(subject.draft), subject.page_target_ms),
        ("Report page, finalised (frozen)", page(subject.final), subject.page_target_ms),
        ("JSON report, draft", download("json"), None),
        ("PDF, draft (rendered now)", download("pdf"), PDF_TARGET_MS),
        ("Excel, draft", download("xlsx"), EXCEL_TARGET_MS),
        ("Word, draft", download("docx"), DOCX_TARGET_MS),
        ("  report_for_date alone", lambda: report_for_date(plan=plan, on=subject.draft), None),
        ("  one raw SQL aggregate", lambda: raw_status_counts(plan=plan, on=subject.draft), None),
    ]
    return [
        Line(subject.label, what, measure(work, runs=runs), target) for what, work, target in cases
    ]


def _get(client: Client, url: str) -> Callable[[], None]:
    def work() -> None:
        response: HttpResponseBase = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}.")
        # Read a streamed body too: producing it is part of the server's time.
        for _chunk in response:
            pass

    return work
