"""Until the moderator workspace exists, moderators approve and decline here. Every action is audited."""

from django.contrib import admin, messages

from parley.apps.comments.models import Comment, Commenter, CommentRevision, Status
from parley.apps.comments.services import set_status


class RevisionInline(admin.TabularInline):
    model = CommentRevision
    extra = 0
    fields = ["number", "editor_kind", "editor", "reason", "created_at", "body_markdown"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _move(request, queryset, status, verb):
    changed = 0
    for comment in queryset.select_related("article"):
        if comment.status != status:
            set_status(comment, status, actor=request.user, reason=f"{verb} in the admin")
            changed += 1
    return changed


@admin.action(description="Approve (publish) selected comments", permissions=["change"])
def approve(modeladmin, request, queryset):
    n = _move(request, queryset, Status.PUBLISHED, "Approved")
    messages.success(request, f"Published {n} comment(s).")


@admin.action(description="Decline selected comments", permissions=["change"])
def decline(modeladmin, request, queryset):
    n = _move(request, queryset, Status.REJECTED, "Declined")
    messages.success(request, f"Declined {n} comment(s).")


@admin.action(description="Delete selected comments (soft, kept for the retention period)", permissions=["change"])
def soft_delete(modeladmin, request, queryset):
    n = _move(request, queryset, Status.DELETED, "Deleted")
    messages.success(request, f"Deleted {n} comment(s).")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "author_name", "article", "status", "created_at", "short_text"]
    list_filter = ["status", "article__site", "created_at"]
    search_fields = ["body_markdown", "author_name", "commenter__email"]
    list_select_related = ["article"]
    actions = [approve, decline, soft_delete]
    inlines = [RevisionInline]
    readonly_fields = [
        "article", "parent", "root", "depth", "path", "commenter", "author_name", "body_markdown", "body_html",
        "status", "edited_by_moderator", "terms", "verdict", "created_at", "edited_at", "published_at",
        "status_changed_at", "deleted_at", "ip_hash", "user_agent", "reply_count",
    ]

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.body_markdown[:80]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # use the soft-delete action: nothing is lost


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "site", "email", "created_at"]
    search_fields = ["display_name", "email"]
    list_filter = ["site"]
