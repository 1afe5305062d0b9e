"""Plans in the Django admin, for platform operators. Actions are created and their
status changed in the app, through the services, so the status history stays complete:
here an action's status is read-only and the history cannot be edited."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period, PlanTheme, StatusChange, Theme


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


class PlanThemeInline(admin.TabularInline):
    model = PlanTheme
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "slug", "adopted_on", "starts_on", "ends_on")
    list_filter = ("organisation",)
    search_fields = ("name", "slug", "organisation__name")
    list_select_related = ("organisation",)
    inlines = (PeriodInline, PlanThemeInline)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "position")
    list_filter = ("plan__organisation",)
    search_fields = ("name", "plan__name")
    list_select_related = ("plan",)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "code", "organisation", "is_legacy", "position")
    list_filter = ("is_legacy", ("organisation", admin.EmptyFieldListFilter))
    search_fields = ("name", "name_en", "code")


class ActionAdminForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = (*services.EDITABLE_FIELDS, "themes")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        period = cleaned.get("period")
        if period is not None and period.plan_id != self.instance.plan_id:
            self.add_error("period", _("This period belongs to another plan."))
        added_on, withdrawn_on = cleaned.get("added_on"), self.instance.withdrawn_on
        if added_on and withdrawn_on and withdrawn_on < added_on:
            self.add_error("added_on", _("An action cannot be withdrawn before it was added."))
        return cleaned


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("effective_on", "from_status", "to_status", "recorded_at", "recorded_by", "note")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    form = ActionAdminForm
    list_display = ("code", "title", "plan", "period", "status", "added_on", "withdrawn_on")
    list_filter = ("status", "plan__organisation", "plan")
    search_fields = ("code", "title", "plan__name")
    list_select_related = ("plan", "period")
    readonly_fields = ("plan", "status", "withdrawn_on", "version", "created_at", "updated_at")
    inlines = (StatusChangeInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Action, form: forms.ModelForm, change: bool
    ) -> None:
        # Through the service: one versioned UPDATE, so someone who opened the action in
        # the app before this change gets the "changed by someone else" message.
        changed = {name: form.cleaned_data[name] for name in form.changed_data if name != "themes"}
        version = Action.objects.values_list("version", flat=True).get(pk=obj.pk)
        services.action_update(action=obj, expected_version=version, by=request.user, **changed)  # type: ignore[arg-type]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """The status history is appended by the services and never edited."""

    list_display = (
        "action",
        "from_status",
        "to_status",
        "effective_on",
        "recorded_at",
        "recorded_by",
    )
    list_filter = ("to_status", "action__plan")
    search_fields = ("action__code", "action__title", "note")
    list_select_related = ("action", "recorded_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
