"""Running an import as a job whose progress the browser can follow.

A large file is imported in a background thread of the web process, so the request
returns at once and the page polls the job. The thread has its own database connection,
closed when it ends, and its own audit actor and language (neither a context variable
nor the active translation crosses into a new thread).

The process that creates a job holds its lease (kernel.leases) and renews it from a
heartbeat thread while it works. If the process dies (killed, restarted), the lease
runs out: the status page, the next import and the command `expire-import-jobs` then
mark the job failed and remove its upload. A finished import releases the lease in its
own transaction, so its result is saved if and only if nobody expired it first. See
docs/adr/0021-fast-import-and-job-lease.md.

The guided import in the browser first keeps the upload on a job being set up
(`ImportJob.State.SETUP`) while its user chooses how to read it; nobody works on such a
job, and its lease says how long it is kept (SETUP_KEPT after the last step saved).
Confirming the preview hands it to this process as any other job.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from mvimonitor.audit.context import acting_as
from mvimonitor.exchange.guided import ImportSettings
from mvimonitor.exchange.models import ImportJob
from mvimonitor.exchange.services import PlanImportResult, import_failure, plan_import
from mvimonitor.kernel.leases import (
    Heartbeat,
    LeaseTerms,
    lease_expire,
    lease_holder_name,
    lease_release,
    leases_expired,
)

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.plans.models import ActionPlan

logger = logging.getLogger(__name__)

#: Files from this size on are imported in the background with a progress bar; smaller
#: ones take well under a second and are imported within the request.
BACKGROUND_FROM_BYTES = 100 * 1024
#: The lease of a job: renewed every 15 seconds, so a job whose process died is failed
#: within two minutes. On SQLite a renewal waits while a write transaction is open (the
#: import's own included), so the lease must outlast the longest one: an import of
#: IMPORT_MAX_ROWS (10,000) rows saves within 5 seconds (docs/performance.md).
LEASE = LeaseTerms(duration=timedelta(minutes=2), renew_every=timedelta(seconds=15))
#: How long an upload being set up is kept after the last step its user saved: long
#: enough to look something up and come back, short enough not to keep files around.
SETUP_KEPT = timedelta(hours=24)
#: The lease holder of a job being set up: no process, the user's own pace.
SETUP_HOLDER = "set-up"

_STAGES: dict[str, tuple[str, ImportJob.State]] = {
    "read": ("rows_read", ImportJob.State.READING),
    "validated": ("rows_validated", ImportJob.State.VALIDATING),
    "saving": ("rows_saved", ImportJob.State.SAVING),
}


class LeaseLost(Exception):
    """The job's lease was expired by somebody else: stop, and save nothing."""


def _unfinished() -> QuerySet[ImportJob]:
    return ImportJob.objects.exclude(state__in=[ImportJob.State.DONE, ImportJob.State.FAILED])


def import_job_start(*, job: ImportJob) -> None:
    """Run the job now, or in a background thread when the file is large."""
    if len(job.content) < BACKGROUND_FROM_BYTES:
        import_job_run(job_id=job.pk, holder=job.lease_holder)
        return
    # Start only once the job row is committed, or the thread would not find it.
    transaction.on_commit(
        lambda: threading.Thread(
            target=_run_in_thread,
            args=(job.pk, job.lease_holder),
            name=f"import-{job.pk}",
            daemon=True,
        ).start()
    )


def _run_in_thread(job_id: int, holder: str) -> None:
    try:
        import_job_run(job_id=job_id, holder=holder)
    finally:
        connections.close_all()


def _progress(job_id: int, holder: str, stage: str, done: int, total: int) -> None:
    column, state = _STAGES[stage]
    changes: dict[str, object] = {column: done, "state": state}
    if total:
        changes["rows_total"] = total
    if not _unfinished().filter(pk=job_id, lease_holder=holder).update(**changes):
        raise LeaseLost


def import_job_run(*, job_id: int, holder: str) -> None:
    """Import the job's file as `holder` of its lease, renewing it meanwhile."""
    job = ImportJob.objects.select_related("plan__organisation", "created_by").get(pk=job_id)
    with (
        Heartbeat(_unfinished(), job_id, holder=holder, terms=LEASE),
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
                settings=ImportSettings.from_json(job.settings) if job.settings else None,
                expected_fingerprint=job.preview_fingerprint or None,
                progress=lambda stage, done, total: _progress(job_id, holder, stage, done, total),
                on_saved=lambda saved: _finish(job_id, holder, saved, in_transaction=True),
                job=job,
            )
        except LeaseLost:
            logger.warning("Import job %s was expired while it ran; nothing saved", job_id)
            return
        except Exception:
            # Never leave the user polling forever: record the failure, keep the trace.
            logger.exception("Import job %s failed", job_id)
            result = PlanImportResult(problems=[import_failure()])
        if result.plan_changed:
            _back_to_preview(job_id, holder)
        elif not result.ok:
            _finish(job_id, holder, result)


