"""Every text a user fills has a maximum that fits every output (issue 12, item 3): the
model field says it, the model refuses more (so that the API of issue 18 refuses it
too), and every form that fills the field refuses more with Django's message, the
maximum itself taken. A spreadsheet cell holds 32,767 characters, counted by Excel in
UTF-16 units: a text of emoji counts twice, and a formula-like text gets an apostrophe
in front (utils.spreadsheet), so a maximum of at most 16,383 always fits."""

import html
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

import mvimonitor
from mvimonitor.accounts.models import User
from mvimonitor.kernel.texts import SHORT_TEXT_MAX_LENGTH
from mvimonitor.monitoring.forms import (
    AttentionPointForm,
    CommunicationMomentForm,
    MonitorCreateForm,
    MonitorEditForm,
    ReopenForm,
)
from mvimonitor.monitoring.models import (
    AttentionPoint,
    CommunicationMoment,
    Monitor,
    MonitorEdition,
    SectionCommentary,
)
from mvimonitor.monitoring.sections import by_ids
from mvimonitor.organisations.forms import NewAccountForm
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.site_forms import (
    OrganisationCreateForm,
    OrganisationEditForm,
    OrganisationForm,
)
from mvimonitor.plans.forms import (
    ActionCreateForm,
    ActionForm,
    BulkStatusForm,
    OwnerActionForm,
    PeriodsForm,
    PlanCreateForm,
    PlanDeleteForm,
    PlanForm,
    StatusChangeForm,
    StatusCorrectionForm,
    ThemeForm,
)
from mvimonitor.plans.forms.copy import PlanCopyForm
from mvimonitor.plans.models import (
    Action,
    ActionPlan,
    Period,
    StatusChange,
    StatusCorrection,
    Theme,
)
from mvimonitor.plans.workflow import STATUS_ORDER
from mvimonitor.procurement.forms.contracts import ContractForm, SupplierForm
from mvimonitor.procurement.forms.tenders import AppliedThemeForm, PhaseChangeForm, TenderForm
from mvimonitor.procurement.models import (
    AppliedTheme,
    Contract,
    Supplier,
    Tender,
    TenderPhaseChange,
)
from mvimonitor.procurement.phases import Phase
from mvimonitor.review.forms import CommentForm
from mvimonitor.review.models import Comment
from mvimonitor.rounds.forms import ItemUpdateForm, RoundOpenForm
from mvimonitor.rounds.models import PendingOwner, RoundItem, UpdateRound
from mvimonitor.targets.forms import TargetForm
from mvimonitor.targets.models import Target
from tests.conftest import MONITOR_DAY, World
from tests.procurement.factories import TenderFactory

#: The longest text whose worst case (every character outside the BMP, and a leading
#: apostrophe) still fits one spreadsheet cell.
CELL_SAFE = (32_767 - 1) // 2

