"""`python -m benchmarks.run` (what `make bench` runs): time the monitor report on the
Helmond demo and on a generated plan of thousands of actions, and the saving stage of a
10,000-row plan import, in a throwaway database.

Not a test: it prints a table of median times and query counts with the targets of
issues 3 and 12 (PASS/MISS), for docs/performance.md. It never touches the configured
database: SQLite in a temporary folder unless --database-url names another throwaway one.
"""

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.scenarios import Line


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per line (default 20)")
    parser.add_argument("--actions", type=int, default=2000, help="actions in the large plan")
    parser.add_argument("--monitors", type=int, default=40, help="its finalised monitors")
    parser.add_argument("--tenders", type=int, default=500, help="its organisation's tenders")
    parser.add_argument("--contracts", type=int, default=300, help="and contracts")
    parser.add_argument("--targets", type=int, default=20, help="its targets")
    parser.add_argument(
        "--import-rows", type=int, default=10_000, help="rows of the imported workbooks"
    )
    parser.add_argument("--import-runs", type=int, default=3, help="imports of each workbook")
    parser.add_argument(
        "--only", choices=["reports", "import"], help="measure the reports or the import only"
    )
    parser.add_argument(
        "--database-url",
        help="a THROWAWAY database to use instead of SQLite in a temporary folder "
        "(it is migrated and filled)",
    )
    return parser.parse_args(argv)


def _configure(folder: Path, database_url: str | None) -> None:
    """Settings as in production where it matters for speed (no debug), before Django
    reads them."""
    os.environ["MVI_DATA_DIR"] = str(folder)
    (folder / "static").mkdir(exist_ok=True)  # WhiteNoise warns when STATIC_ROOT is missing
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["MVI_DEBUG"] = "false"
    os.environ["MVI_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvimonitor.conf.settings")
    import django

    django.setup()


def _machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    from django.db import connection

    database = connection.vendor
    if database == "sqlite":
        database += f" {sqlite3.sqlite_version}"
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"Django {__import__('django').get_version()}, {database}"
    )


def _load() -> str:
    """Other work on the machine inflates the medians; the load average says how much
    there was."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _table(lines: "list[Line]") -> list[str]:
    rows = [("What", "median ms", "best ms", "queries", "target ms", "")]
    subject = None
    out: list[str] = []
    for line in lines:
        if line.subject != subject:
            subject = line.subject
            rows.append((f"== {subject}", "", "", "", "", ""))
        target = f"<= {line.target_ms:,.0f}" if line.target_ms is not None else ""
        rows.append(
            (
                line.what,
                f"{line.measurement.median_ms:,.1f}",
                f"{line.measurement.best_ms:,.1f}",
                str(line.measurement.queries),
                target,
                line.verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows if not row[0].startswith("==")) for i in range(6)]
    for row in rows:
        if row[0].startswith("=="):
            out.append(row[0])
            continue
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return out


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="mvi-bench-") as folder:
        _configure(Path(folder), args.database_url)
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        lines = [] if args.only == "import" else _report_lines(args, started)
        if args.only != "reports":
            lines += _import_lines(args)
        for text in _table(lines):
            print(text)
    missed = [line for line in lines if line.verdict == "MISS"]
    print(f"\n{len(missed)} target(s) missed." if missed else "\nAll targets met.")
    return 0


def _report_lines(args: argparse.Namespace, started: float) -> "list[Line]":
    from benchmarks.scenarios import subject_contents, subject_lines, subjects_create

    subjects = subjects_create(
        actions=args.actions,
        monitors=args.monitors,
        tenders=args.tenders,
        contracts=args.contracts,
        targets=args.targets,
    )
    print(f"Data ready in {time.perf_counter() - started:.1f} s. Machine: {_machine()}.")
    for subject in subjects:
        print(subject_contents(subject))
    print(
        f"Median and best of {args.runs} runs after one warm-up; queries of one run. "
        f"Load average at the start: {_load()}.\n"
    )
    return [line for subject in subjects for line in subject_lines(subject, runs=args.runs)]


def _import_lines(args: argparse.Namespace) -> "list[Line]":
    from benchmarks.imports import IMPORT_SAVE_TARGET_MS, import_measurements
    from benchmarks.scenarios import Line

    rows = args.import_rows
    print(
        f"Plan import of {rows:,} rows, {args.import_runs} runs, each into a plan of its own, "
        "the first file a list with other headers and everyday statuses read by the guided "
        "import with a baseline date, each previewed first; "
        f"load average at the start: {_load()}. Machine: {_machine()}."
    )
    found = import_measurements(rows=rows, runs=args.import_runs)
    summary = found.again_summary
    print(
        f"The second file: {summary['updated']:,} actions changed, "
        f"{summary['status_changes']:,} status changes, {summary['unchanged']:,} unchanged.\n"
    )
    subject = f"Plan import, {rows:,} rows (median and best of {args.import_runs})"
    return [
        Line(subject, "Saving stage, every row new", found.new_save, IMPORT_SAVE_TARGET_MS),
        Line(subject, "Saving stage, the rows again", found.again_save, IMPORT_SAVE_TARGET_MS),
        Line(subject, "  saving stage, new: CPU time", found.new_save_cpu),
        Line(subject, "  saving stage, again: CPU time", found.again_save_cpu),
        Line(subject, "  whole import, new (read, check, save)", found.new_total),
        Line(subject, "  whole import, again", found.again_total),
        Line(subject, "  preview of the new file (read, check, nothing saved)", found.new_preview),
    ]


if __name__ == "__main__":
    sys.exit(main())
