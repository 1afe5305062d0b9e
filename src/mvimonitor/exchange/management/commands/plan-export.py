"""`mvi-monitor plan-export PLAN -o plan.xlsx`: the plan's actions as a spreadsheet.

The module name has a hyphen so that Django's command name is `plan-export`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.commands import resolve_plan
from mvimonitor.exchange.services import plan_export_xlsx


class Command(BaseCommand):
    help = "Export the actions of a plan to an .xlsx file (withdrawn actions left out)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "plan", help="ORGANISATION/PLAN, or a plan slug only one organisation uses"
        )
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(label="command plan-export"):
            plan = resolve_plan(options["plan"])
            content = plan_export_xlsx(plan=plan)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": output, "reason": error.strerror}
            ) from error
        self.stdout.write(
            _("Exported the actions of %(plan)s to %(file)s.") % {"plan": plan.name, "file": output}
        )
