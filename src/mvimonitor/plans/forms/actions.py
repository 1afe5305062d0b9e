"""Forms for actions: create, edit (all fields, or what an owner may change),
status change, bulk status change and withdrawal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mvimonitor.kernel.locking import OUT_OF_DATE, VersionField
from mvimonitor.kernel.texts import free_text
from mvimonitor.plans.forms.common import ADDED_INITIAL, ADDED_NEW, organisation_members
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange, Theme
from mvimonitor.plans.selectors import themes_for_organisation
from mvimonitor.plans.services import EDITABLE_FIELDS, initial_added_on
from mvimonitor.plans.workflow import STATUS_ORDER, Status
from mvimonitor.utils.dates import today
from mvimonitor.web.forms import DateInput, choice_field, model_field

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    effective_on = forms.DateField(
        label=_("Status since"),
        widget=DateInput,
        help_text=_("The date the action got this status; not in the future."),
    )
    note = free_text(
        StatusChange,
        "note",
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = VersionField()

    def __init__(self, *args: Any, targets: list[Status], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("effective_on", today())
        super().__init__(*args, **kwargs)
        choice_field(self, "to_status").choices = [(s.value, s.label) for s in targets]


class BulkStatusForm(StatusChangeForm):
    """The list's rows each carry their action's version (`version_<id>`), so that a
    status someone else changed after the list was shown is not changed again."""

    actions = forms.TypedMultipleChoiceField(
        label=_("Selected actions"),
        coerce=int,
        error_messages={"required": _("Select one or more actions first.")},
    )

    def __init__(self, *args: Any, action_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, targets=list(STATUS_ORDER), **kwargs)
        choice_field(self, "actions").choices = [(pk, pk) for pk in action_ids]
        self.fields["actions"].error_messages["invalid_choice"] = _(
            "One of the selected actions is not in this plan."
        )
        del self.fields["version"]
        for pk in action_ids:
            self.fields[f"version_{pk}"] = VersionField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(data.get(f"version_{pk}") is None for pk in data.get("actions", [])):
            raise forms.ValidationError(OUT_OF_DATE)
        return data

    def versions(self) -> dict[int, int]:
        """Action id -> the version the list showed, for the selected actions."""
        return {pk: self.cleaned_data[f"version_{pk}"] for pk in self.cleaned_data["actions"]}


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput)
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("withdrawn_on", today())
        super().__init__(*args, **kwargs)


class OwnerActionForm(forms.Form):
    """What an action owner may change: the result and the status (with a note)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    result = free_text(Action, "result", label=_("Result"), required=False)
    to_status = forms.ChoiceField(label=_("New status"), required=False)
    effective_on = forms.DateField(label=_("Status since"), widget=DateInput, required=False)
    note = free_text(
        StatusChange,
        "note",
        label=_("Note with the status change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, action: Action, targets: list[Status], **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.update(version=action.version, result=action.result, effective_on=today())
        super().__init__(*args, **kwargs)
        self.action = action
        choice_field(self, "to_status").choices = [
            ("", _("Keep “%(status)s”") % {"status": Status(action.status).label})
        ] + [(s.value, s.label) for s in targets]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to_status") and not data.get("effective_on"):
            self.add_error("effective_on", _("Give the date of the status change."))
        if data.get("note", "").strip() and not data.get("to_status"):
            self.add_error("note", _("A note goes with a status change: choose a new status too."))
        return data

    def changes(self) -> dict[str, Any]:
        return {"result": self.cleaned_data["result"]}


class ActionForm(OwnerActionForm):
    """Every field of an action, for editors and coordinators (edit and create)."""

    code = free_text(Action, "code", label=_("Code"))
    title = free_text(Action, "title", label=_("Title"))
    description = free_text(Action, "description", label=_("Description"), required=False)
    period = forms.ModelChoiceField(label=_("Period"), queryset=Period.objects.none())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Owner (a member)"),
        queryset=None,  # the organisation's members, set in __init__
        required=False,
        empty_label=_("No member"),
    )
    owner_name = free_text(
        Action, "owner_name", label=_("Or the name of an owner without an account"), required=False
    )
    department = free_text(Action, "department", label=_("Department"), required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput, required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput, required=False)
    is_continuous = forms.BooleanField(label=_("Continuous action (no due date)"), required=False)
    added_kind = forms.ChoiceField(label=_("In the plan since"), widget=forms.RadioSelect)
    added_on = forms.DateField(label=_("Added on"), widget=DateInput, required=False)

    field_order = [
        "code",
        "title",
        "description",
        "period",
        "themes",
        "owner",
        "owner_name",
        "department",
        "start_date",
        "due_date",
        "is_continuous",
        "result",
        "added_kind",
        "added_on",
        "to_status",
        "effective_on",
        "note",
    ]

    def __init__(
        self,
        *args: Any,
        plan: ActionPlan,
        action: Action | None = None,
        targets: list[Status],
        **kwargs: Any,
    ) -> None:
        self.plan = plan
        initial = kwargs.setdefault("initial", {})
        initial.update(self._initial(action))
        super().__init__(*args, action=action or Action(plan=plan), targets=targets, **kwargs)
        model_field(self, "period").queryset = plan.periods.all()
        model_field(self, "themes").queryset = themes_for_organisation(
            organisation=plan.organisation
        )
        model_field(self, "owner").queryset = organisation_members(plan)
        choice_field(self, "added_kind").choices = [
            (
                ADDED_INITIAL,
                _("Part of the plan as adopted on %(date)s")
                % {"date": date_format(plan.adopted_on)},
            ),
            (ADDED_NEW, _("New action, added to the plan on the date below")),
        ]

    def _initial(self, action: Action | None) -> dict[str, Any]:
        if action is None:
            is_new = today() > self.plan.adopted_on
            return {"added_kind": ADDED_NEW if is_new else ADDED_INITIAL, "added_on": today()}
        # The result's initial value comes from OwnerActionForm.
        values = {name: getattr(action, name) for name in EDITABLE_FIELDS if name != "result"}
        values["themes"] = list(action.themes.all())
        values["added_kind"] = ADDED_NEW if action.is_new else ADDED_INITIAL
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("owner") and data.get("owner_name", "").strip():
            self.add_error("owner_name", _("Choose a member or type a name, not both."))
        if data.get("added_kind") == ADDED_INITIAL:
            data["added_on"] = initial_added_on(plan=self.plan)
        elif data.get("added_kind") == ADDED_NEW:
            added_on: date | None = data.get("added_on")
            if added_on is None:
                self.add_error("added_on", _("Give the date the action was added to the plan."))
            elif added_on <= self.plan.adopted_on:
                self.add_error(
                    "added_on",
                    _("A new action is added after the plan was adopted (%(date)s).")
                    % {"date": date_format(self.plan.adopted_on)},
                )
        return data

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ActionCreateForm(ActionForm):
    """A new action also gets its first status and the date it has it since."""

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, plan=plan, targets=list(STATUS_ORDER), **kwargs)
        del self.fields["version"]
        choice_field(self, "to_status").choices = [(s.value, s.label) for s in STATUS_ORDER]
        self.fields["to_status"].label = _("Status")
        self.fields["to_status"].required = True
        self.fields["to_status"].initial = Status.NOT_STARTED.value
        self.fields["effective_on"].required = True
        del self.fields["note"]
