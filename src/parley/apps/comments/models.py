"""Commenters, comments and every revision of a comment's text."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from parley.apps.articles.models import Article, Site, Terms

PATH_STEP = 8  # each level of a comment's path is its id in base 36, zero-padded to 7 characters, plus "/"
MAX_DEPTH = 30  # 30 levels fit the 255-character path


class Status(models.TextChoices):
    PENDING = "pending", "Pending review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Declined"
    DELETED = "deleted", "Deleted"


class Commenter(models.Model):
    """Who wrote a comment: a display name, an optional e-mail, and optionally a user account."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="commenters")
    display_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="commenters"
    )
    ip_hash = models.CharField(max_length=64, blank=True, help_text="Salted hash of the first address used.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["site", "email"], name="commenter_site_email"),
            models.Index(fields=["site", "display_name", "ip_hash"], name="commenter_site_name_ip"),
        ]

    def __str__(self) -> str:
        return self.display_name


class CommentQuerySet(models.QuerySet):
    def published(self) -> CommentQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def visible_in_thread(self) -> CommentQuerySet:
        """Published comments, plus withdrawn ones that still have published replies (shown as a tombstone)."""
        return self.filter(Q(status=Status.PUBLISHED) | Q(reply_count__gt=0))


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies")
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Top-level ancestor."
    )
    depth = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=255, blank=True, help_text="Ids of the ancestors and itself, base 36.")
    commenter = models.ForeignKey(Commenter, on_delete=models.PROTECT, related_name="comments")
    author_name = models.CharField(max_length=100, help_text="The name shown, as it was when posted.")

    body_markdown = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    edited_by_moderator = models.BooleanField(default=False)

    terms = models.ForeignKey(Terms, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    verdict = models.JSONField(default=dict, blank=True, help_text="The engine's decision, rules, scores, evidence.")

    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    taken_down_at = models.DateTimeField(
        null=True, blank=True, help_text="When an emergency take-down removed it; it can then only come back on appeal."
    )

    ip_hash = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    reply_count = models.PositiveIntegerField(default=0, help_text="Published replies at any depth below this one.")

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # top-level threads of an article, by newest/oldest and by most replies (cursor pagination)
            models.Index(fields=["article", "parent", "created_at", "id"], name="comment_thread_time"),
            models.Index(fields=["article", "parent", "reply_count", "id"], name="comment_thread_replies"),
            # the replies under a page of threads, in thread order
            models.Index(fields=["root", "path"], name="comment_root_path"),
            # moderation queues and sitemaps
            models.Index(fields=["status", "created_at"], name="comment_status_time"),
            models.Index(fields=["article", "status", "published_at"], name="comment_article_published"),
            # a commenter's history
            models.Index(fields=["commenter", "created_at"], name="comment_commenter_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} by {self.author_name} on {self.article_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("comments:comment", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def ancestor_ids(self) -> list[int]:
        """Ids of every ancestor, from the top-level comment down, read from the path."""
        parts = [p for p in self.path.split("/") if p]
        return [int(p, 36) for p in parts[:-1]]


class EditorKind(models.TextChoices):
    AUTHOR = "author", "Author"
    MODERATOR = "moderator", "Moderator"
    SYSTEM = "system", "System"


class CommentRevision(models.Model):
    """One version of a comment's text. The first is what the author posted; none is ever overwritten."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    body_markdown = models.TextField()
    body_html = models.TextField()
    editor_kind = models.CharField(max_length=10, choices=EditorKind)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["comment", "number"]
        constraints = [models.UniqueConstraint(fields=["comment", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"#{self.comment_id} r{self.number}"
