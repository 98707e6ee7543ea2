"""Reader reports (DSA Art. 16 notices) about published comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class NoticeStatus(models.TextChoices):
    OPEN = "open", "Waiting for review"
    ACTIONED = "actioned", "Comment removed or declined"
    NO_ACTION = "no_action", "Comment kept"


# A reader may say a comment is illegal without naming a rule of the terms.
ILLEGAL = "illegal"


class NoticeQuerySet(models.QuerySet):
    def open(self) -> NoticeQuerySet:
        return self.filter(status=NoticeStatus.OPEN)

    def handled(self) -> NoticeQuerySet:
        return self.exclude(status=NoticeStatus.OPEN)


class Notice(models.Model):
    comment = models.ForeignKey("comments.Comment", on_delete=models.PROTECT, related_name="notices")
    site = models.ForeignKey("articles.Site", on_delete=models.PROTECT, related_name="notices")
    rule = models.CharField(max_length=40, help_text="The rule the reader says the comment breaks, or 'illegal'.")
    explanation = models.TextField(max_length=5000, help_text="Why the reader thinks so (Art. 16(2)(a)).")
    notifier_name = models.CharField(max_length=100, blank=True)
    notifier_email = models.EmailField(blank=True)
    good_faith = models.BooleanField(help_text="The reader confirmed the report is accurate and made in good faith.")
    ip_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=NoticeStatus, default=NoticeStatus.OPEN, db_index=True)
    outcome = models.TextField(blank=True, help_text="What was decided and why, as told to the reader.")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    automated = models.BooleanField(default=False, help_text="Handled by automated means (reported under Art. 15).")
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["comment", "status"], name="notice_comment_status")]

    def __str__(self) -> str:
        return f"Report on #{self.comment_id}: {self.rule} ({self.status})"

    @property
    def handling_time(self):
        return self.handled_at - self.received_at if self.handled_at else None
