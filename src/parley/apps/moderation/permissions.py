"""Who may do what in the moderation workspace.

Three roles, as Django groups (created by migration ``0003_roles``):

* **Parley admins** — everything, on every site: moderate, decide appeals, restrict commenters, emergency
  take-downs, reports and exports, and give moderators their sites.
* **Moderators** — moderate, restrict commenters and decide appeals, but only on the sites a ``SiteModerator`` row
  gives them.
* **Analysts** — read only: the dashboard, transparency reports and the export of statements.

Superusers pass every check. Views call these functions (and raise ``PermissionDenied`` on ``False``); the
services in this app call the ``require_*`` forms themselves, so no code path can skip the check.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from parley.apps.articles.models import Site
from parley.apps.moderation.models import SiteModerator

ADMINS = "Parley admins"
MODERATORS = "Moderators"
ANALYSTS = "Analysts"


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


def moderates_all_sites(user) -> bool:
    return _active(user) and user.has_perm("moderation.moderate_all_sites")


def moderated_sites(user):
    """The sites ``user`` may moderate, as a queryset (empty for anyone who may not moderate)."""
    if moderates_all_sites(user):
        return Site.objects.all()
    if not (_active(user) and user.has_perm("moderation.moderate_comments")):
        return Site.objects.none()
    return Site.objects.filter(pk__in=SiteModerator.objects.filter(user=user).values("site"))


def can_moderate(user, site) -> bool:
    """May ``user`` approve, decline, edit, delete and handle reports on ``site``?"""
    if moderates_all_sites(user):
        return True
    return (_active(user) and user.has_perm("moderation.moderate_comments")
            and SiteModerator.objects.filter(user=user, site=site).exists())


def can_restrict_commenters(user, site) -> bool:
    return can_moderate(user, site) and user.has_perm("moderation.restrict_commenters")


def can_decide_appeals(user, site) -> bool:
    return can_moderate(user, site) and user.has_perm("moderation.decide_appeals")


def can_take_down(user) -> bool:
    return _active(user) and user.has_perm("moderation.take_down")


def can_view_reports(user) -> bool:
    return _active(user) and user.has_perm("moderation.view_reports")


def can_export_statements(user) -> bool:
    return _active(user) and user.has_perm("moderation.export_statements")


def can_manage_moderators(user) -> bool:
    return _active(user) and user.has_perm("moderation.manage_moderators")


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_moderate(user, site) -> None:
    _require(can_moderate(user, site), f"You do not moderate comments on {site.name}.")


def require_restrict(user, site) -> None:
    _require(can_restrict_commenters(user, site), f"You may not restrict commenters on {site.name}.")


def require_decide_appeals(user, site) -> None:
    _require(can_decide_appeals(user, site), f"You may not decide appeals on {site.name}.")


def require_take_down(user) -> None:
    _require(can_take_down(user), "Only Parley admins can take content down.")


def require_manage_moderators(user) -> None:
    _require(can_manage_moderators(user), "Only Parley admins can change which sites a moderator works on.")
