"""Which sites a moderator works on; and the permissions of the moderation workspace."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SiteModerator(models.Model):
    """A moderator's scope: a member of the "Moderators" group moderates only the sites listed here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderated_sites")
    site = models.ForeignKey("articles.Site", on_delete=models.CASCADE, related_name="moderators")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["site", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "site"], name="site_moderator_unique")]
        # The workspace's own permissions, given to the groups by a data migration (see permissions.py).
        permissions = [
            ("moderate_comments", "Can moderate comments on the sites in their scope"),
            ("moderate_all_sites", "Can moderate comments on every site"),
            ("restrict_commenters", "Can pre-moderate or ban commenters"),
            ("decide_appeals", "Can decide appeals"),
            ("take_down", "Can take content down at once (emergency take-down)"),
            ("view_reports", "Can view the dashboard and transparency reports"),
            ("export_statements", "Can export statements of reasons"),
            ("manage_moderators", "Can give moderators their sites"),
        ]

    def __str__(self) -> str:
        return f"{self.user} moderates {self.site}"
