from django.contrib import admin, messages

from parley.apps.articles.models import ApiToken, Article, RelatedPin, Site, Terms


class TermsInline(admin.StackedInline):
    model = Terms
    extra = 0
    fields = ["version", "published_at", "text"]

    def has_change_permission(self, request, obj=None):
        return False  # a published version is never changed: add a new version instead

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "moderation_mode", "require_email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermsInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["site", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["site", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, raw = ApiToken.issue(obj.site, obj.name)
        obj.pk, obj.prefix, obj.key_hash = token.pk, token.prefix, token.key_hash
        obj._state.adding = False
        messages.warning(request, f"The new token is {raw} — copy it now, it is not shown again.")


class RelatedPinInline(admin.TabularInline):
    """Related articles placed by hand: they come first on the article's page, in this order."""

    model = RelatedPin
    fk_name = "article"
    extra = 0
    fields = ["position", "pinned"]
    autocomplete_fields = ["pinned"]
    verbose_name_plural = "pinned related articles (shown first, by position; same site only)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "external_id", "published_at", "comments_closed"]
    list_filter = ["site", "comments_closed"]
    search_fields = ["title", "external_id", "url"]
    date_hierarchy = "published_at"
    inlines = [RelatedPinInline]
