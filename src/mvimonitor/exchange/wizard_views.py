"""The guided import's steps 2 to 4 in the browser: match the columns, the values and
the baseline date, check the preview and import. Step 1 (choosing the file) and the
progress page are in views.py.

Each step reads the user's upload being set up (exchange.selectors: nobody else's),
asks exchange.guided how it would be read with the choices so far, and keeps the new
choices on the job (exchange.jobs). Every step checks again what it shows; a step
whose earlier steps are not completed sends the user back to the first one that is
not."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mvimonitor.exchange import selectors
from mvimonitor.exchange.columns import header_key
from mvimonitor.exchange.guided import ImportSettings, Inspection, import_preview, inspect_import
from mvimonitor.exchange.jobs import (
    import_job_confirm,
    import_job_save_settings,
    import_job_start,
)
from mvimonitor.exchange.models import ImportJob
from mvimonitor.exchange.wizard import (
    STEP_COLUMNS,
    STEP_FILE,
    STEP_PREVIEW,
    STEP_VALUES,
    column_examples,
    preview_page,
    settings_of,
    steps,
)
from mvimonitor.exchange.wizard_forms import ColumnsForm, ConfirmForm, SheetForm, ValuesForm
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.kit import OrganisationRequest, get_plan, is_coordinator

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

STEP_URLS = {
    STEP_FILE: "exchange:import",
    STEP_COLUMNS: "exchange:import_columns",
    STEP_VALUES: "exchange:import_values",
    STEP_PREVIEW: "exchange:import_preview",
}


def step_url(request: OrganisationRequest, plan: ActionPlan, step: int) -> str:
    kwargs = {"org_slug": request.organisation.slug, "plan_slug": plan.slug}
    return reverse(STEP_URLS[step], kwargs=kwargs)


def _job_at(
    request: OrganisationRequest, plan: ActionPlan, step: int
) -> tuple[ImportJob | None, HttpResponse | None]:
    """The user's upload being set up, if it has come as far as `step`; else where to go."""
    job = selectors.import_job_being_set_up(plan=plan, user=request.user)
    if job is None:
        return None, redirect(step_url(request, plan, STEP_FILE))
    if job.setup_step < step - 1:
        return None, redirect(step_url(request, plan, job.setup_step + 1))
    return job, None


def _inspect(plan: ActionPlan, job: ImportJob, settings: ImportSettings) -> Inspection:
    return inspect_import(
        plan=plan, data=bytes(job.content), filename=job.file_name, settings=settings
    )


def _render(
    request: OrganisationRequest,
    plan: ActionPlan,
    job: ImportJob,
    step: int,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    urls = {number: step_url(request, plan, number) for number in STEP_URLS}
    base = {"plan": plan, "job": job, "steps": steps(current=step, done=job.setup_step, urls=urls)}
    return render(request, template, {**base, **context, "step_urls": urls})


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def import_columns(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Step 2: the sheet, and which field of an action each column fills."""
    plan = get_plan(request, plan_slug)
    job, elsewhere = _job_at(request, plan, STEP_COLUMNS)
    if job is None:
        return elsewhere  # type: ignore[return-value]
    settings = settings_of(job)
    inspection = _inspect(plan, job, settings)
    if request.method == "POST" and "sheet" in request.POST:
        return _choose_sheet(request, plan, job, settings, inspection)
    examples = column_examples(job=job, settings=settings, columns=inspection.columns)
    form = ColumnsForm(
        request.POST if request.method == "POST" else None,
        inspection=inspection,
        examples=examples,
    )
    if form.is_bound and form.is_valid():
        chosen = form.columns()
        by_position = {column.position: column.header for column in inspection.columns}
        columns = {header_key(by_position[p]): field for p, field in chosen.items()}
        settings = replace(settings, columns=columns)
        inspection = _inspect(plan, job, settings)
        if inspection.usable:
            import_job_save_settings(job=job, settings=settings, step=STEP_COLUMNS)
            return redirect(step_url(request, plan, STEP_VALUES))
        form.refuse(inspection, chosen)
    sheet_form = SheetForm(initial={"sheet": inspection.sheet}, sheets=inspection.sheets)
    context = {"form": form, "sheet_form": sheet_form, "inspection": inspection}
    return _render(request, plan, job, STEP_COLUMNS, "exchange/wizard/columns.html", context)


def _choose_sheet(
    request: OrganisationRequest,
    plan: ActionPlan,
    job: ImportJob,
    settings: ImportSettings,
    inspection: Inspection,
) -> HttpResponse:
    """Read another sheet: its columns are guessed afresh."""
    form = SheetForm(request.POST, sheets=inspection.sheets)
    if form.is_valid():
        chosen = replace(settings, sheet=form.cleaned_data["sheet"], columns=None)
        import_job_save_settings(job=job, settings=chosen, step=STEP_FILE)
    return redirect(step_url(request, plan, STEP_COLUMNS))


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def import_values(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Step 3: the periods and themes the plan does not know, and the baseline date."""
    plan = get_plan(request, plan_slug)
    job, elsewhere = _job_at(request, plan, STEP_VALUES)
    if job is None:
        return elsewhere  # type: ignore[return-value]
    settings = settings_of(job)
    # Every value the plan does not know, also those mapped before: so that going back
    # shows each choice made, to keep or change.
    inspection = _inspect(plan, job, replace(settings, periods={}, themes={}))
    if not inspection.usable:
        return redirect(step_url(request, plan, STEP_COLUMNS))
    form = ValuesForm(
        request.POST if request.method == "POST" else None,
        inspection=inspection,
        is_coordinator=is_coordinator(request),
        periods=settings.periods,
        themes=settings.themes,
        baseline=settings.baseline,
    )
    if form.is_bound and form.is_valid():
        settings = replace(
            settings,
            periods=form.periods(),
            themes=form.themes(),
            baseline=form.cleaned_data["baseline"],
        )
        import_job_save_settings(job=job, settings=settings, step=STEP_VALUES)
        return redirect(step_url(request, plan, STEP_PREVIEW))
    context = {"form": form, "inspection": inspection}
    return _render(request, plan, job, STEP_VALUES, "exchange/wizard/values.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def import_preview_page(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    """Step 4: what the import would do, row by row; confirming imports it."""
    plan = get_plan(request, plan_slug)
    job, elsewhere = _job_at(request, plan, STEP_PREVIEW)
    if job is None:
        return elsewhere  # type: ignore[return-value]
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid() and import_job_confirm(
            job=job,
            fingerprint=form.cleaned_data["fingerprint"],
            as_coordinator=is_coordinator(request),
        ):
            import_job_start(job=job)
            kwargs = {"org_slug": request.organisation.slug, "plan_slug": plan.slug}
            return redirect(reverse("exchange:import_status", kwargs={**kwargs, "job_id": job.pk}))
        return redirect(step_url(request, plan, STEP_PREVIEW))
    preview = import_preview(
        plan=plan,
        data=bytes(job.content),
        filename=job.file_name,
        settings=settings_of(job),
        by=request.user,
        is_coordinator=is_coordinator(request),
    )
    context = {
        "page": preview_page(preview),
        "form": ConfirmForm(initial={"fingerprint": preview.fingerprint}),
        "plan_changed": bool(job.summary.get("plan_changed")),
        "plan_changed_message": _(
            "The action plan has changed since you saw this overview. Please check it again."
        ),
    }
    return _render(request, plan, job, STEP_PREVIEW, "exchange/wizard/preview.html", context)
