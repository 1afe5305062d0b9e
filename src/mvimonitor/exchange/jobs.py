"""Running an import as a job whose progress the browser can follow.

A large file is imported in a background thread of the web process, so the request
returns at once and the page polls the job. The thread has its own database connection,
closed when it ends, and its own audit actor and language (neither a context variable
nor the active translation crosses into a new thread).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import connections, transaction
from django.utils import timezone, translation

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.models import ImportJob
from mvimonitor.exchange.services import PlanImportResult, import_failure, plan_import

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

logger = logging.getLogger(__name__)

#: Files from this size on are imported in the background with a progress bar; smaller
#: ones take well under a second and are imported within the request.
BACKGROUND_FROM_BYTES = 100 * 1024
#: A job that has not finished after this long was cut off (e.g. by a restart).
ABANDONED_AFTER = timedelta(minutes=30)

_STAGES: dict[str, tuple[str, ImportJob.State]] = {
    "read": ("rows_read", ImportJob.State.READING),
    "validated": ("rows_validated", ImportJob.State.VALIDATING),
    "saving": ("rows_saved", ImportJob.State.SAVING),
}


def import_job_create(
    *, plan: ActionPlan, by: User | None, file_name: str, content: bytes, as_coordinator: bool
) -> ImportJob:
    return ImportJob.objects.create(
        plan=plan,
        created_by=by,
        file_name=file_name[:255],
        content=content,
        as_coordinator=as_coordinator,
        language=translation.get_language() or "",
    )


def import_job_start(*, job: ImportJob) -> None:
    """Run the job now, or in a background thread when the file is large."""
    if len(job.content) < BACKGROUND_FROM_BYTES:
        import_job_run(job_id=job.pk)
        return
    # Start only once the job row is committed, or the thread would not find it.
    transaction.on_commit(
        lambda: threading.Thread(
            target=_run_in_thread, args=(job.pk,), name=f"import-{job.pk}", daemon=True
        ).start()
    )


def _run_in_thread(job_id: int) -> None:
    try:
        import_job_run(job_id=job_id)
    finally:
        connections.close_all()


def _progress(job_id: int, stage: str, done: int, total: int) -> None:
    column, state = _STAGES[stage]
    changes: dict[str, object] = {column: done, "state": state}
    if total:
        changes["rows_total"] = total
    ImportJob.objects.filter(pk=job_id).update(**changes)


def import_job_run(*, job_id: int) -> None:
    job = ImportJob.objects.select_related("plan__organisation", "created_by").get(pk=job_id)
    with (
        translation.override(job.language or None),
        acting_as(job.created_by, label=f"import {job.file_name}"[:200]),
    ):
        try:
            result = plan_import(
                plan=job.plan,
                data=bytes(job.content),
                filename=job.file_name,
                by=job.created_by,
                is_coordinator=job.as_coordinator,
                progress=lambda stage, done, total: _progress(job_id, stage, done, total),
            )
        except Exception:
            # Never leave the user polling forever: record the failure, keep the trace.
            logger.exception("Import job %s failed", job_id)
            result = PlanImportResult(problems=[import_failure()])
        _finish(job_id, result)


def _finish(job_id: int, result: PlanImportResult) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        state=ImportJob.State.DONE if result.ok else ImportJob.State.FAILED,
        errors=[problem.as_dict() for problem in result.problems],
        summary=result.summary(),
        rows_saved=result.rows if result.ok else 0,
        content=b"",  # the upload is not kept once it has been processed
        finished_at=timezone.now(),
    )


def import_job_abandon_stale(*, job: ImportJob) -> ImportJob:
    """Mark a job that has run far too long as failed, so its page stops waiting."""
    if job.is_finished or job.created_at > timezone.now() - ABANDONED_AFTER:
        return job
    _finish(
        job.pk,
        PlanImportResult(
            problems=[
                import_failure(
                    translation.gettext("The import was interrupted. Nothing was saved; try again.")
                )
            ]
        ),
    )
    job.refresh_from_db()
    return job
