"""The Django admin (/beheer/) is for platform operators (is_staff) only; members of an
organisation work in the app itself."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mvimonitor.accounts import services
from mvimonitor.accounts.forms import StaffAuthenticationForm
from mvimonitor.accounts.models import LoginLock, User

# The admin's login is under the same login locks as the app's, and says so (ADR 0019).
admin.site.login_form = StaffAuthenticationForm


def _unlock(model_admin: admin.ModelAdmin, request: HttpRequest, names: set[str]) -> None:
    lifted = sum(services.login_unlock(login_name=name) for name in names)
    model_admin.message_user(
        request,
        ngettext("%(count)d login lock lifted.", "%(count)d login locks lifted.", lifted)
        % {"count": lifted},
    )


def _clean_unique_email(form: forms.ModelForm) -> str:
    """Addresses are unique whatever their case, and stored in lower case."""
    email: str = form.cleaned_data["email"].strip().lower()
    others = User.objects.filter(email__iexact=email).exclude(pk=form.instance.pk)
    if others.exists():
        raise forms.ValidationError(_("A user with this e-mail address already exists."))
    return email


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "language")

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return _clean_unique_email(self)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    # organisations.admin adds the user's memberships (accounts knows no organisations).
    inlines = ()
    list_display = (
        "email",
        "full_name",
        "language",
        "is_active",
        "is_staff",
        "is_site_admin",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_site_admin", "is_superuser", "language")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    actions = ("unlock_login",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "language")}),
        (
            _("Platform rights"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_site_admin",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    @admin.action(description=_("Unlock the login of the selected users"))
    def unlock_login(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        _unlock(self, request, set(queryset.values_list("email", flat=True)))


class InForceFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("in_force", _("in force")), ("over", _("lifted or over"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[LoginLock]) -> QuerySet[LoginLock]:
        in_force = LoginLock.objects.in_force().values("pk")
        if self.value() == "in_force":
            return queryset.filter(pk__in=in_force)
        if self.value() == "over":
            return queryset.exclude(pk__in=in_force)
        return queryset


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    """Every lock after too many wrong passwords, read-only; operators lift them."""

    list_display = (
        "login_name",
        "ip_address",
        "failures",
        "locked_at",
        "locked_until",
        "lifted_at",
        "lifted_how",
    )
    list_filter = (InForceFilter, "lifted_how")
    search_fields = ("login_name", "ip_address")
    date_hierarchy = "locked_at"
    actions = ("lift",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Unlock the logins of the selected locks"))
    def lift(self, request: HttpRequest, queryset: QuerySet[LoginLock]) -> None:
        _unlock(self, request, set(queryset.values_list("login_name", flat=True)))
