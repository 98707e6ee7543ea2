"""Appeals against a decision (DSA Art. 20 in spirit): free, open for six months, always decided by a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class AppealStatus(models.TextChoices):
    OPEN = "open", "Waiting for review"
    UPHELD = "upheld", "Decision upheld"
    REVERSED = "reversed", "Decision reversed"


class AppealQuerySet(models.QuerySet):
    def open(self) -> AppealQuerySet:
        return self.filter(status=AppealStatus.OPEN)

    def decided(self) -> AppealQuerySet:
        return self.exclude(status=AppealStatus.OPEN)


class Appeal(models.Model):
    statement = models.ForeignKey("moderation.StatementOfReasons", on_delete=models.PROTECT, related_name="appeals")
    site = models.ForeignKey("articles.Site", on_delete=models.PROTECT, related_name="appeals")
    comment = models.ForeignKey("comments.Comment", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="appeals")
    appellant_name = models.CharField(max_length=100, blank=True)
    appellant_email = models.EmailField(blank=True, help_text="Where the reasoned answer is sent.")
    explanation = models.TextField(max_length=5000, help_text="Why the commenter thinks the decision is wrong.")
    status = models.CharField(max_length=10, choices=AppealStatus, default=AppealStatus.OPEN, db_index=True)
    filed_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", help_text="The person who decided; never automatic.")
    answer = models.TextField(blank=True, help_text="The reasoned answer sent to the appellant.")
    answer_sent_at = models.DateTimeField(null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [
            # One appeal waits per decision at a time.
            models.UniqueConstraint(fields=["statement"], condition=Q(status="open"), name="appeal_one_open"),
            # A decided appeal names the person who decided it, when, and why.
            models.CheckConstraint(
                condition=Q(status="open") | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False) & ~Q(answer="")),
                name="appeal_decided_by_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal against statement {self.statement_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN
