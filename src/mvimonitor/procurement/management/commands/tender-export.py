"""`mvi-monitor tender-export ORG -o tenders.xlsx [--contracts]`: an organisation's
tenders (or contracts) as a spreadsheet, .xlsx or .ods after the output's extension.

The module name has a hyphen so that Django's command name is `tender-export`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.procurement.exchange.commands import (
    FAILED,
    add_common_arguments,
    resolve_organisation,
)
from mvimonitor.procurement.exchange.services import contracts_export, tenders_export


class Command(BaseCommand):
    help = (
        "Export an organisation's tenders (or, with --contracts, its contracts) to .xlsx or .ods."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common_arguments(parser)
        parser.add_argument(
            "-o", "--output", required=True, help="the file to write: .xlsx, or .ods"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        fmt = "ods" if output.suffix.lower() == ".ods" else "xlsx"
        with acting_as(label="command tender-export"):
            organisation = resolve_organisation(options["organisation"])
            export = contracts_export if options["contracts"] else tenders_export
            content = export(organisation=organisation, fmt=fmt)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s") % {"file": output, "reason": error.strerror},
                returncode=FAILED,
            ) from error
        what = _("contracts") if options["contracts"] else _("tenders")
        self.stdout.write(
            _("Exported the %(what)s of %(organisation)s to %(file)s.")
            % {"what": what, "organisation": organisation.name, "file": output}
        )
