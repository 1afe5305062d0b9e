"""mvi-monitor send-reminders: send the reminders and summaries that are due now.

Meant for cron every few minutes (see docs/configuration.md, "Herinneringen versturen"):
each e-mail goes out once, also when two runs overlap. Exits 0 also when some e-mails
could not be sent; those are retried by the next run (docs/adr/0014-reminders.md).
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mvimonitor.audit.context import acting_as
from mvimonitor.reminders.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders and summaries of update rounds that are due now."

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(label="command send-reminders"):
            report = send_due_reminders()
        with translation.override(settings.LANGUAGE_CODE):
            if not (report.sent or report.failed or report.skipped):
                self.stdout.write(_("No reminders due."))
                return
            lines = [
                ngettext(
                    "%(count)d reminder sent to an owner.",
                    "%(count)d reminders sent to owners.",
                    report.owner_reminders,
                )
                % {"count": report.owner_reminders},
                ngettext(
                    "%(count)d summary sent to a coordinator.",
                    "%(count)d summaries sent to coordinators.",
                    report.summaries,
                )
                % {"count": report.summaries},
            ]
            if report.failed:
                lines.append(
                    ngettext(
                        "%(count)d e-mail could not be sent; the next run tries again.",
                        "%(count)d e-mails could not be sent; the next run tries again.",
                        report.failed,
                    )
                    % {"count": report.failed}
                )
            if report.skipped:
                lines.append(
                    ngettext(
                        "%(count)d e-mail was already being sent by another run.",
                        "%(count)d e-mails were already being sent by another run.",
                        report.skipped,
                    )
                    % {"count": report.skipped}
                )
        self.stdout.write(" ".join(lines))
