from django.contrib import admin

from parley.apps.moderation.models import (
    Appeal,
    AuditEvent,
    CommenterRestriction,
    Notice,
    SiteModerator,
    StatementOfReasons,
    Takedown,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Decisions are taken in the moderation workspace, through the services; the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log is read-only, here as everywhere."""

    list_display = ["created_at", "actor_label", "action", "comment", "from_status", "to_status", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_label", "reason"]
    date_hierarchy = "created_at"


@admin.register(StatementOfReasons)
class StatementOfReasonsAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "site", "comment", "action", "rule", "automated_decision", "source_type",
                    "revoked_at"]
    list_filter = ["site", "action", "rule", "automated_decision", "source_type", "created_at"]
    search_fields = ["puid", "decision_facts"]
    date_hierarchy = "created_at"


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["filed_at", "site", "statement", "status", "decided_by", "decided_at"]
    list_filter = ["site", "status"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "site", "comment", "rule", "status", "handled_at"]
    list_filter = ["site", "status", "rule"]


@admin.register(CommenterRestriction)
class CommenterRestrictionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "site", "commenter", "kind", "until", "lifted_at", "created_by"]
    list_filter = ["site", "kind"]


@admin.register(Takedown)
class TakedownAdmin(ReadOnlyAdmin):
    list_display = ["executed_at", "site", "comment", "order_reference", "received_at", "preserve_until"]


@admin.register(SiteModerator)
class SiteModeratorAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "created_at"]
    list_filter = ["site"]
