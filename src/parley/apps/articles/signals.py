"""Queue an article's embedding when it is created or its title or body changes.

Every way an article is made or edited (the API, the feed import, the admin, ``upsert_article``) saves the
model, so the hook is a ``post_save`` signal. The task is queued once the transaction commits; a failure to
queue is logged and never undoes the save.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from parley.apps.articles.models import Article

log = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "body")


def _text(instance: Article) -> tuple:
    return tuple(instance.__dict__.get(name) for name in TEXT_FIELDS)  # never loads a deferred field


@receiver(post_init, sender=Article, dispatch_uid="parley-article-text-snapshot")
def _remember_text(sender, instance: Article, **kwargs) -> None:
    instance._embedded_text = _text(instance)


@receiver(post_save, sender=Article, dispatch_uid="parley-article-embed")
def _queue_embedding(sender, instance: Article, created: bool, update_fields=None, raw=False, **kwargs) -> None:
    if raw:
        return  # fixtures being loaded
    if update_fields is not None and not set(update_fields) & set(TEXT_FIELDS):
        return
    if not created and getattr(instance, "_embedded_text", None) == _text(instance):
        return
    instance._embedded_text = _text(instance)
    article_id = instance.pk

    def queue() -> None:
        from parley.apps.articles.tasks import embed_article

        try:
            embed_article.enqueue(article_id)
        except Exception:  # noqa: BLE001 - an article is saved even when its vector cannot be made now
            log.exception("could not queue the embedding of article %s", article_id)

    transaction.on_commit(queue, robust=True)


@receiver(post_delete, sender=Article, dispatch_uid="parley-article-related-forget")
def _forget_deleted(sender, instance: Article, **kwargs) -> None:
    from parley.apps.articles.related import forget_article

    site_id, article_id = instance.site_id, instance.pk

    def forget() -> None:
        try:
            forget_article(article_id, site_id)
        except Exception:  # noqa: BLE001
            log.exception("could not drop article %s from the related-articles index", article_id)

    transaction.on_commit(forget, robust=True)
