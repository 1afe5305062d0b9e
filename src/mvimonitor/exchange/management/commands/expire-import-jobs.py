"""`mvi-monitor expire-import-jobs`: fail every import whose process died (its lease ran
out), and every upload its user left unfinished in the guided import for a day
(jobs.SETUP_KEPT), and remove its upload. The status page and each new import do this
too; run it from cron (every few minutes) so that uploads do not wait for either. See
docs/adr/0021-fast-import-and-job-lease.md.

The module name has hyphens so that Django's command name is `expire-import-jobs`."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from mvimonitor.exchange.jobs import import_jobs_expire


class Command(BaseCommand):
    help = "Fail the imports whose process stopped working on them, and remove their uploads."

    def handle(self, *args: Any, **options: Any) -> None:
        count = import_jobs_expire()
        if options["verbosity"] > 0:
            message = _("Imports failed because their process stopped: %(count)s")
            self.stdout.write(message % {"count": count})
