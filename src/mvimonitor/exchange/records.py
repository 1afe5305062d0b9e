"""What a plan import leaves behind, and undoing it as a whole (issue 14, item 4).

Every import that wrote something leaves a PlanImportRecord, written in the import's
own transaction from what `plans.services.actions_save_many` reports it wrote.
`plan_import_undo` undoes it in one transaction when nothing has used its work since
(`selectors.undo_refusals` says why not, in the user's words), through plans.services
for the writes. See docs/adr/0027-corrections-undo-and-deletion.md.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from mvimonitor.exchange import selectors
from mvimonitor.exchange.importing import PlanImportResult
from mvimonitor.exchange.models import ImportJob, PlanImportRecord
from mvimonitor.kernel.locking import StaleRecordError, locked_update
from mvimonitor.plans import services as plan_services

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.kernel.imports import ImportResult
    from mvimonitor.plans.models import ActionPlan


class StaleImportRecordError(StaleRecordError):
    """The import was undone (or its record changed) since the page was read."""

    record = gettext_lazy("this import")


def import_record_create(
    *,
    plan: ActionPlan,
    written: plan_services.Written,
    result: ImportResult,
    file_name: str,
    by: User | None,
    job: ImportJob | None = None,
    created_periods: Collection[int] = (),
    created_themes: Collection[int] = (),
) -> PlanImportRecord | None:
    """The record of an import that wrote something (None when it wrote nothing).
    Call it inside the import's transaction."""
    if not (written.created or written.versions or created_periods or created_themes):
        return None
    return PlanImportRecord.objects.create(
        plan=plan,
        job=job,
        by=by,
        file_name=file_name[:255],
        summary=result.summary(),
        created_actions=sorted(written.created),
        status_changes=sorted(written.status_changes),
        earlier={str(pk): values for pk, values in written.earlier.items()},
        earlier_themes={str(pk): ids for pk, ids in written.earlier_themes.items()},
        versions={str(pk): list(pair) for pk, pair in written.versions.items()},
        created_periods=sorted(created_periods),
        created_themes=sorted(created_themes),
    )


@dataclass(frozen=True)
class UndoCounts:
    """What undoing a record does, or did."""

    removed: int  # actions deleted
    restored: int  # actions given their earlier values, themes or status
    # The status changes of actions that stay, as the import counted them; the first
    # rows of the removed actions go with them unsaid.
    status_changes: int


def undo_counts(*, record: PlanImportRecord) -> UndoCounts:
    created = set(record.created_actions)
    return UndoCounts(
        removed=len(created),
        restored=len([pk for pk in record.versions if int(pk) not in created]),
        status_changes=int(record.summary.get(PlanImportResult.history_key, 0)),
    )


@transaction.atomic
def plan_import_undo(
    *, record: PlanImportRecord, by: User | None, expected_version: int | None = None
) -> UndoCounts:
    """Undo the import as a whole (see the module), or refuse with every reason
    (ValidationError) and change nothing. The record stays, marked undone."""
    locked_update(
        record,
        expected_version=expected_version,
        values={},
        stale=StaleImportRecordError,
    )
    refusals = selectors.undo_refusals(record=record)
    if refusals:
        raise ValidationError(refusals)
    plan = record.plan
    undo = plan_services.ImportUndo(
        created=record.created_actions,
        status_changes=record.status_changes,
        earlier={int(pk): values for pk, values in record.earlier.items()},
        earlier_themes={int(pk): ids for pk, ids in record.earlier_themes.items()},
        versions=selectors.versions_expected(record=record),
    )
    left = plan_services.actions_import_undo(plan=plan, undo=undo)
    plan_services.plan_setup_remove_unused(
        plan=plan, period_ids=record.created_periods, theme_ids=record.created_themes
    )
    record.undone_at, record.undone_by = timezone.now(), by
    record.undo_versions = {str(pk): version for pk, version in left.items()}
    record.save(update_fields=["undone_at", "undone_by", "undo_versions"])
    return undo_counts(record=record)