def _outcome(result: PlanImportResult, now: datetime) -> dict[str, Any]:
    return {
        "state": ImportJob.State.DONE if result.ok else ImportJob.State.FAILED,
        "errors": [problem.as_dict() for problem in result.problems],
        "summary": result.summary(),
        "rows_saved": result.rows if result.ok else 0,
        "content": b"",  # the upload is not kept once it has been processed
        "finished_at": now,
    }


def _finish(
    job_id: int, holder: str, result: PlanImportResult, *, in_transaction: bool = False
) -> None:
    """Record the outcome and release the lease. Inside the import's transaction
    (`in_transaction`), a lease somebody expired meanwhile undoes the import."""
    released = lease_release(
        _unfinished(), job_id, holder=holder, **_outcome(result, timezone.now())
    )
    if not released and in_transaction:
        raise LeaseLost


def _back_to_preview(job_id: int, holder: str) -> None:
    """The plan changed since its user saw the preview: nothing was saved, and the job
    waits to be checked again (the status page sends its user to the new preview)."""
    _unfinished().filter(pk=job_id, lease_holder=holder).update(
        state=ImportJob.State.SETUP,
        lease_holder=SETUP_HOLDER,
        lease_expires_at=timezone.now() + SETUP_KEPT,
        summary={"plan_changed": True},
        rows_total=0,
        rows_read=0,
        rows_validated=0,
        rows_saved=0,
    )


def _interrupted_message() -> str:
    return translation.gettext(
        "The import was interrupted: the server stopped working on it, for example "
        "because it was restarted. Nothing was saved; please import the file again."
    )


def _abandoned_message() -> str:
    return translation.gettext(
        "The import was not completed within %(hours)s hours, so the file has been removed. "
        "Nothing was saved; please choose the file again."
    ) % {"hours": int(SETUP_KEPT.total_seconds() // 3600)}


def _expire(job: ImportJob, now: datetime) -> bool:
    """Fail a job whose lease ran out (its process died, or its user left it while
    setting it up), in the language it was started in."""
    with translation.override(job.language or translation.get_language()):
        message = _abandoned_message() if job.is_being_set_up else _interrupted_message()
        result = PlanImportResult(problems=[import_failure(message)])
    return lease_expire(
        _unfinished(), job.pk, holder=job.lease_holder, now=now, **_outcome(result, now)
    )


def import_jobs_expire(*, now: datetime | None = None) -> int:
    """Fail every job whose lease ran out (its process died) and remove its upload;
    the number of jobs failed."""
    now = now or timezone.now()
    expired = leases_expired(_unfinished(), now=now).only("pk", "lease_holder", "language", "state")
    return sum(_expire(job, now) for job in expired)


def import_job_refresh(*, job: ImportJob) -> ImportJob:
    """The job as it stands, failed if its lease ran out."""
    now = timezone.now()
    if job.is_finished or job.lease_expires_at is None or job.lease_expires_at >= now:
        return job
    _expire(job, now)
    job.refresh_from_db()
    return job


def import_job_set_up(
    *, plan: ActionPlan, by: User, file_name: str, content: bytes, as_coordinator: bool
) -> ImportJob:
    """A job for the upload that its user sets up step by step before it is imported.
    A new upload replaces the user's earlier one for this plan that was never imported."""
    # Jobs that lost their process are failed first, so a user never waits behind one.
    import_jobs_expire()
    ImportJob.objects.filter(plan=plan, created_by=by, state=ImportJob.State.SETUP).delete()
    return ImportJob.objects.create(
        plan=plan,
        created_by=by,
        file_name=file_name[:255],
        content=content,
        as_coordinator=as_coordinator,
        language=translation.get_language() or "",
        state=ImportJob.State.SETUP,
        lease_holder=SETUP_HOLDER,
        lease_expires_at=timezone.now() + SETUP_KEPT,
    )


def import_job_save_settings(*, job: ImportJob, settings: ImportSettings, step: int) -> bool:
    """Keep how the user chose to read the file, `step` being the step just completed
    (later steps are to be confirmed again), and keep the upload for SETUP_KEPT more.
    False when the job is no longer being set up (it expired meanwhile)."""
    job.settings = settings.to_json()
    job.setup_step = step
    now = timezone.now()
    saved = (
        _being_set_up(now)
        .filter(pk=job.pk)
        .update(
            settings=job.settings,
            setup_step=step,
            summary={},
            lease_expires_at=now + SETUP_KEPT,
        )
    )
    return saved == 1


def import_job_confirm(*, job: ImportJob, fingerprint: str, as_coordinator: bool) -> bool:
    """Hand a job being set up to this process to be imported as its user last saw it
    (`fingerprint`: the plan in the preview); start it with import_job_start. False when
    it is no longer being set up (expired, or confirmed in another tab)."""
    now = timezone.now()
    holder = lease_holder_name()
    taken = (
        _being_set_up(now)
        .filter(pk=job.pk)
        .update(
            state=ImportJob.State.WAITING,
            preview_fingerprint=fingerprint,
            as_coordinator=as_coordinator,
            summary={},
            lease_holder=holder,
            lease_expires_at=now + LEASE.duration,
        )
    )
    if taken != 1:
        return False
    job.refresh_from_db()
    return True


def _being_set_up(now: datetime) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(state=ImportJob.State.SETUP, lease_expires_at__gte=now)