#: Every text field a user fills, by a form, an import, a command or the admin.
USER_TEXT: list[tuple[type[models.Model], str]] = [
    (ActionPlan, "name"),
    (ActionPlan, "description"),
    (Period, "name"),
    (Theme, "name"),
    (Theme, "name_en"),
    (Action, "code"),
    (Action, "title"),
    (Action, "description"),
    (Action, "owner_name"),
    (Action, "department"),
    (Action, "result"),
    (StatusChange, "note"),
    (StatusCorrection, "reason"),
    (Monitor, "summary"),
    (MonitorEdition, "reopen_reason"),
    (SectionCommentary, "text"),
    (AttentionPoint, "text"),
    (CommunicationMoment, "text"),
    (CommunicationMoment, "channel"),
    (Comment, "body"),
    (Target, "title"),
    (Target, "note"),
    (Tender, "reference"),
    (Tender, "title"),
    (Tender, "description"),
    (Tender, "buyer_name"),
    (Tender, "department"),
    (TenderPhaseChange, "note"),
    (AppliedTheme, "criteria_ids"),
    (AppliedTheme, "note"),
    (Supplier, "name"),
    (Supplier, "city"),
    (Contract, "reference"),
    (Contract, "title"),
    (Contract, "lot"),
    (UpdateRound, "message"),
    (RoundItem, "owner_name"),
    (RoundItem, "note"),
    (PendingOwner, "owner_name"),
    (Organisation, "name"),
    (User, "full_name"),
]
#: Text fields that are not free text, and why.
NOT_USER_TEXT: dict[str, str] = {
    "audit.AuditEntry": "written by the audit trail",
    "exchange.ImportJob": "written by the import job (the file's name, its state)",
    "exchange.PlanImportRecord.file_name": "the uploaded file's name, as the import job keeps it",
    "reminders.ReminderDispatch.error": "an SMTP error",
    "organisations.Organisation.logo_content_type": "set from the checked image",
    "organisations.Organisation.tooi_code": "a CBS/TOOI code, checked by organisations.codes",
    "organisations.Invitation.token": "random",
    "calendar_feed.FeedToken.token": "random",
    "procurement.CpvCode": "reference data from the EU list",
    "procurement.Supplier.kvk_number": "eight digits, checked by procurement.kvk",
    "accounts.User.password": "a hash",
    "accounts.LoginLock.login_name": "written by the lockout: the name a login was tried with",
    "monitoring.SectionCommentary.section_id": "a registered section's id, checked by the service",
    "plans.Action.code_sort_key": "derived from the code (kernel.natural)",
    "procurement.Tender.reference_sort_key": "derived from the reference (kernel.natural)",
    "procurement.Contract.reference_sort_key": "derived from the reference (kernel.natural)",
}


def label(model: type[models.Model], name: str) -> str:
    return f"{model._meta.label}.{name}"


def text_fields_of_the_project() -> set[str]:
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("mvimonitor."):
            continue
        for field in model._meta.concrete_fields:
            chosen = field.choices or isinstance(field, models.SlugField | models.EmailField)
            if isinstance(field, models.CharField | models.TextField) and not chosen:
                found.add(label(model, field.name))
    return found


def test_every_text_field_of_the_project_is_known_as_free_text_or_not():
    known = {label(model, name) for model, name in USER_TEXT}
    unknown = {
        name
        for name in text_fields_of_the_project() - known
        if name not in NOT_USER_TEXT and name.rsplit(".", 1)[0] not in NOT_USER_TEXT
    }
    assert unknown == set(), "add each to USER_TEXT (and give it a maximum) or NOT_USER_TEXT"


@pytest.mark.parametrize(
    ("model", "name"),
    [pytest.param(m, n, id=label(m, n)) for m, n in USER_TEXT],
)
def test_every_text_a_user_fills_has_a_maximum_that_fits_a_spreadsheet_cell(model, name):
    field = model._meta.get_field(name)
    assert field.max_length is not None
    assert field.max_length <= CELL_SAFE
    if isinstance(field, models.CharField):
        assert field.max_length <= SHORT_TEXT_MAX_LENGTH  # a name, a title, a reference


# The model's maximum is checked by the model itself (full_clean, a serializer), not
# only by the forms: Django checks a TextField's max_length in forms only.
@pytest.mark.parametrize(
    ("model", "name"),
    [pytest.param(m, n, id=label(m, n)) for m, n in USER_TEXT],
)
def test_the_model_refuses_a_text_one_character_over_its_maximum(english, model, name):
    field = model._meta.get_field(name)
    assert field.max_length is not None
    field.run_validators("x" * field.max_length)
    with pytest.raises(ValidationError) as refused:
        field.run_validators("x" * (field.max_length + 1))
    assert f"at most {field.max_length} characters" in str(refused.value)


# Forms


@dataclass(frozen=True)
class FormCase:
    """A text field of a form and the model field it fills."""

    form: type[forms.Form]
    field: str  # "{period}" stands for the id of the plan's first period
    model: type[models.Model]
    model_field: str
    make: Callable[[World, dict[str, Any]], forms.Form]
    extra: tuple[tuple[str, str], ...] = ()  # what the field asks for with it

    @property
    def id(self) -> str:
        return f"{self.form.__name__}.{self.field.split('{')[0].rstrip('_')}"


