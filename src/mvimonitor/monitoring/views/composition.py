"""The page on which a coordinator composes the report's variants of a plan (ADR 0025):
for the council version and the full version, which sections are in it and in what
order. Every button submits its variant's form, so the page works without JavaScript;
with htmx, the variant's part of the page is swapped in place and the focus stays on
the button of the section just moved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mvimonitor.kernel.locking import OUT_OF_DATE, is_stale
from mvimonitor.monitoring import services
from mvimonitor.monitoring.forms import CompositionForm
from mvimonitor.monitoring.sections import Section, registered, section_title
from mvimonitor.monitoring.selectors import composition_section_ids, plan_composition
from mvimonitor.monitoring.variants import ReportVariant, may_hold
from mvimonitor.organisations.access import organisation_view
from mvimonitor.web.forms import STILL_IN_THE_FORM
from mvimonitor.web.kit import OrganisationRequest, get_plan

if TYPE_CHECKING:
    from mvimonitor.plans.models import ActionPlan

VARIANTS = (ReportVariant.COUNCIL, ReportVariant.FULL)
FRAGMENT = "monitoring/includes/composition_form.html"


@dataclass(frozen=True)
class Item:
    """A section as the compose page lists it."""

    id: str
    title: str
    chosen: bool
    allowed: bool  # False: the variant may not hold it (names people)
    first: bool = False
    last: bool = False


@dataclass(frozen=True)
class Composition:
    """One variant's part of the page: its sections in order, then the others."""

    variant: str
    label: str
    version: int
    chosen: list[Item]
    others: list[Item]
    errors: list[str]
    focus: str  # the id of the control that gets the focus, or ""


def _composition(
    variant: str,
    chosen_ids: list[str],
    version: int,
    *,
    errors: list[str] | None = None,
    focus: str = "",
) -> Composition:
    sections = {section.id: section for section in registered()}
    chosen = [sections[i] for i in chosen_ids if i in sections and may_hold(variant, sections[i])]
    last = len(chosen) - 1
    return Composition(
        variant=variant,
        label=str(ReportVariant(variant).label),
        version=version,
        chosen=[
            _item(s, variant, True, index == 0, index == last) for index, s in enumerate(chosen)
        ],
        others=[_item(s, variant, False) for s in sections.values() if s not in chosen],
        errors=errors or [],
        focus=focus,
    )


def _item(
    section: Section, variant: str, chosen: bool, first: bool = False, last: bool = False
) -> Item:
    return Item(
        id=section.id,
        title=section_title(section),
        chosen=chosen,
        allowed=may_hold(variant, section),
        first=first,
        last=last,
    )


def _stored(plan: ActionPlan, variant: str, *, focus: str = "") -> Composition:
    """The variant as the plan composes it now (version 1: its default, not stored)."""
    stored = plan_composition(plan=plan, variant=variant)
    ids = composition_section_ids(plan=plan, variant=variant)
    return _composition(variant, ids, stored.version if stored else 1, focus=focus)


def _focus(variant: str, section_ids: list[str], moved: tuple[str, int] | None) -> str:
    """The control to focus after a move: the same button of the moved section, or
    the other one when it reached the top or the bottom."""
    if moved is None or moved[0] not in section_ids:
        return ""
    section_id, step = moved
    index = section_ids.index(section_id)
    at_end = index == 0 if step < 0 else index == len(section_ids) - 1
    direction = ("down" if step < 0 else "up") if at_end else ("up" if step < 0 else "down")
    if len(section_ids) == 1:
        return f"{variant}-{section_id}"
    return f"{variant}-{section_id}-{direction}"


def _page(
    request: OrganisationRequest, plan: ActionPlan, shown: dict[str, Composition]
) -> HttpResponse:
    # After a move without JavaScript, the page comes back with the moved section's
    # button focused (?focus=<its id>).
    focus = request.GET.get("focus", "")
    compositions = [shown.get(v) or _stored(plan, v, focus=focus) for v in VARIANTS]
    return render(
        request, "monitoring/report_composition.html", {"plan": plan, "compositions": compositions}
    )


def _fragment(
    request: OrganisationRequest, plan: ActionPlan, composition: Composition, status: str = ""
) -> HttpResponse:
    context = {"plan": plan, "composition": composition, "status": status, "oob": True}
    return render(request, FRAGMENT, context)


@organisation_view(requires="manage")
def report_composition(request: OrganisationRequest, plan_slug: str) -> HttpResponse:
    plan = get_plan(request, plan_slug)
    if request.method != "POST":
        return _page(request, plan, {})
    form = CompositionForm(request.POST, section_ids=[s.id for s in registered()])
    if not form.is_valid():
        return _refused(request, plan, form, [str(OUT_OF_DATE)])
    variant = form.cleaned_data["variant"]
    try:
        _save(request, plan, form)
    except ValidationError as error:
        stale = [str(STILL_IN_THE_FORM)] if is_stale(error) else []
        return _refused(request, plan, form, [*error.messages, *stale])
    ids = composition_section_ids(plan=plan, variant=variant)
    focus = _focus(variant, ids, form.moved())
    status = _status(form, ids)
    if request.htmx:
        return _fragment(request, plan, _stored(plan, variant, focus=focus), status)
    messages.success(request, status)
    url = reverse(
        "monitoring:compose",
        kwargs={"org_slug": request.organisation.slug, "plan_slug": plan.slug},
    )
    # A fragment in the address would make the browser skip autofocus.
    return redirect(f"{url}?focus={focus}" if focus else f"{url}#composition-{variant}")


def _save(request: OrganisationRequest, plan: ActionPlan, form: CompositionForm) -> None:
    variant, version = form.cleaned_data["variant"], form.cleaned_data["version"]
    if form.cleaned_data["reset"]:
        services.report_composition_reset(
            plan=plan, variant=variant, by=request.user, expected_version=version
        )
        return
    services.report_composition_save(
        plan=plan,
        variant=variant,
        section_ids=form.section_ids(),
        by=request.user,
        expected_version=version,
    )


def _status(form: CompositionForm, ids: list[str]) -> str:
    """What the page says after a save (and a screen reader reads out)."""
    if form.cleaned_data["reset"]:
        return _("The default sections and order are back.")
    moved = form.moved()
    if moved is not None and moved[0] in ids:
        titles = {s.id: section_title(s) for s in registered()}
        return _("“%(title)s” is now number %(place)s of %(count)s.") % {
            "title": titles[moved[0]],
            "place": ids.index(moved[0]) + 1,
            "count": len(ids),
        }
    return _("The sections of this version have been saved.")


def _refused(
    request: OrganisationRequest, plan: ActionPlan, form: CompositionForm, errors: list[str]
) -> HttpResponse:
    """Nothing saved: the variant's list as the user sent it, with why. A form that
    cannot be read (its version missing or damaged) shows the plan's list, out of date."""
    data = getattr(form, "cleaned_data", {})
    variant = data.get("variant") or request.POST.get("variant", "")
    if variant not in ReportVariant.values:
        for error in errors:
            messages.error(request, error)
        return _page(request, plan, {})
    if form.is_valid():
        kept = _composition(variant, form.chosen(), data["version"], errors=errors)
    else:
        ids = composition_section_ids(plan=plan, variant=variant)
        kept = _composition(variant, ids, 0, errors=errors)
    if request.htmx:
        return _fragment(request, plan, kept)
    return _page(request, plan, {variant: kept})
