"""`mvi-monitor report --plan PLAN --monitor YYYY-MM-DD --format json|html|pdf|xlsx|docx
[--variant council|full] [-o FILE]`: a monitor's report for automation (a cron job that
mails the council).

A final monitor is rendered from its current frozen edition (the variant's PDF byte for
byte as stored at finalising); a draft from the live figures as of its date, with the
plan's composition of the variant (ADR 0025)."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.commands import BAD_PLAN, resolve_plan
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.outputs import report_file
from mvimonitor.monitoring.selectors import monitor_report
from mvimonitor.monitoring.variants import DEFAULT_VARIANT, ReportVariant

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

FORMATS = ("json", "html", "pdf", "xlsx", "docx")


class Command(BaseCommand):
    help = "Print or save the report of a monitor as JSON, HTML, PDF, Excel or Word."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan",
            required=True,
            help="ORGANISATION/PLAN, or a plan slug only one organisation uses",
        )
        parser.add_argument(
            "--monitor", required=True, metavar="YYYY-MM-DD", help="the date of the monitor"
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="default: json")
        parser.add_argument(
            "--variant",
            choices=ReportVariant.values,
            default=DEFAULT_VARIANT.value,
            help="council: the council version; full: the full version (default)",
        )
        parser.add_argument("-o", "--output", help="the file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(label="command report"):
            plan = resolve_plan(options["plan"])
            monitor = _monitor(plan, options["monitor"])
            content = _render(monitor, options["format"], options["variant"])
        if options["output"]:
            self._save(Path(options["output"]), content)
        elif isinstance(content, bytes):
            self.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            self.stdout.write(content)

    def _save(self, output: Path, content: str | bytes) -> None:
        data = content.encode() if isinstance(content, str) else content
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": output, "reason": error.strerror}
            ) from error


def _monitor(plan: ActionPlan, value: str) -> Monitor:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date; write the monitor date as YYYY-MM-DD.")
            % {"value": value},
            returncode=BAD_PLAN,
        ) from None
    monitor = Monitor.objects.filter(plan=plan, date=day).select_related("plan__organisation")
    found = monitor.first()
    if found is None:
        dates = Monitor.objects.filter(plan=plan).order_by("date").values_list("date", flat=True)
        known = ", ".join(d.isoformat() for d in dates) or _("none yet")
        raise CommandError(
            _("The plan %(plan)s has no monitor on %(date)s. Its monitors: %(dates)s.")
            % {"plan": plan.name, "date": date_format(day), "dates": known},
            returncode=BAD_PLAN,
        )
    return found


def _render(monitor: Monitor, form: str, variant: str) -> str | bytes:
    report, edition = monitor_report(monitor=monitor, variant=variant)
    content = report_file(
        report=report, fmt=form, organisation=monitor.plan.organisation, edition=edition
    )
    return content.decode() if form in ("json", "html") else content