def _tender(world: World) -> Tender:
    return Tender.objects.filter(organisation=world.helmond).first() or TenderFactory(
        organisation=world.helmond
    )


def _action_form(cls: type[forms.Form]) -> Callable[[World, dict[str, Any]], forms.Form]:
    def make(world: World, data: dict[str, Any]) -> forms.Form:
        if cls is ActionCreateForm:
            return cls(data, plan=world.plan)
        if cls is ActionForm:
            return cls(data, plan=world.plan, action=world.owned_action, targets=list(STATUS_ORDER))
        return cls(data, action=world.owned_action, targets=list(STATUS_ORDER))

    return make


def _cases() -> list[FormCase]:
    plan_form = lambda cls: lambda w, d: cls(d, organisation=w.helmond)  # noqa: E731
    action = [
        (ActionForm, "code", "code"),
        (ActionForm, "title", "title"),
        (ActionForm, "description", "description"),
        (ActionForm, "owner_name", "owner_name"),
        (ActionForm, "department", "department"),
        (ActionForm, "result", "result"),
        (ActionCreateForm, "code", "code"),
        (ActionCreateForm, "title", "title"),
        (ActionCreateForm, "description", "description"),
        (ActionCreateForm, "owner_name", "owner_name"),
        (ActionCreateForm, "department", "department"),
        (ActionCreateForm, "result", "result"),
        (OwnerActionForm, "result", "result"),
    ]
    cases = [
        FormCase(cls, field, Action, target, _action_form(cls)) for cls, field, target in action
    ]
    cases += [
        FormCase(
            ActionForm,
            "note",
            StatusChange,
            "note",
            _action_form(ActionForm),
            extra=(("to_status", "completed"),),
        ),
        FormCase(
            OwnerActionForm,
            "note",
            StatusChange,
            "note",
            _action_form(OwnerActionForm),
            extra=(("to_status", "completed"),),
        ),
        FormCase(
            StatusChangeForm,
            "note",
            StatusChange,
            "note",
            lambda w, d: StatusChangeForm(d, targets=list(STATUS_ORDER)),
        ),
        FormCase(
            BulkStatusForm,
            "note",
            StatusChange,
            "note",
            lambda w, d: BulkStatusForm(d, action_ids=[w.owned_action.pk]),
        ),
        FormCase(
            StatusCorrectionForm,
            "reason",
            StatusCorrection,
            "reason",
            lambda w, d: StatusCorrectionForm(
                d, action=w.owned_action, change=w.owned_action.status_changes.get()
            ),
        ),
        FormCase(PlanForm, "name", ActionPlan, "name", plan_form(PlanForm)),
        # The plan's name typed to confirm its deletion: compared, never stored.
        FormCase(
            PlanDeleteForm, "confirmation", ActionPlan, "name", lambda w, d: PlanDeleteForm(d)
        ),
        FormCase(PlanForm, "description", ActionPlan, "description", plan_form(PlanForm)),
        FormCase(PlanCreateForm, "name", ActionPlan, "name", plan_form(PlanCreateForm)),
        FormCase(
            PlanCreateForm, "description", ActionPlan, "description", plan_form(PlanCreateForm)
        ),
        FormCase(
            # Each line is a period's name.
            PlanCreateForm,
            "period_names",
            Period,
            "name",
            plan_form(PlanCreateForm),
        ),
        FormCase(
            PlanCopyForm,
            "name",
            ActionPlan,
            "name",
            lambda w, d: PlanCopyForm(d, organisation=w.helmond, source=w.plan, candidates=[]),
        ),
        FormCase(PeriodsForm, "new_name", Period, "name", lambda w, d: PeriodsForm(d, plan=w.plan)),
        FormCase(
            PeriodsForm,
            "name_{period}",
            Period,
            "name",
            lambda w, d: PeriodsForm(d, plan=w.plan),
        ),
        FormCase(ThemeForm, "name", Theme, "name", lambda w, d: ThemeForm(d)),
        FormCase(ThemeForm, "name_en", Theme, "name_en", lambda w, d: ThemeForm(d)),
        FormCase(MonitorEditForm, "summary", Monitor, "summary", lambda w, d: MonitorEditForm(d)),
        FormCase(
            MonitorCreateForm, "summary", Monitor, "summary", lambda w, d: MonitorCreateForm(d)
        ),
        FormCase(ReopenForm, "reason", MonitorEdition, "reopen_reason", lambda w, d: ReopenForm(d)),
        FormCase(
            # A field per section of the report; one stands for all.
            MonitorEditForm,
            "commentary_planned",
            SectionCommentary,
            "text",
            lambda w, d: MonitorEditForm(d, sections=by_ids(["summary", "planned"])),
        ),
        FormCase(
            AttentionPointForm, "text", AttentionPoint, "text", lambda w, d: AttentionPointForm(d)
        ),
        FormCase(
            CommunicationMomentForm,
            "text",
            CommunicationMoment,
            "text",
            lambda w, d: CommunicationMomentForm(d),
        ),
        FormCase(
            CommunicationMomentForm,
            "channel",
            CommunicationMoment,
            "channel",
            lambda w, d: CommunicationMomentForm(d),
        ),
        FormCase(CommentForm, "body", Comment, "body", lambda w, d: CommentForm(d)),
        FormCase(TargetForm, "title", Target, "title", plan_form(TargetForm)),
        FormCase(TargetForm, "note", Target, "note", plan_form(TargetForm)),
        FormCase(
            PhaseChangeForm,
            "note",
            TenderPhaseChange,
            "note",
            lambda w, d: PhaseChangeForm(d, tender=_tender(w), targets=[Phase.PUBLICATION]),
        ),
        FormCase(
            AppliedThemeForm,
            "criteria_ids",
            AppliedTheme,
            "criteria_ids",
            lambda w, d: AppliedThemeForm(d, tender=_tender(w)),
        ),
        FormCase(
            AppliedThemeForm,
            "note",
            AppliedTheme,
            "note",
            lambda w, d: AppliedThemeForm(d, tender=_tender(w)),
        ),
        FormCase(
            RoundOpenForm,
            "message",
            UpdateRound,
            "message",
            lambda w, d: RoundOpenForm(d, monitor_date=MONITOR_DAY, owner_names=[]),
        ),
        FormCase(
            ItemUpdateForm,
            "result",
            Action,
            "result",
            lambda w, d: ItemUpdateForm(d, action=w.owned_action, targets=list(STATUS_ORDER)),
        ),
        FormCase(
            ItemUpdateForm,
            "note",
            RoundItem,
            "note",
            lambda w, d: ItemUpdateForm(d, action=w.owned_action, targets=list(STATUS_ORDER)),
        ),
        FormCase(NewAccountForm, "full_name", User, "full_name", lambda w, d: NewAccountForm(d)),
        FormCase(OrganisationForm, "name", Organisation, "name", lambda w, d: OrganisationForm(d)),
        FormCase(
            OrganisationCreateForm,
            "name",
            Organisation,
            "name",
            lambda w, d: OrganisationCreateForm(d),
        ),
        FormCase(
            OrganisationEditForm, "name", Organisation, "name", lambda w, d: OrganisationEditForm(d)
        ),
    ]
    tender = lambda w, d: TenderForm(d, organisation=w.helmond)  # noqa: E731
    cases += [
        FormCase(TenderForm, name, Tender, name, tender)
        for name in ("reference", "title", "description", "buyer_name", "department")
    ]
    supplier = lambda w, d: SupplierForm(d)  # noqa: E731
    contract = lambda w, d: ContractForm(d, organisation=w.helmond)  # noqa: E731
    cases += [
        FormCase(SupplierForm, "name", Supplier, "name", supplier),
        FormCase(SupplierForm, "city", Supplier, "city", supplier),
        FormCase(ContractForm, "new_supplier_name", Supplier, "name", contract),
        FormCase(ContractForm, "new_supplier_city", Supplier, "city", contract),
    ]
    cases += [
        FormCase(ContractForm, name, Contract, name, contract)
        for name in ("reference", "title", "lot")
    ]
    return cases


