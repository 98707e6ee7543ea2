"""Emergency take-downs (TCO Regulation): removed at once, the original preserved for six months (Art. 6)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class TakedownQuerySet(models.QuerySet):
    def preserving(self, now=None) -> TakedownQuerySet:
        """Take-downs whose preserved copy must still be kept."""
        return self.filter(preserve_until__gt=now or timezone.now())


class Takedown(models.Model):
    comment = models.OneToOneField("comments.Comment", on_delete=models.PROTECT, related_name="takedown")
    site = models.ForeignKey("articles.Site", on_delete=models.PROTECT, related_name="takedowns")
    reference = models.CharField(max_length=1000, help_text="What the admin pasted: a URL or a comment id.")
    order_reference = models.CharField(max_length=300, blank=True,
                                       help_text="The removal order's reference, when an authority sent one.")
    authority = models.CharField(max_length=300, blank=True, help_text="The authority that issued the order.")
    reason = models.TextField()
    received_at = models.DateTimeField(help_text="When the order or request was received.")
    executed_at = models.DateTimeField(default=timezone.now)
    executed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    preserve_until = models.DateTimeField(db_index=True,
                                          help_text="The original and its data are kept at least until then.")
    original = models.JSONField(help_text="The comment as it was: text, every revision, author data, status.")
    statement = models.OneToOneField("moderation.StatementOfReasons", on_delete=models.PROTECT,
                                     related_name="takedown")

    objects = TakedownQuerySet.as_manager()

    class Meta:
        ordering = ["-executed_at", "-id"]

    def __str__(self) -> str:
        return f"Take-down of #{self.comment_id} at {self.executed_at:%Y-%m-%d %H:%M:%S}"

    @property
    def time_to_removal(self) -> timedelta:
        return self.executed_at - self.received_at

    @property
    def within_one_hour(self) -> bool:
        """TCO Art. 3(3): removal within one hour of receiving the order."""
        return self.time_to_removal <= timedelta(hours=1)
