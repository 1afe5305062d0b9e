"""`python -m benchmarks.instructions` (what `make bench-instructions` runs): the CPU
instructions that one request for a draft monitor's report page costs, on the Helmond
demo and on the generated plan of `make bench`, counted by valgrind's callgrind.

Wall-clock times move with the machine and with whatever else it runs (on these shared
2-core machines the same page measured 32 ms one day and 57 ms the next); an instruction
count does not: the same code, data and Python give the same count whatever else runs.
So this is how two versions of the code are compared (run it on each, on one machine);
`make bench` stays the measure against the targets in milliseconds.

The data is built natively in a temporary folder (as `make bench` builds it); then, per
plan, two processes run under callgrind: one that logs in and warms up (two requests),
and one that does the same and then N more requests. The difference divided by N is
the cost of one request: middleware, session, access check, view, queries, template.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import _configure

WARM_UP = 2


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions", description=__doc__)
    parser.add_argument("--requests", type=int, default=10, help="counted requests (default 10)")
    # The worker's arguments: the process valgrind runs.
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--email", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _work(folder: str, url: str, email: str, requests: int) -> None:
    """Log in, warm up, then request `url` `requests` times (under callgrind)."""
    _configure(Path(folder), None)
    from django.test import Client

    from mvimonitor.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    for _ in range(WARM_UP + requests):
        if client.get(url).status_code != 200:
            raise SystemExit(f"GET {url} did not answer 200.")


def _count(folder: str, url: str, email: str, requests: int) -> int:
    """The instructions callgrind collected for a worker doing `requests` requests."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "benchmarks.instructions",
        f"--folder={folder}",
        f"--url={url}",
        f"--email={email}",
        f"--requests={requests}",
    ]
    # A fixed hash seed: with a random one, dict and set layouts (and so the counts)
    # differ a little from run to run.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)  # noqa: S603
    found = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"callgrind reported no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def _subjects(folder: Path) -> list[tuple[str, str, str]]:
    """(label, draft page address, coordinator's e-mail) of each plan of `make bench`."""
    _configure(folder, None)
    from django.core.management import call_command
    from django.urls import reverse

    from benchmarks.scenarios import subjects_create

    call_command("migrate", verbosity=0)
    subjects = subjects_create(actions=2000, monitors=40)
    return [
        (
            subject.label,
            reverse(
                "monitoring:detail",
                kwargs={
                    "org_slug": subject.plan.organisation.slug,
                    "plan_slug": subject.plan.slug,
                    "day": subject.draft,
                },
            ),
            subject.user.email,
        )
        for subject in subjects
    ]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.folder:
        _work(args.folder, args.url, args.email, args.requests)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind).")
    with tempfile.TemporaryDirectory(prefix="mvi-instructions-") as folder:
        subjects = _subjects(Path(folder))
        print(f"Draft report page, instructions per request (mean of {args.requests}):")
        for label, url, email in subjects:
            base = _count(folder, url, email, 0)
            total = _count(folder, url, email, args.requests)
            print(f"  {label}: {(total - base) / args.requests / 1e6:,.1f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
