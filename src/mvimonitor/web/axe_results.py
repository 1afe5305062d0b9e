"""The evidence of the accessibility statement: the axe results that the every-page
browser test writes (`make accessibility-report`, tests/e2e) to the file
settings.AXE_RESULTS, committed with the code it checked (ADR 0032).

The statement shows what this file says and nothing else. A missing or malformed file
is an error, never an empty list that would read as "no problems found": the system
check `mvimonitor.E001` (conf.checks) stops `runserver`, `migrate` and `make test` on
it, and the statement's page raises it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings


class AxeResultsError(Exception):
    """The results file is missing or does not hold the expected format."""


@dataclass(frozen=True)
class Violation:
    rule: str  # axe's rule id, e.g. "color-contrast"
    impact: str  # minor, moderate, serious or critical
    help: str  # axe's one-line description of the rule (English)
    pages: tuple[str, ...]  # the paths of the pages where it was found


@dataclass(frozen=True)
class AxeResults:
    checked_on: date
    axe_version: str
    standard: tuple[str, ...]  # axe's tags, e.g. "wcag21aa"
    viewports: tuple[int, ...]  # widths in CSS pixels
    page_count: int  # distinct paths checked
    check_count: int  # pages times the widths each was checked at
    failed_count: int  # of those checks, the ones that found a violation
    violations: tuple[Violation, ...]


def axe_results(path: Path | None = None) -> AxeResults:
    """The results in `path` (settings.AXE_RESULTS by default); AxeResultsError when the
    file is missing or not in the format the browser test writes."""
    path = Path(path or settings.AXE_RESULTS)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AxeResultsError(f"No axe results at {path}.") from None
    except (OSError, ValueError) as error:
        raise AxeResultsError(f"The axe results at {path} cannot be read: {error}") from None
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError) as error:
        raise AxeResultsError(f"The axe results at {path} are not in the format: {error}") from None


def _parse(data: dict[str, Any]) -> AxeResults:
    pages = data["pages"]
    if not isinstance(pages, list) or not pages:
        raise ValueError("no pages were checked")
    failed = sum(1 for page in pages if int(page["violations"]) > 0)
    violations = tuple(
        Violation(
            rule=_text(item["id"]),
            impact=_text(item["impact"]),
            help=_text(item["help"]),
            pages=tuple(_text(page) for page in item["pages"]),
        )
        for item in data["violations"]
    )
    if bool(failed) != bool(violations):
        raise ValueError("the pages' counts and the list of violations disagree")
    return AxeResults(
        checked_on=date.fromisoformat(data["checked_on"]),
        axe_version=_text(data["axe_version"]),
        standard=tuple(_text(tag) for tag in data["standard"]),
        viewports=tuple(sorted(int(width) for width in data["viewports"])),
        page_count=len({_text(page["path"]) for page in pages}),
        check_count=len(pages),
        failed_count=failed,
        violations=violations,
    )


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected a text, found {value!r}")
    return value
