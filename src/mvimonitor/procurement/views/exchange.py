"""Import and export pages of the tender register: tenders and contracts as .xlsx or
.ods. Thin: the work is in procurement.exchange.services. An import of a few hundred
rows takes well under a second, so it runs within the request."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mvimonitor.exchange.tables import CONTENT_TYPES
from mvimonitor.exchange.upload import ImportForm
from mvimonitor.organisations.access import organisation_view
from mvimonitor.procurement.exchange.columns import (
    CONTRACT_COLUMNS,
    CONTRACT_REQUIRED,
    TENDER_COLUMNS,
    TENDER_REQUIRED,
)
from mvimonitor.procurement.exchange.services import (
    RegisterImportResult,
    contracts_export,
    contracts_import,
    tenders_export,
    tenders_import,
)
from mvimonitor.procurement.forms.contracts import ContractFilterForm
from mvimonitor.procurement.selectors.contracts import contract_list
from mvimonitor.utils.dates import today
from mvimonitor.web.kit import OrganisationRequest


def _download(content: bytes, *, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{today().isoformat()}.{fmt}"'
    return response


def _format(fmt: str) -> str:
    if fmt not in CONTENT_TYPES:
        raise Http404
    return fmt


@require_GET
@organisation_view(requires="read")
def tender_export(request: OrganisationRequest, fmt: str) -> HttpResponse:
    content = tenders_export(organisation=request.organisation, fmt=_format(fmt))
    return _download(content, fmt=fmt, name=f"{request.organisation.slug}-aanbestedingen")


@require_GET
@organisation_view(requires="read")
def contract_export(request: OrganisationRequest, fmt: str) -> HttpResponse:
    """The contracts as .xlsx or .ods, filtered like the contract list by the query."""
    form = ContractFilterForm(request.GET or None, organisation=request.organisation)
    chosen = contract_list(organisation=request.organisation, **form.filters())
    content = contracts_export(
        organisation=request.organisation, fmt=_format(fmt), contracts=chosen
    )
    return _download(content, fmt=fmt, name=f"{request.organisation.slug}-opdrachten")


Importer = Callable[..., RegisterImportResult]


def _import_page(
    request: OrganisationRequest, *, kind: str, run: Importer, done_url: str
) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems: list[str] = []
    if form.is_bound and form.is_valid():
        result = run(
            organisation=request.organisation,
            data=form.cleaned_data["file"],
            filename=form.file_name,
            by=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _(
                    "Imported %(rows)s rows: %(created)s new, %(updated)s changed, "
                    "%(phase_changes)s phase changes, %(unchanged)s unchanged."
                )
                % result.summary(),
            )
            return redirect(done_url)
        problems = [str(problem) for problem in result.problems]
    columns, required = (
        (TENDER_COLUMNS, TENDER_REQUIRED)
        if kind == "tenders"
        else (CONTRACT_COLUMNS, CONTRACT_REQUIRED)
    )
    context = {
        "form": form,
        "kind": kind,
        "problems": problems,
        "required": [c.header for c in columns if c.field in required],
        "optional": [c.header for c in columns if c.field not in required],
    }
    return render(request, "procurement/import.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def tender_import(request: OrganisationRequest) -> HttpResponse:
    done = reverse("procurement:tender_list", args=[request.organisation.slug])
    return _import_page(request, kind="tenders", run=tenders_import, done_url=done)


@require_http_methods(["GET", "POST"])
@organisation_view(requires="edit")
def contract_import(request: OrganisationRequest) -> HttpResponse:
    done = reverse("procurement:contract_list", args=[request.organisation.slug])
    return _import_page(request, kind="contracts", run=contracts_import, done_url=done)
