"""`mvi-monitor load_demo`: the demo organisations, users and plans (safe to rerun)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.demo.services import DemoLoadResult, DemoLogin, demo_load

DEFAULT_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Load the demo: Gemeente Helmond with its MVI-actieplan 2017-2020 (124 actions) and "
        "its monitors of 12 July and 20 September 2017, finalised on those days, the draft "
        "monitor of 22 November 2017 with its closed update round and an outside reviewer's "
        "comments, "
        "Gemeente Deurne with a small plan, one demo user per role and a site administrator "
        "(beheer@mvi.demo). Running it again "
        "changes nothing. Demo passwords are set and printed only when MVI_DEMO is true; "
        "otherwise the demo users get no usable password (use the password reset)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url", default=DEFAULT_URL, help="Address shown with the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(label="command load_demo"):
            result = demo_load(demo_mode=settings.DEMO_MODE)
        for plan in result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Created %(organisation)s: %(plan)s with %(count)d actions.")
                    % {
                        "organisation": plan.organisation.name,
                        "plan": plan.name,
                        "count": plan.actions.count(),
                    }
                )
            )
        for plan in result.present:
            self.stdout.write(
                _("%(organisation)s: %(plan)s is already there and was left as it is.")
                % {"organisation": plan.organisation.name, "plan": plan.name}
            )
        for monitor in result.monitors:
            message = (
                _("Finalised the monitor of %(date)s of %(plan)s.")
                if monitor.is_final
                else _(
                    "Added the monitor of %(date)s of %(plan)s as a draft (its date is to come)."
                )
            )
            values = {"date": date_format(monitor.date), "plan": monitor.plan.name}
            self.stdout.write(self.style.SUCCESS(message % values))
        for update_round in result.rounds:
            values = {
                "date": date_format(update_round.monitor.date),
                "deadline": date_format(update_round.deadline),
            }
            if update_round.closed_at is None:
                message = _(
                    "Added the update round for the monitor of %(date)s (deadline %(deadline)s)."
                )
            else:
                message = _(
                    "Added the update round for the monitor of %(date)s (deadline "
                    "%(deadline)s), closed on %(closed)s with its answers."
                )
                values["closed"] = date_format(timezone.localdate(update_round.closed_at))
            self.stdout.write(self.style.SUCCESS(message % values))
        self._write_logins(result, url=options["url"], demo_mode=settings.DEMO_MODE)

    def _write_logins(self, result: DemoLoadResult, *, url: str, demo_mode: bool) -> None:
        header: tuple[str, ...]
        rows: list[tuple[str, ...]]
        if demo_mode:
            self.stdout.write("\n" + _("Demo logins: open %(url)s and log in with") % {"url": url})
            header = (_("E-mail"), _("Password"), _("Role"), _("Organisation"))
            rows = [
                (login.email, login.password or "", _role(login), login.organisation or "-")
                for login in result.logins
            ]
        else:
            self.stdout.write(
                "\n"
                + _(
                    "Demo users (no passwords shown outside demo mode; set one with the password "
                    "reset or `mvi-monitor changepassword E-MAIL`):"
                )
            )
            header = (_("E-mail"), _("Role"), _("Organisation"))
            rows = [
                (login.email, _role(login), login.organisation or "-") for login in result.logins
            ]
        for line in format_table(header, rows):
            self.stdout.write(line)


def _role(login: DemoLogin) -> str:
    return str(login.role.label) if login.role is not None else _("site administrator")


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Plain-text columns, left-aligned, with a rule under the header."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = (header, tuple("-" * width for width in widths), *rows)
    return [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
