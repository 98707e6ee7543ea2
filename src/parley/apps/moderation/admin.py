from django.contrib import admin

from parley.apps.moderation.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log is read-only, here as everywhere."""

    list_display = ["created_at", "actor_label", "action", "comment", "from_status", "to_status", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_label", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
