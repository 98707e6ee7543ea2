"""Creating and updating articles by the publisher's external id (used by the API and the feed import)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parley.apps.articles.models import Article, Site

UPDATABLE_FIELDS = ("url", "title", "body", "published_at", "comments_closed", "closed_reason", "close_after_days")


@transaction.atomic
def upsert_article(site: Site, external_id: str, **fields) -> tuple[Article, bool]:
    """Create the article or update the given fields. Returns ``(article, created)``.

    Raises ``django.core.exceptions.ValidationError`` (with per-field messages) for bad values.
    """
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown article fields: {', '.join(sorted(unknown))}")
    article = Article.objects.select_for_update().filter(site=site, external_id=external_id).first()
    created = article is None
    if created:
        article = Article(site=site, external_id=external_id)
    for name, value in fields.items():
        setattr(article, name, value)
    article.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another request created it in the meantime: update that one instead.
        article = Article.objects.select_for_update().get(site=site, external_id=external_id)
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        created = False
    return article, created


__all__ = ["upsert_article", "ValidationError", "UPDATABLE_FIELDS"]
