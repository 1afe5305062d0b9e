"""What was e-mailed, for platform operators: read-only, since the rows are the claims
that keep reminders from going out twice (docs/adr/0014-reminders.md)."""

from django.contrib import admin
from django.http import HttpRequest

from mvimonitor.reminders.models import ReminderDispatch


@admin.register(ReminderDispatch)
class ReminderDispatchAdmin(admin.ModelAdmin):
    list_display = (
        "claimed_at",
        "kind",
        "recipient",
        "round",
        "offset_days",
        "sent_at",
        "attempts",
    )
    list_filter = ("kind", "sent_at")
    search_fields = ("recipient__email", "recipient__full_name")
    list_select_related = ("recipient", "round__monitor__plan")
    date_hierarchy = "claimed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
