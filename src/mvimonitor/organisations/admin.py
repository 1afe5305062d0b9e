from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mvimonitor.organisations import services
from mvimonitor.organisations.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


# A user's memberships on the user's admin page. accounts registers that page and knows
# nothing of organisations, which sit above it; its admin module is loaded first
# (INSTALLED_APPS order), so the page is there to extend.
_UserAdmin = type(admin.site.get_model_admin(get_user_model()))
_UserAdmin.inlines = (*_UserAdmin.inlines, UserMembershipInline)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "tooi_code", "inhabitants", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "tooi_code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role", "organisation")
    search_fields = ("user__email", "user__full_name", "organisation__name")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made and sent in the app (or with `mvi-monitor invite`), which
    e-mails the link; here operators only look them up and withdraw them. The token is
    never shown: it is the invitee's secret."""

    list_display = (
        "email",
        "organisation",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    list_filter = ("role", "organisation")
    search_fields = ("email", "organisation__name")
    list_select_related = ("organisation",)
    fields = (
        "organisation",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Withdraw the selected invitations"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        withdrawn = 0
        for invitation in queryset:
            try:
                services.invitation_revoke(invitation=invitation)
                withdrawn += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{invitation.email}: {' '.join(error.messages)}", messages.ERROR
                )
        self.message_user(
            request, gettext("Invitations withdrawn: %(count)d.") % {"count": withdrawn}
        )