FORM_CASES = _cases()


def bind(case: FormCase, world: World, text: str) -> tuple[forms.Form, str]:
    """The case's form bound to `text` in its field (and what the field asks for with
    it, nothing else), and the field."""
    field = case.field.format(period=world.plan.periods.first().pk)
    form = case.make(world, {field: text, **dict(case.extra)})
    form.is_valid()
    return form, field


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=case.id) for case in FORM_CASES],
)
def test_every_form_refuses_a_text_over_the_models_maximum_and_takes_the_maximum(
    world, english, case
):
    maximum = case.model._meta.get_field(case.model_field).max_length
    assert maximum is not None
    form, field = bind(case, world, "x" * maximum)
    assert field not in form.errors, form.errors.get(field)

    form, field = bind(case, world, "x" * (maximum + 1))
    assert f"Ensure this value has at most {maximum} characters (it has {maximum + 1})." in (
        form.errors.get(field, [])
    )


# Which forms hold free text: every form class of the project with a text field is in
# FORM_CASES, or below with the reason why its text is not stored as free text.
NOT_FREE_TEXT_FIELDS: dict[str, str] = {
    "SupplierForm.kvk_number": "eight digits, checked by procurement.kvk",
    "ContractForm.new_supplier_kvk": "eight digits, checked by procurement.kvk",
    "TenderForm.cpv_codes": "CPV codes, each checked",
    "RoundOpenForm.reminder_days": "whole numbers",
    "SupplierSearchForm.q": "a search, not stored",
    "NewAccountForm.password": "a password, hashed",
    "OrganisationForm.tooi_code": "a CBS/TOOI code, checked by organisations.codes",
    "OrganisationCreateForm.tooi_code": "a CBS/TOOI code, checked by organisations.codes",
    "OrganisationEditForm.tooi_code": "a CBS/TOOI code, checked by organisations.codes",
    "NewAccountForm.password_confirm": "a password, compared",
    "EmailAuthenticationForm.password": "a password, checked",
    "StaffAuthenticationForm.username": "a login name (/beheer/), checked, not stored",
    "StaffAuthenticationForm.password": "a password, checked",
    "ActionCreateForm.note": "removed: a new action has no note of a status change",
    "PlanCopyForm.description": "removed: the copy takes the plan's description over",
    "ConfirmForm.fingerprint": "a hidden digest (hexadecimal digits), compared with the plan's",
}


