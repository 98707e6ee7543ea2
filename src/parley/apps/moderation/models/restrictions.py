"""Restrictions on a commenter: pre-moderation of everything they post, or a ban, each for a time or for good.

Lifting a restriction early keeps it (``lifted_at``), so the history of what was imposed stays complete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RestrictionKind(models.TextChoices):
    PREMODERATE = "premoderate", "Pre-moderate every comment"
    BAN = "ban", "Banned from commenting"


class RestrictionQuerySet(models.QuerySet):
    def active(self, now=None) -> RestrictionQuerySet:
        now = now or timezone.now()
        return self.filter(lifted_at=None, starts_at__lte=now).filter(Q(until=None) | Q(until__gt=now))

    def active_for(self, commenter, now=None) -> CommenterRestriction | None:
        """The restriction that applies to ``commenter`` now; a ban outranks pre-moderation."""
        if commenter is None or commenter.pk is None:
            return None
        found = list(self.active(now).filter(commenter=commenter))
        found.sort(key=lambda r: (r.kind != RestrictionKind.BAN, r.starts_at))
        return found[0] if found else None


class CommenterRestriction(models.Model):
    commenter = models.ForeignKey("comments.Commenter", on_delete=models.PROTECT, related_name="restrictions")
    site = models.ForeignKey("articles.Site", on_delete=models.PROTECT, related_name="restrictions")
    kind = models.CharField(max_length=12, choices=RestrictionKind)
    rule = models.CharField(max_length=40, blank=True, help_text="The rule of the terms that was broken, if one.")
    reason = models.TextField(help_text="Why, in the moderator's words.")
    starts_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True, help_text="Empty: until lifted.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lift_reason = models.CharField(max_length=500, blank=True)
    statement = models.OneToOneField("moderation.StatementOfReasons", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="restriction")

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commenter", "lifted_at"], name="restriction_commenter")]
        constraints = [
            models.CheckConstraint(condition=Q(until=None) | Q(until__gt=models.F("starts_at")),
                                   name="restriction_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.commenter} until {self.until or 'lifted'}"

    @property
    def is_ban(self) -> bool:
        return self.kind == RestrictionKind.BAN

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.lifted_at is None and self.starts_at <= now and (self.until is None or self.until > now)

    def posting_message(self) -> str:
        """What a banned commenter is told when they try to post."""
        until = f" until {timezone.localtime(self.until):%d %B %Y, %H:%M}" if self.until else ""
        return (f"You cannot comment on {self.site.name}{until}: the moderators have restricted your comments. "
                "If you think this is wrong, you can appeal through the link in the message you were sent.")
