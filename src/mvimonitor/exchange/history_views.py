"""A plan's import history and undoing an import (coordinators). Thin: the rules are in
exchange.records and exchange.selectors."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.exchange import selectors
from mvimonitor.exchange.records import plan_import_undo, undo_counts
from mvimonitor.kernel.locking import VersionField
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.forms import add_service_errors
from mvimonitor.web.kit import OrganisationRequest, get_plan


class UndoForm(forms.Form):
    version = VersionField()


@require_GET
@organisation_view(requires="manage")
def import_history(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    records = selectors.import_records(plan=plan)
    return render(request, "exchange/import_history.html", {"plan": plan, "records": records})


@require_http_methods(["GET", "POST"])
@organisation_view(requires="manage")
def import_undo(request: OrganisationRequest, plan_slug: str, record_id: int) -> HttpResponse:
    """What undoing the import will do, or why it may not; undoing it on POST."""
    plan = get_plan(request, plan_slug)
    record = selectors.import_record(plan=plan, record_id=record_id)
    if record is None:
        raise Http404
    form = UndoForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            counts = plan_import_undo(
                record=record, by=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            record.refresh_from_db()
        else:
            messages.success(
                request,
                _(
                    "The import of %(file)s has been undone: %(removed)s actions removed, "
                    "%(restored)s restored, %(status_changes)s status changes removed."
                )
                % {"file": record.file_name, **vars(counts)},
            )
            return redirect(
                "exchange:import_history", org_slug=request.organisation.slug, plan_slug=plan.slug
            )
    context = {
        "plan": plan,
        "record": record,
        "form": form,
        "counts": undo_counts(record=record),
        "refusals": [] if form.errors else selectors.undo_refusals(record=record),
    }
    return render(request, "exchange/import_undo.html", context)
