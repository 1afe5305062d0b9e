"""What the tender-export and tender-import commands share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from mvimonitor.exchange.problems import SpreadsheetError
from mvimonitor.exchange.reading import check_size
from mvimonitor.procurement.exchange.selectors import organisation_by_slug

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: Exit status for a wrong argument, an unreadable file or a file with errors.
FAILED = 2


def add_common_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help="the organisation's short name, e.g. helmond")
    parser.add_argument(
        "--contracts",
        action="store_true",
        help="contracts (with their suppliers) instead of tenders",
    )


def resolve_organisation(slug: str) -> Organisation:
    organisation = organisation_by_slug(slug=slug)
    if organisation is None:
        raise CommandError(
            _("There is no organisation “%(organisation)s”.") % {"organisation": slug},
            returncode=FAILED,
        )
    return organisation


def read_file(path: Path) -> bytes:
    try:
        check_size(path.stat().st_size)
        with path.open("rb") as handle:
            return handle.read(settings.IMPORT_MAX_BYTES + 1)
    except SpreadsheetError as error:
        raise CommandError(error.message, returncode=FAILED) from error
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": error.strerror},
            returncode=FAILED,
        ) from error