def form_classes_of_the_project() -> set[type[forms.Form]]:
    for module in pkgutil.walk_packages(mvimonitor.__path__, "mvimonitor."):
        if ".migrations" not in module.name and ".management" not in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("mvimonitor."):
                found.add(cls)
    return found


def test_every_text_field_of_every_form_is_checked_here():
    covered = {(case.form, case.field.split("_{")[0]) for case in FORM_CASES}
    missing = []
    for cls in form_classes_of_the_project():
        if issubclass(cls, forms.ModelForm):
            continue  # the admin's: the model field's maximum and validators apply
        for name, field in getattr(cls, "base_fields", {}).items():
            text = isinstance(field, forms.CharField) and not isinstance(
                field, forms.EmailField | forms.SlugField
            )
            known = (cls, name) in covered or f"{cls.__name__}.{name}" in NOT_FREE_TEXT_FIELDS
            if text and not known:
                missing.append(f"{cls.__name__}.{name}")
    assert missing == []


# The page


def test_the_action_page_says_in_dutch_how_long_a_text_is_and_keeps_all_of_it(
    world, login, frozen_today
):
    action = world.unowned_action
    text = "Lange omschrijving. " * 500 + "!"  # 10,001 characters
    data = {
        "version": action.version,
        "code": action.code,
        "title": action.title,
        "period": action.period_id,
        "added_kind": "initial",
        "effective_on": "2017-09-20",
        "description": text,
    }
    url = reverse(
        "plans:action_edit",
        kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug, "pk": action.pk},
    )
    response = login(world.editor).post(url, data)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Zorg dat deze waarde niet meer dan 10000 tekens bevat (het zijn er nu 10001)." in page
    assert text in page  # nothing typed is lost: the text comes back to be shortened
    assert Action.objects.get(pk=action.pk).description == action.description
