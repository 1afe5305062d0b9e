from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mvimonitor.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail can be read here, never added to, changed or deleted."""

    list_display = ("at", "actor_label", "operation", "model", "object_repr", "organisation_id")
    list_filter = ("operation", "model")
    search_fields = ("actor_label", "object_repr", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
