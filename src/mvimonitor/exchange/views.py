"""Import and export pages of a plan. Thin: the work is in services and jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.exchange import selectors
from mvimonitor.exchange.jobs import import_job_refresh, import_job_set_up
from mvimonitor.exchange.models import ImportJob
from mvimonitor.exchange.services import plan_export_xlsx, plan_template_xlsx
from mvimonitor.exchange.upload import ImportForm
from mvimonitor.exchange.wizard import STEP_FILE, STEP_PREVIEW, steps
from mvimonitor.exchange.wizard_views import STEP_URLS, step_url
from mvimonitor.kernel.imports import Problem
from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.utils.dates import today
from mvimonitor.web.kit import OrganisationRequest, get_plan, is_coordinator, may_manage

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@organisation_view(requires="read")
def export(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """The plan's actions as .xlsx, filtered like the action list by the query string."""
    plan = get_plan(request, plan_slug)
    actions = plan_selectors.filtered_plan_actions(plan=plan, query=request.GET)
    response = HttpResponse(plan_export_xlsx(plan=plan, actions=actions), content_type=XLSX)
    filename = f"{plan.slug}-acties-{today().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@organisation_view(requires="read")
def template(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """An empty sheet of the plan's actions with drop-down lists, and instructions: for
    whoever may read the plan, like the export (it names the same periods, themes and
    members)."""
    plan = get_plan(request, plan_slug)
    response = HttpResponse(plan_template_xlsx(plan=plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-sjabloon.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def import_plan(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Step 1 of the guided import: the file. It is kept to be set up; nothing is
    imported before the preview is confirmed (wizard_views.py)."""
    plan = get_plan(request, plan_slug)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        import_job_set_up(
            plan=plan,
            by=request.user,
            file_name=form.file_name,
            content=form.cleaned_data["file"],
            as_coordinator=is_coordinator(request),
        )
        return redirect(step_url(request, plan, STEP_FILE + 1))
    unfinished = selectors.import_job_being_set_up(plan=plan, user=request.user)
    urls = {number: step_url(request, plan, number) for number in STEP_URLS}
    context = {
        "plan": plan,
        "form": form,
        "unfinished": unfinished,
        "may_manage": may_manage(request),
        "unfinished_url": unfinished and urls[min(unfinished.setup_step + 1, STEP_PREVIEW)],
        "steps": steps(current=STEP_FILE, done=0, urls=urls),
    }
    return render(request, "exchange/import.html", context)


@require_GET
@organisation_view(requires="edit")
def import_status(request: OrganisationRequest, plan_slug: str, job_id: int) -> HttpResponse:
    """The job's progress or result: the whole page, or (for htmx polling) the part
    that changes."""
    plan = get_plan(request, plan_slug)
    job = selectors.import_job(plan=plan, job_id=job_id)
    if job is None or (job.is_being_set_up and job.created_by_id != request.user.pk):
        raise Http404
    if job.is_being_set_up:
        return _back_to_preview(request, plan, job)
    job = import_job_refresh(job=job)
    problems = _problems(job)
    context = {
        "plan": plan,
        "job": job,
        "problems": [str(problem) for problem in problems],
        "file_at_fault": any(problem.in_file for problem in problems),
    }
    template = "exchange/_import_progress.html" if request.htmx else "exchange/import_status.html"
    return render(request, template, context)


def _back_to_preview(
    request: OrganisationRequest, plan: ActionPlan, job: ImportJob
) -> HttpResponse:
    """A job that went back to be set up (the plan changed since its preview): its user
    checks the preview again. htmx polling the progress follows too."""
    url = step_url(request, plan, STEP_PREVIEW)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _problems(job: ImportJob) -> list[Problem]:
    return [Problem.from_dict(item) for item in job.errors]
