"""How every form that edits a stored record is used twice from one loaded page.

An `Edit` names the form classes it submits, the page that shows the form and the URL it
posts to, what a first person changes and what a second person changes from the same
loaded page (field name -> value; a list for several values, None to untick or leave
out), and how to read the record back. tests/concurrent_edits/test_every_edit.py runs
each one through the real views; a form that edits nothing stored is in exempt.py."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from hashlib import sha256
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    SectionCommentary,
)
from mvimonitor.monitoring.selectors import composition_section_ids
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme
from mvimonitor.procurement.models import AppliedTheme, Contract, Supplier, Tender
from mvimonitor.targets.models import Target
from tests.concurrent_edits.records import Records
from tests.organisations.images import image_bytes

Kwargs = Callable[[Records], dict[str, Any]]
Changes = Callable[[Records], dict[str, Any]]


@dataclass(frozen=True)
class Edit:
    forms: tuple[str, ...]  # the form classes submitted, as module.Class
    url: str  # the URL name the form posts to
    kwargs: Kwargs
    first: Changes
    second: Changes
    saved: Callable[[Records], Any]  # the record's edited values as stored
    expect: Any  # what `saved` gives after the first edit, and must still give after both
    page: str | None = None  # the URL name of the page showing the form, if not `url`
    page_kwargs: Kwargs | None = None
    query: str = ""  # the page's query string, also where the form posts
    role: Role = Role.COORDINATOR
    # Who edits when it is not a member with `role` (a site administrator).
    user: Callable[[Records], Any] | None = None
    htmx: bool = False  # submitted as htmx does (the form swaps a part of the page)
    having: frozenset[str] = frozenset()  # to pick one of several forms posting there
    where: Callable[[Records], dict[str, str]] | None = None

    def action_url(self, r: Records) -> str:
        query = f"?{self.query.format(r=r)}" if self.query else ""
        return reverse(self.url, kwargs=self.kwargs(r)) + query

    def page_url(self, r: Records) -> str:
        if self.page is None:
            return self.action_url(r)
        return reverse(self.page, kwargs=(self.page_kwargs or self.kwargs)(r))


def org(r: Records) -> dict[str, Any]:
    return {"org_slug": r.world.helmond.slug}


def plan(r: Records) -> dict[str, Any]:
    return {**org(r), "plan_slug": r.world.plan.slug}


def owned(r: Records) -> dict[str, Any]:
    return {**plan(r), "pk": r.world.owned_action.pk}


def unowned(r: Records) -> dict[str, Any]:
    return {**plan(r), "pk": r.world.unowned_action.pk}


def fresh(model: type, pk: int) -> Any:
    return model.objects.get(pk=pk)


def _first_change(r: Records) -> StatusChange:
    return StatusChange.objects.filter(action=r.world.owned_action).first()


def _logo(size: tuple[int, int]) -> SimpleUploadedFile:
    return SimpleUploadedFile("logo.png", image_bytes(size=size), content_type="image/png")


PLANS: dict[str, Edit] = {
    "an action, by an editor": Edit(
        forms=("mvimonitor.plans.forms.actions.ActionForm",),
        url="plans:action_edit",
        kwargs=owned,
        first=lambda r: {"title": "Duurzaam inkopen, eerste versie"},
        second=lambda r: {"title": "Duurzaam inkopen, tweede versie"},
        saved=lambda r: fresh(Action, r.world.owned_action.pk).title,
        expect="Duurzaam inkopen, eerste versie",
    ),
    "an action, by its owner": Edit(
        forms=("mvimonitor.plans.forms.actions.OwnerActionForm",),
        url="plans:action_edit",
        kwargs=owned,
        role=Role.OWNER,
        first=lambda r: {"result": "Eerste resultaat"},
        second=lambda r: {"result": "Tweede resultaat"},
        saved=lambda r: fresh(Action, r.world.owned_action.pk).result,
        expect="Eerste resultaat",
    ),
    "an action's status (htmx)": Edit(
        forms=("mvimonitor.plans.forms.actions.StatusChangeForm",),
        url="plans:action_status",
        kwargs=owned,
        page="plans:action_detail",
        htmx=True,
        first=lambda r: {"to_status": "postponed"},
        second=lambda r: {"to_status": "cancelled"},
        saved=lambda r: fresh(Action, r.world.owned_action.pk).status,
        expect="postponed",
    ),
    "an action's withdrawal": Edit(
        forms=("mvimonitor.plans.forms.actions.WithdrawForm",),
        url="plans:action_withdraw",
        kwargs=owned,
        page="plans:action_detail",
        first=lambda r: {"withdrawn_on": "2017-09-01"},
        second=lambda r: {"withdrawn_on": "2017-09-10"},
        saved=lambda r: fresh(Action, r.world.owned_action.pk).withdrawn_on,
        expect=date(2017, 9, 1),
    ),
    "a status change's correction": Edit(
        forms=("mvimonitor.plans.forms.corrections.StatusCorrectionForm",),
        url="plans:status_correct",
        kwargs=lambda r: {**owned(r), "change_pk": _first_change(r).pk},
        first=lambda r: {"effective_on": "2017-04-10", "reason": "Eerste correctie"},
        second=lambda r: {"effective_on": "2017-04-20", "reason": "Tweede correctie"},
        saved=lambda r: _first_change(r).effective_on,
        expect=date(2017, 4, 10),
    ),
    "the status of selected actions": Edit(
        forms=("mvimonitor.plans.forms.actions.BulkStatusForm",),
        url="plans:action_bulk_status",
        kwargs=plan,
        page="plans:action_list",
        first=lambda r: {
            "bulk-actions": [str(r.world.unowned_action.pk)],
            "bulk-to_status": "running",
        },
        second=lambda r: {
            "bulk-actions": [str(r.world.unowned_action.pk)],
            "bulk-to_status": "postponed",
        },
        saved=lambda r: fresh(Action, r.world.unowned_action.pk).status,
        expect="running",
    ),
    "a plan": Edit(
        forms=("mvimonitor.plans.forms.plans.PlanForm",),
        url="plans:edit",
        kwargs=plan,
        first=lambda r: {"name": "MVI-actieplan, eerste versie"},
        second=lambda r: {"name": "MVI-actieplan, tweede versie"},
        saved=lambda r: fresh(ActionPlan, r.world.plan.pk).name,
        expect="MVI-actieplan, eerste versie",
    ),
    "a plan's periods": Edit(
        forms=("mvimonitor.plans.forms.plans.PeriodsForm",),
        url="plans:periods",
        kwargs=plan,
        first=lambda r: {f"name_{r.period.pk}": "Aan de slag, eerste versie"},
        second=lambda r: {f"name_{r.period.pk}": "Aan de slag, tweede versie"},
        saved=lambda r: fresh(Period, r.period.pk).name,
        expect="Aan de slag, eerste versie",
    ),
    "a plan's themes": Edit(
        forms=("mvimonitor.plans.forms.plans.PlanThemesForm",),
        url="plans:themes",
        kwargs=plan,
        first=lambda r: {f"theme_{r.national_theme.pk}": "2"},
        second=lambda r: {f"theme_{r.national_theme.pk}": "3"},
        saved=lambda r: list(
            PlanTheme.objects.filter(plan=r.world.plan, theme=r.national_theme).values_list(
                "ambition_level", flat=True
            )
        ),
        expect=[2],
    ),
    "an own theme": Edit(
        forms=("mvimonitor.plans.forms.plans.ThemeForm",),
        url="plans:org_themes",
        kwargs=org,
        where=lambda r: {"theme": str(r.own_theme.pk)},
        first=lambda r: {f"theme-{r.own_theme.pk}-name": "Eigen thema, eerste versie"},
        second=lambda r: {f"theme-{r.own_theme.pk}-name": "Eigen thema, tweede versie"},
        saved=lambda r: fresh(Theme, r.own_theme.pk).name,
        expect="Eigen thema, eerste versie",
    ),
}

COUNCIL_WITHOUT_SUMMARY = [
    "status_chart",
    "attention_points",
    "communication",
    "planned",
    "realised",
    "next_monitor",
    "status_table",
]

MONITORING: dict[str, Edit] = {
    "a monitor": Edit(
        forms=("mvimonitor.monitoring.forms.MonitorEditForm",),
        url="monitoring:edit",
        kwargs=lambda r: {**plan(r), "day": r.monitor.date},
        first=lambda r: {"summary": "Eerste samenvatting"},
        second=lambda r: {"summary": "Tweede samenvatting"},
        saved=lambda r: fresh(Monitor, r.monitor.pk).summary,
        expect="Eerste samenvatting",
    ),
    "a section's commentary in a monitor": Edit(
        forms=("mvimonitor.monitoring.forms.MonitorEditForm",),
        url="monitoring:edit",
        kwargs=lambda r: {**plan(r), "day": r.monitor.date},
        first=lambda r: {"commentary_planned": "Eerste toelichting"},
        second=lambda r: {"commentary_planned": "Tweede toelichting"},
        saved=lambda r: list(
            SectionCommentary.objects.filter(monitor=r.monitor).values_list("text", flat=True)
        ),
        expect=["Eerste toelichting"],
    ),
    "the sections of the council version": Edit(
        forms=("mvimonitor.monitoring.forms.CompositionForm",),
        url="monitoring:compose",
        kwargs=plan,
        where=lambda r: {"variant": "council"},
        # the first leaves the summary out, the second the status table
        first=lambda r: {"sections": COUNCIL_WITHOUT_SUMMARY},
        second=lambda r: {"sections": ["summary", *COUNCIL_WITHOUT_SUMMARY[:-1]]},
        saved=lambda r: composition_section_ids(plan=r.world.plan, variant="council"),
        expect=COUNCIL_WITHOUT_SUMMARY,
    ),
    "an attention point": Edit(
        forms=("mvimonitor.monitoring.forms.AttentionPointForm",),
        url="monitoring:attention_point_edit",
        kwargs=lambda r: {**plan(r), "pk": r.point.pk},
        first=lambda r: {"text": "Budget onzeker, eerste versie"},
        second=lambda r: {"text": "Budget onzeker, tweede versie"},
        saved=lambda r: fresh(AttentionPoint, r.point.pk).text,
        expect="Budget onzeker, eerste versie",
    ),
    "closing an attention point": Edit(
        forms=("mvimonitor.monitoring.forms.AttentionPointCloseForm",),
        url="monitoring:attention_point_close",
        kwargs=lambda r: {**plan(r), "pk": r.point.pk},
        page="monitoring:attention_points",
        page_kwargs=plan,
        first=lambda r: {f"close-{r.point.pk}-closed_on": "2017-09-01"},
        second=lambda r: {f"close-{r.point.pk}-closed_on": "2017-09-10"},
        saved=lambda r: fresh(AttentionPoint, r.point.pk).closed_on,
        expect=date(2017, 9, 1),
    ),
    "a communication moment": Edit(
        forms=("mvimonitor.monitoring.forms.CommunicationMomentForm",),
        url="monitoring:communication_edit",
        kwargs=lambda r: {**plan(r), "pk": r.moment.pk},
        first=lambda r: {"text": "Artikel, eerste versie"},
        second=lambda r: {"text": "Artikel, tweede versie"},
        saved=lambda r: fresh(CommunicationMoment, r.moment.pk).text,
        expect="Artikel, eerste versie",
    ),
}

ORGANISATIONS: dict[str, Edit] = {
    "the organisation's logo": Edit(
        forms=("mvimonitor.organisations.forms.LogoForm",),
        url="organisations:settings",
        kwargs=org,
        having=frozenset({"logo"}),
        first=lambda r: {"logo": _logo((40, 20))},
        second=lambda r: {"logo": _logo((30, 20))},
        saved=lambda r: sha256(bytes(fresh(Organisation, r.world.helmond.pk).logo)).hexdigest(),
        expect=sha256(image_bytes(size=(40, 20))).hexdigest(),
    ),
    "an organisation's details, by a site administrator": Edit(
        forms=("mvimonitor.organisations.site_forms.OrganisationEditForm",),
        url="organisations:site_edit",
        kwargs=lambda r: {"slug": r.world.helmond.slug},
        user=lambda r: r.site_admin,
        first=lambda r: {"inhabitants": "91000"},
        second=lambda r: {"inhabitants": "92000"},
        saved=lambda r: fresh(Organisation, r.world.helmond.pk).inhabitants,
        expect=91_000,
    ),
    "a member's role": Edit(
        forms=("mvimonitor.organisations.forms.RoleForm",),
        url="organisations:member_role",
        kwargs=lambda r: {**org(r), "membership_id": _viewer(r).pk},
        page="organisations:members",
        page_kwargs=org,
        first=lambda r: {"role": "editor"},
        second=lambda r: {"role": "owner"},
        saved=lambda r: _viewer(r).role,
        expect="editor",
    ),
    "one's e-mail preferences": Edit(
        forms=("mvimonitor.reminders.forms.PreferencesForm",),
        url="reminders:preferences",
        kwargs=lambda r: {},
        first=lambda r: {"receives_reminders": None},
        second=lambda r: {"language": "en"},
        saved=lambda r: _coordinator_preferences(r),
        expect=(False, "nl"),
    ),
}


def _viewer(r: Records) -> Membership:
    return Membership.objects.get(user=r.world.viewer, organisation=r.world.helmond)


def _coordinator_preferences(r: Records) -> tuple[bool, str]:
    user = type(r.world.coordinator).objects.get(pk=r.world.coordinator.pk)
    return user.receives_reminders, user.language


def tender(r: Records) -> dict[str, Any]:
    return {**org(r), "pk": r.tender.pk}


PROCUREMENT: dict[str, Edit] = {
    "a tender": Edit(
        forms=("mvimonitor.procurement.forms.tenders.TenderForm",),
        url="procurement:tender_edit",
        kwargs=tender,
        first=lambda r: {"title": "Schoonmaak, eerste versie"},
        second=lambda r: {"title": "Schoonmaak, tweede versie"},
        saved=lambda r: fresh(Tender, r.tender.pk).title,
        expect="Schoonmaak, eerste versie",
    ),
    "a tender's phase": Edit(
        forms=("mvimonitor.procurement.forms.tenders.PhaseChangeForm",),
        url="procurement:tender_phase",
        kwargs=tender,
        first=lambda r: {"to_phase": "publication"},
        second=lambda r: {"to_phase": "award"},
        saved=lambda r: fresh(Tender, r.tender.pk).phase,
        expect="publication",
    ),
    "a theme applied in a tender": Edit(
        forms=("mvimonitor.procurement.forms.tenders.AppliedThemeForm",),
        url="procurement:tender_theme",
        kwargs=tender,
        query="theme={r.national_theme.pk}",
        first=lambda r: {"note": "Eerste toelichting"},
        second=lambda r: {"note": "Tweede toelichting"},
        saved=lambda r: fresh(AppliedTheme, r.applied.pk).note,
        expect="Eerste toelichting",
    ),
    "the actions a tender serves": Edit(
        forms=("mvimonitor.procurement.forms.tenders.LinkActionsForm",),
        url="procurement:tender_actions",
        kwargs=tender,
        first=lambda r: {"actions": [str(r.world.owned_action.pk)]},
        second=lambda r: {"actions": [str(r.world.unowned_action.pk)]},
        saved=lambda r: [a.code for a in fresh(Tender, r.tender.pk).actions.all()],
        expect=["A1"],
    ),
    "a contract": Edit(
        forms=("mvimonitor.procurement.forms.contracts.ContractForm",),
        url="procurement:contract_edit",
        kwargs=lambda r: {**org(r), "pk": r.contract.pk},
        first=lambda r: {"title": "Catering, eerste versie"},
        second=lambda r: {"title": "Catering, tweede versie"},
        saved=lambda r: fresh(Contract, r.contract.pk).title,
        expect="Catering, eerste versie",
    ),
    "a supplier": Edit(
        forms=("mvimonitor.procurement.forms.contracts.SupplierForm",),
        url="procurement:supplier_edit",
        kwargs=lambda r: {**org(r), "pk": r.contract.supplier_id},
        first=lambda r: {"name": "Groen BV"},
        second=lambda r: {"name": "Groen en Zo BV"},
        saved=lambda r: fresh(Supplier, r.contract.supplier_id).name,
        expect="Groen BV",
    ),
}

PLAN_WORK: dict[str, Edit] = {
    "a target": Edit(
        forms=("mvimonitor.targets.forms.TargetForm",),
        url="targets:edit",
        kwargs=lambda r: {**plan(r), "pk": r.target.pk},
        first=lambda r: {"title": "Vijf aanbestedingen, eerste versie"},
        second=lambda r: {"title": "Vijf aanbestedingen, tweede versie"},
        saved=lambda r: fresh(Target, r.target.pk).title,
        expect="Vijf aanbestedingen, eerste versie",
    ),
    "an owner's answer in a round (htmx)": Edit(
        forms=("mvimonitor.rounds.forms.ItemUpdateForm",),
        url="rounds:item_update",
        kwargs=owned,
        page="my_actions:list",
        page_kwargs=lambda r: {},
        role=Role.OWNER,
        htmx=True,
        first=lambda r: {f"item-{r.item.pk}-result": "Eerste resultaat"},
        second=lambda r: {f"item-{r.item.pk}-result": "Tweede resultaat"},
        saved=lambda r: fresh(Action, r.item.action_id).result,
        expect="Eerste resultaat",
    ),
}

EDITS: dict[str, Edit] = {**PLANS, **MONITORING, **ORGANISATIONS, **PROCUREMENT, **PLAN_WORK}
