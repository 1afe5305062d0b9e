"""A web process that dies while it saves an import: run by tests/exchange/test_job_lease.py
as a process of its own, on the test's database.

    python -m tests.exchange.killed_import PLAN_ID USER_ID UPLOAD MARKER

It starts the import of UPLOAD as the import's steps do (`import_job_set_up`, then
`import_job_confirm` and `import_job_start`, in Dutch), and once the first actions are
written inside the import's transaction it writes MARKER and waits there to be
killed."""

import sys
import time
from pathlib import Path


def main(plan_id: int, user_id: int, upload: Path, marker: Path) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import translation

    from mvimonitor.exchange.jobs import import_job_confirm, import_job_set_up, import_job_start
    from mvimonitor.plans.models import ActionPlan

    plan = ActionPlan.objects.select_related("organisation").get(pk=plan_id)
    user = get_user_model().objects.get(pk=user_id)

    def stop_while_saving(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('INSERT INTO "plans_action"') and not marker.exists():
            marker.write_text("saving")
            time.sleep(300)  # until killed
        return result

    with translation.override("nl"), connection.execute_wrapper(stop_while_saving):
        job = import_job_set_up(
            plan=plan,
            by=user,
            file_name=upload.name,
            content=upload.read_bytes(),
            as_coordinator=False,
        )
        import_job_confirm(job=job, fingerprint="", as_coordinator=False)
        import_job_start(job=job)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
