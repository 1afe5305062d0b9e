"""Import and export pages of a plan. Thin: the work is in services and jobs."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.exchange import selectors
from mvimonitor.exchange.jobs import import_job_create, import_job_refresh, import_job_start
from mvimonitor.exchange.models import ImportJob
from mvimonitor.exchange.services import plan_export_xlsx
from mvimonitor.exchange.upload import ImportForm
from mvimonitor.kernel.imports import Problem
from mvimonitor.organisations.access import organisation_view
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.utils.dates import today
from mvimonitor.web.kit import OrganisationRequest, get_plan, is_coordinator, may_manage

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


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def import_plan(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        job = import_job_create(
            plan=plan,
            by=request.user,
            file_name=form.file_name,
            content=form.cleaned_data["file"],
            as_coordinator=is_coordinator(request),
        )
        import_job_start(job=job)
        return redirect(
            reverse(
                "exchange:import_status",
                kwargs={
                    "org_slug": request.organisation.slug,
                    "plan_slug": plan.slug,
                    "job_id": job.pk,
                },
            )
        )
    context = {"plan": plan, "form": form, "may_manage": may_manage(request)}
    return render(request, "exchange/import.html", context)


@require_GET
@organisation_view(requires="edit")
def import_status(request: OrganisationRequest, plan_slug: str, job_id: int) -> HttpResponse:
    """The job's progress or result: the whole page, or (for htmx polling) the part
    that changes."""
    plan = get_plan(request, plan_slug)
    job = selectors.import_job(plan=plan, job_id=job_id)
    if job is None:
        raise Http404
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


def _problems(job: ImportJob) -> list[Problem]:
    return [Problem.from_dict(item) for item in job.errors]
