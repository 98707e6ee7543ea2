"""Removing a comment from every cache: the cache-invalidation hook, called whenever a published comment leaves
the page (any status change away from *published*, see ``statements.on_status_changed``), for moderator edits and
for take-downs.

Parley's own pages and API read the database on every request, and ``set_status`` bumps the article's
``comments_updated_at`` (the sitemap's ``lastmod``). What can still hold a removed comment is a cache in front of
Parley (a CDN or reverse proxy keeps the embed fragment for ``FRAGMENT_MAX_AGE`` seconds). ``invalidate`` tells them,
once the transaction commits:

* the ``content_removed`` signal is sent with the comment and the public URLs that showed it, for code in this
  project to purge what it caches;
* ``settings.PARLEY_PURGE_HOOK``, if set, names a callable ``purge(urls: list[str])`` that asks the CDN to drop
  those URLs.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.module_loading import import_string

from parley.apps.moderation.emails import absolute

log = logging.getLogger(__name__)

# Sent (after commit) with ``comment`` and ``urls`` whenever a comment is removed from public view or edited.
content_removed = Signal()


def public_urls(comment) -> list[str]:
    """Every public URL that can show ``comment``: its article's page, its permalink, the embed fragment, the API
    and the sitemap."""
    article = comment.article
    paths = [
        article.get_absolute_url(),
        comment.get_absolute_url(),
        reverse("embed:fragment") + "?" + urlencode({"site": article.site.slug, "article": article.external_id}),
        reverse("api-v1:article_comments", kwargs={"article_id": article.pk}),
        reverse("api-v1:comment", kwargs={"comment_id": comment.pk}),
        reverse("sitemap"),
    ]
    if comment.parent_id:
        paths.append(reverse("comments:comment", args=[comment.parent_id]))
    return [absolute(path) for path in paths]


def _purge(comment, urls: list[str]) -> None:
    content_removed.send(sender=type(comment), comment=comment, urls=urls)
    hook = getattr(settings, "PARLEY_PURGE_HOOK", "")
    if not hook:
        return
    try:
        import_string(hook)(urls)
    except Exception:  # noqa: BLE001 - a CDN failure must not undo a removal; it is logged for the on-call admin
        log.exception("cache purge hook %s failed for comment %s", hook, comment.pk)


def invalidate(comment) -> list[str]:
    """Purge every cached copy of ``comment``'s public pages once the current transaction commits."""
    urls = public_urls(comment)
    transaction.on_commit(lambda: _purge(comment, urls))
    return urls
