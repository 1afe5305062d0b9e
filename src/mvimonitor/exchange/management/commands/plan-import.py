"""`mvi-monitor plan-import PLAN FILE`: upsert a plan's actions from a spreadsheet, all
or nothing, guided as in the browser (ADR 0029):

    mvi-monitor plan-import PLAN FILE [--sheet NAME] [--baseline-date D]
        [--map "HEADER=field" ...] [--period "VALUE=Period name|new" ...]
        [--theme "VALUE=code|new" ...] [--dry-run]

Columns are guessed from their headers (synonyms, and the plan's remembered mapping);
`--map` says what a column is where the guess is wrong or missing. Exit status 0 when
imported (or, with --dry-run, when the file could be), 1 when the file has problems
(each printed as "Rij N, kolom X: ..."), 2 when the columns cannot all be placed or an
argument is wrong.

The module name has a hyphen so that Django's command name is `plan-import`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.columns import BY_FIELD, Field, field_named, header_key
from mvimonitor.exchange.commands import resolve_plan
from mvimonitor.exchange.guided import (
    NEW,
    ImportSettings,
    Inspection,
    import_preview,
    inspect_import,
)
from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size
from mvimonitor.exchange.services import PlanImportResult, plan_import
from mvimonitor.exchange.values import STATUS_DUTCH, parse_date
from mvimonitor.plans.workflow import Status

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

#: Exit status when the columns cannot all be placed, or an argument is wrong.
NO_MAPPING = 2
#: What --period and --theme take for "create it".
_NEW_WORDS = {"new", "nieuw"}


def _baseline(text: str) -> date:
    try:
        day = parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    if day is None:
        raise argparse.ArgumentTypeError(_("Give a date as dd-mm-yyyy."))
    return day


def _pair(text: str, *, last: bool = False) -> tuple[str, str]:
    left, sign, right = text.rpartition("=") if last else text.partition("=")
    if not sign or not left.strip():
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not of the form NAME=VALUE.") % {"value": text}
        )
    return left.strip(), right.strip()


def _column(text: str) -> tuple[str, str]:
    """--map "HEADER=field": a header may hold "=", a field never does."""
    header, name = _pair(text, last=True)
    found = field_named(name)
    if found is None:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a field. Use one of: %(fields)s, or - to leave it out.")
            % {"value": name, "fields": ", ".join(f.value for f in Field)}
        )
    return header_key(header), found


def _value(text: str) -> tuple[str, str]:
    value, target = _pair(text)
    return value, NEW if target.casefold() in _NEW_WORDS else target


class Command(BaseCommand):
    help = (
        "Import the actions of a plan from an .xlsx, .ods or .csv file (all rows or none); "
        "the columns are guessed from their headers unless --map says otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "plan", help="ORGANISATION/PLAN, or a plan slug only one organisation uses"
        )
        parser.add_argument("file", help="the .xlsx, .ods or .csv file to read")
        parser.add_argument("--sheet", help="the sheet to read (default: the first)")
        parser.add_argument(
            "--baseline-date",
            type=_baseline,
            help="the date of every status without a date of its own (default: today)",
        )
        parser.add_argument(
            "--map",
            type=_column,
            action="append",
            default=[],
            metavar="HEADER=field",
            help="read the column HEADER as field (a code like due_date, a header like "
            "Einddatum, or - to leave it out); may be repeated",
        )
        parser.add_argument(
            "--period",
            type=_value,
            action="append",
            default=[],
            metavar="VALUE=PERIOD",
            help="read the period VALUE as the plan's PERIOD, or 'new' to add it",
        )
        parser.add_argument(
            "--theme",
            type=_value,
            action="append",
            default=[],
            metavar="VALUE=CODE",
            help="read the theme VALUE as the theme with code CODE, or 'new' to add it",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen; save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = resolve_plan(options["plan"])
        path = Path(options["file"])
        data = self._read(path)
        choices = ImportSettings(
            sheet=options["sheet"],
            columns=dict(options["map"]) or None,
            periods=dict(options["period"]),
            themes=dict(options["theme"]),
            baseline=options["baseline_date"],
        )
        inspection = inspect_import(plan=plan, data=data, filename=path.name, settings=choices)
        self._check(inspection, choices)
        # Run from the command line by whoever operates the installation: coordinator
        # rights (a cancelled action may be restarted, periods and themes added).
        with acting_as(label="command plan-import"):
            if options["dry_run"]:
                self._dry_run(
                    plan=plan,
                    data=data,
                    filename=path.name,
                    choices=choices,
                    rows=options["verbosity"] > 1,
                )
                return
            result = plan_import(
                plan=plan,
                data=data,
                filename=path.name,
                by=None,
                is_coordinator=True,
                settings=choices,
            )
        self._report(result, plan.name)

    def _check(self, inspection: Inspection, choices: ImportSettings) -> None:
        """Stop (status 1) when the file cannot be read, (status 2) when its columns
        cannot all be placed; else say which columns are not read and what date the
        statuses without one get."""
        if inspection.problems:
            raise CommandError("\n".join(str(p) for p in inspection.problems))
        headers = {header_key(c.header) for c in inspection.columns}
        unknown = [k for k in (choices.columns or {}) if k not in headers]
        if unknown or not inspection.usable:
            raise CommandError(self._unplaced(inspection, bool(unknown)), returncode=NO_MAPPING)
        if inspection.left_out:
            self.stdout.write(
                _("Columns not read: %(headers)s.") % {"headers": ", ".join(inspection.left_out)}
            )
        if inspection.baseline_needed and choices.baseline is None:
            self.stdout.write(self._baseline_note(inspection))

    def _unplaced(self, inspection: Inspection, unknown_map: bool) -> str:
        lines = [_("The columns of the file cannot all be placed; nothing was imported.")]
        if unknown_map:
            lines.append(
                _("--map names a column the file does not have. Its columns are: %(headers)s.")
                % {"headers": ", ".join(c.header for c in inspection.columns)}
            )
        if inspection.missing:
            names = [f"{BY_FIELD[Field(f)].header} ({f})" for f in inspection.missing]
            lines.append(_("No column holds: %(fields)s.") % {"fields": ", ".join(names)})
        for name in inspection.duplicates:
            headers = [c.header for c in inspection.columns if c.field == name]
            lines.append(
                _("More than one column holds %(field)s: %(headers)s.")
                % {"field": name, "headers": ", ".join(headers)}
            )
        if inspection.left_out:
            lines.append(
                _("Columns not placed: %(headers)s.") % {"headers": ", ".join(inspection.left_out)}
            )
        lines.append(
            _('Say which column holds what with --map "HEADER=field", e.g. --map "Nr.=code".')
        )
        return "\n".join(lines)

    def _baseline_note(self, inspection: Inspection) -> str:
        note = _(
            "Statuses without a date of their own take effect today; give a baseline date "
            "with --baseline-date."
        )
        if inspection.proposed_baseline:
            note += " " + _("For a first import, the plan's adoption date fits: %(date)s.") % {
                "date": inspection.proposed_baseline.strftime("%d-%m-%Y")
            }
        return note

    def _dry_run(
        self, *, plan: ActionPlan, data: bytes, filename: str, choices: ImportSettings, rows: bool
    ) -> None:
        """The preview's problems and counts (with -v 2 each status change too)."""
        preview = import_preview(
            plan=plan, data=data, filename=filename, settings=choices, by=None, is_coordinator=True
        )
        for problem in preview.problems:
            self.stderr.write(str(problem))
        for row in preview.rows if rows else []:
            if row.status_change:
                before, after, day = row.status_change
                self.stdout.write(
                    _("Row %(row)s (%(code)s): status %(before)s → %(after)s on %(date)s")
                    % {
                        "row": row.number,
                        "code": row.code,
                        "before": STATUS_DUTCH[Status(before)] if before else "-",
                        "after": STATUS_DUTCH[Status(after)],
                        "date": date_format(day, "d-m-Y"),
                    }
                )
        self.stdout.write(
            _(
                "Dry run, nothing saved: %(new)s new, %(changed)s changed, "
                "%(status_changes)s status changes, %(unchanged)s unchanged."
            )
            % preview.counts
        )
        if preview.problems:
            raise CommandError(
                _("The file has %(count)s error(s).") % {"count": len(preview.problems)}
            )

    def _report(self, result: PlanImportResult, plan_name: str) -> None:
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s error(s).") % {"count": len(result.problems)}
            )
        self.stdout.write(
            _(
                "Imported %(rows)s rows into %(plan)s: %(created)s new, %(updated)s changed, "
                "%(status_changes)s status changes, %(unchanged)s unchanged."
            )
            % {"plan": plan_name, **result.summary()}
        )

    def _read(self, path: Path) -> bytes:
        try:
            check_size(path.stat().st_size)
            with path.open("rb") as handle:
                return handle.read(settings.IMPORT_MAX_BYTES + 1)
        except SpreadsheetError as error:
            raise CommandError(error.message) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror}
            ) from error
