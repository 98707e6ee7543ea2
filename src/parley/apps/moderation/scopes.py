"""Giving moderators their sites (admins only), audited like every other change."""

from __future__ import annotations

from django.db import transaction

from parley.apps.moderation.models import SiteModerator, record
from parley.apps.moderation.permissions import require_manage_moderators


@transaction.atomic
def grant_site(user, site, *, actor) -> SiteModerator:
    """Let ``user`` moderate ``site`` (they also need the "Moderators" group)."""
    require_manage_moderators(actor)
    scope, created = SiteModerator.objects.get_or_create(user=user, site=site, defaults={"created_by": actor})
    if created:
        record("moderator.site_granted", actor=actor, reason=site.slug, data={"user": user.pk, "site": site.pk})
    return scope


@transaction.atomic
def revoke_site(user, site, *, actor) -> bool:
    """Stop ``user`` moderating ``site``; returns whether they did."""
    require_manage_moderators(actor)
    deleted, _ = SiteModerator.objects.filter(user=user, site=site).delete()
    if deleted:
        record("moderator.site_revoked", actor=actor, reason=site.slug, data={"user": user.pk, "site": site.pk})
    return bool(deleted)
