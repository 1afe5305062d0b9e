"""The Django admin (/beheer/) is for platform operators (is_staff) only; members of an
organisation work in the app itself."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from mvimonitor.accounts.models import User


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
    list_display = ("email", "full_name", "language", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "language")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "language")}),
        (
            _("Platform rights"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
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
