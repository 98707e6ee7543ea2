"""The append-only audit log of every state change and moderation action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are append-only and cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Audit events are append-only and cannot be deleted.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_label = models.CharField(max_length=150, help_text="Who acted: a user name, 'engine', 'reader', 'api'.")
    action = models.CharField(max_length=50, db_index=True)
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["comment", "created_at"], name="audit_comment_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only and cannot be deleted.")


def record(action: str, *, actor=None, actor_label: str = "", comment=None, article=None, from_status: str = "",
           to_status: str = "", reason: str = "", data: dict | None = None) -> AuditEvent:
    label = actor_label or (actor.get_username() if actor is not None else "system")
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=label,
        comment=comment,
        article=article if article is not None else (comment.article if comment is not None else None),
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        data=data or {},
    )
